"""``kg build --engine dask``: per-article extraction mapped over a Dask cluster.

The driver (the ``kg build`` process) reads the articles and cuts them into
partitions; each partition is one task. A worker loads the spaCy pipeline and
the lexicon once, when ``ExtractorPlugin`` is attached to it, and extracts the
articles of every partition it gets with that one extractor. The results come
back to the driver, which writes the build's outputs as with the local engine.

Streaming: at most ``window`` partitions are in flight, so the driver never
holds more than a window's worth of articles that are not yet extracted, and
results are yielded in the order of the input, whatever order the workers
finish in.

Shards: with ``shard_dir``, every task also returns its partition's named
graphs as sorted N-Quads, which the driver writes to ``shard_dir`` (so the
workers need no shared file system). See ``graph.build.engines.shards`` for why a shard
holds only named graphs and how the shards merge into ``graph.nq``.

Without a scheduler address a local cluster is started for the run and shut
down after it: ``LOCAL_WORKERS`` worker processes of one thread each, no
dashboard. With one (``tcp://host:8786``), the workers must have this project
and its pkuseg model installed; see docs/distributed.md.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, get_worker
from distributed.core import Status

from graph.build.engines import EngineSettings
from graph.build.engines.local import ARTICLES_PER_BATCH, batches, extract_batch
from graph.build.engines.shards import (
    SHARDS_DIR,
    article_graphs_nquads,
    remove_shards,
    write_default_graph,
    write_partition_shard,
)
from graph.core.errors import KgError
from graph.core.records import Article, ArticleResult, Problem
from graph.extract.segmenter import Segmenter

if TYPE_CHECKING:
    from graph.core.knowledge import KnowledgeGraph
    from graph.core.spool import ResultSpool
    from graph.extract.article import ArticleExtractor

PLUGIN_NAME = "kg-article-extractor"
LOCAL_WORKERS = 2
DEFAULT_PARTITION_ARTICLES = 16
# Also cut a partition at this many characters, so a few huge articles do not
# make one task (and its message to the worker) huge.
DEFAULT_PARTITION_CHARS = 1_000_000
DEFAULT_CONNECT_TIMEOUT_S = 30.0


class ExtractorPlugin(WorkerPlugin):
    """Loads the extraction pipeline once per worker process, when attached."""

    name = PLUGIN_NAME
    # A cluster that serves several builds keeps the pipeline it has loaded
    # (new code on the workers needs a worker restart anyway).
    idempotent = True
    _extractor: ArticleExtractor | None = None  # set by setup() on the worker

    async def setup(self, worker: Worker) -> None:
        # In a thread: loading takes seconds, and a blocked event loop would
        # miss the worker's heartbeats.
        from graph.extract.article import (
            ArticleExtractor,  # spaCy: workers only, not the driver
        )

        self._extractor = await asyncio.to_thread(ArticleExtractor)

    def teardown(self, worker: Worker) -> None:
        closing = worker.status in (Status.closing, Status.closing_gracefully, Status.closed)
        # Only in a process a nanny ends with a deadline (not in a thread of the driver).
        if closing and worker.nanny is not None and self._extractor is not None:
            _keep_until_exit(self._extractor)
        self._extractor = None

    @property
    def extractor(self) -> ArticleExtractor:
        if self._extractor is None:
            raise KgError("the extraction pipeline did not load on this Dask worker (see its log); restart the workers")
        return self._extractor


def _keep_until_exit(obj: object) -> None:
    """Leave ``obj`` to the operating system when the process ends.

    Freeing the segmenter's millions of small strings at interpreter exit
    takes seconds, longer than the nanny waits before it kills a closing
    worker (with a warning); the process is ending, so skip it: a reference
    cycle that the garbage collector no longer looks at is never freed.
    """
    holder: list[object] = [obj]
    holder.append(holder)
    gc.freeze()


@dataclass(frozen=True)
class PartitionOutput:
    """What a worker sends back for one partition."""

    results: tuple[ArticleResult | Problem, ...]  # in the partition's order
    nquads: str | None  # the named graphs of its extracted articles, when shards were asked for


def extract_partition(articles: tuple[Article, ...], with_shard: bool) -> PartitionOutput:
    """The task: extract every article of a partition with the worker's extractor.

    An article whose extraction fails is a ``Problem``, as with the local engine.
    """
    # The worker keeps its plugins by name, typed as the base class: this name is an ExtractorPlugin.
    extractor = cast(ExtractorPlugin, get_worker().plugins[PLUGIN_NAME]).extractor
    results = tuple(
        result for batch in batches(articles, ARTICLES_PER_BATCH) for result in extract_batch(extractor, batch)
    )
    extracted = [r for r in results if isinstance(r, ArticleResult)]
    return PartitionOutput(results, article_graphs_nquads(extracted) if with_shard and extracted else None)


def partitions(articles: Iterable[Article], *, max_articles: int, max_chars: int) -> Iterator[tuple[Article, ...]]:
    """Consecutive runs of ``articles``: at most ``max_articles``, and cut once
    ``max_chars`` characters are reached (a single longer article is its own partition)."""
    if max_articles < 1 or max_chars < 1:
        raise ValueError("partitions need max_articles >= 1 and max_chars >= 1")
    batch: list[Article] = []
    chars = 0
    for article in articles:
        batch.append(article)
        chars += len(article.text)
        if len(batch) >= max_articles or chars >= max_chars:
            yield tuple(batch)
            batch, chars = [], 0
    if batch:
        yield tuple(batch)


def local_cluster(n_workers: int = LOCAL_WORKERS) -> LocalCluster:
    """Worker processes of one thread each on this machine, no dashboard, loopback only."""
    return LocalCluster(  # type: ignore[no-untyped-call]  # distributed ships no annotations for LocalCluster.__init__
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        # The scheduler serves its HTTP routes (health, metrics) even without a
        # dashboard, by default on port 8787: a free loopback port instead, so a
        # second cluster on this machine neither clashes nor warns.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )


@contextmanager
def dask_client(scheduler: str | None, *, connect_timeout: float = DEFAULT_CONNECT_TIMEOUT_S) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster started (and stopped) here."""
    if scheduler is None:
        with local_cluster() as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]  # distributed ships no annotations for Client.__init__
            yield client
        return
    try:
        client = Client(scheduler, timeout=connect_timeout)  # type: ignore[no-untyped-call]  # distributed ships no annotations for Client.__init__
    except (OSError, ValueError, TypeError) as err:  # unreachable, timed out, or not an address
        raise KgError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    with client:
        try:
            client.wait_for_workers(1, timeout=connect_timeout)
        except TimeoutError as err:
            raise KgError(f"the Dask scheduler at {scheduler} has no worker (waited {connect_timeout:g} s)") from err
        yield client


def load_pipeline_on_workers(client: Client) -> None:
    """Attach ``ExtractorPlugin`` to every worker (and to those that join later)."""
    try:
        client.register_plugin(ExtractorPlugin())
    except Exception as err:  # whatever the worker raised, re-raised here
        detail = str(err) if isinstance(err, KgError) else f"{type(err).__name__}: {err}"
        raise KgError(f"a Dask worker could not load the extraction pipeline: {detail}") from err


def extract_with_dask(
    articles: Iterable[Article],
    scheduler: str | None = None,
    *,
    shard_dir: Path | None = None,
    partition_articles: int = DEFAULT_PARTITION_ARTICLES,
    partition_chars: int = DEFAULT_PARTITION_CHARS,
    window: int | None = None,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT_S,
) -> Iterator[ArticleResult | Problem]:
    """Extract ``articles`` on a Dask cluster; yield their results in input order.

    An article whose extraction fails comes back as a ``Problem`` naming it.

    ``scheduler`` is an address such as ``tcp://host:8786``; None starts a
    local cluster for this run. With ``shard_dir``, each partition's named
    graphs are written there as ``graph.build.engines.shards`` names them (earlier shards
    are left alone). ``window`` bounds the partitions in flight (default:
    twice the cluster's worker threads).
    """
    chunks = partitions(articles, max_articles=partition_articles, max_chars=partition_chars)
    first = next(chunks, None)
    if first is None:
        return  # nothing to extract: no cluster to start
    with dask_client(scheduler, connect_timeout=connect_timeout) as client:
        load_pipeline_on_workers(client)
        if window is None:
            threads: dict[str, int] = client.nthreads()  # type: ignore[no-untyped-call]  # distributed ships no annotations for Client.nthreads
            window = max(2, 2 * sum(threads.values()))
        run = uuid.uuid4().hex[:12]  # task keys unique to this run on a shared scheduler
        # After an error or an early stop, closing the client releases what is still queued.
        pending: deque[Future[PartitionOutput]] = deque()
        for index, partition in enumerate(itertools.chain([first], chunks)):
            key = f"kg-extract-{run}-{index}"
            pending.append(client.submit(extract_partition, partition, shard_dir is not None, key=key))
            if len(pending) >= window:
                yield from _collect(pending.popleft(), shard_dir)
        while pending:
            yield from _collect(pending.popleft(), shard_dir)


def _collect(future: Future[PartitionOutput], shard_dir: Path | None) -> Iterator[ArticleResult | Problem]:
    output = future.result()
    future.release()  # type: ignore[no-untyped-call]  # distributed ships no annotations for Future.release
    if shard_dir is not None and output.nquads is not None:
        extracted = (r.article.article_id for r in output.results if isinstance(r, ArticleResult))
        write_partition_shard(shard_dir, extracted, output.nquads)
    yield from output.results


class DaskEngine:
    """Extraction on a Dask cluster; the workers also write each partition's N-Quads shard."""

    # The Dask client runs threads in this process: the outputs are written in one.
    output_processes = 1

    def __init__(self, settings: EngineSettings) -> None:
        if settings.segmenter != Segmenter.PKUSEG:
            raise KgError("--segmenter applies to the local engine only")
        self.settings = settings
        self.shard_dir = settings.out_dir / SHARDS_DIR

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult | Problem]:
        remove_shards(self.shard_dir)  # an update may drop replaced articles: old shards cannot be trusted
        return extract_with_dask(articles, self.settings.scheduler, shard_dir=self.shard_dir)

    def finish(self, kg: KnowledgeGraph, spool: ResultSpool, reused: Sequence[str]) -> None:
        """The workers wrote one N-Quads shard per partition of the articles they
        extracted; add the reused articles' graphs and the default graph (entities,
        written once from the merged graph), so the union of the shards is graph.nq."""
        if reused:
            write_partition_shard(self.shard_dir, reused, article_graphs_nquads(spool.results(reused)))
        write_default_graph(kg, self.shard_dir)

    def close(self) -> None:
        """Nothing to release here: the pipeline lives on the workers, which end with the client."""
