"""Per-article extraction in one process or several, in input order.

Articles go to the extractor in batches of ``ARTICLES_PER_BATCH``, so the
LAC encoder sees many sentences at once (``ArticleExtractor.extract_batch``).
Each worker process loads the spaCy pipeline once (in the pool initializer)
and then extracts the batches it is sent. Batches are submitted through a
bounded window, so a large input is streamed rather than queued whole, and
results come back in the order the articles were read: the build is the same
whatever the number of processes.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING, Protocol

from graph.build.engines import EngineSettings
from graph.core.records import Article, ArticleResult, Problem

if TYPE_CHECKING:
    from graph.core.knowledge import KnowledgeGraph
    from graph.core.spool import ResultSpool
    from graph.extract.article import ArticleExtractor

# Articles extracted together: enough sentences for the encoder to batch
# sentences of similar lengths, few enough to keep memory flat.
ARTICLES_PER_BATCH = 16
# Batches in flight per worker: one being extracted, one waiting, so no worker
# idles while the parent takes results.
WINDOW_PER_JOB = 2

MAX_REASON = 300  # characters of an error message kept in the problems report

_worker_extractor: ArticleExtractor | None = None  # one per worker process, made by _load_extractor


class BatchExtractor(Protocol):
    """What ``extract_batch`` needs of an extractor (``ArticleExtractor`` is one)."""

    def extract_batch(self, articles: Sequence[Article]) -> Sequence[ArticleResult | Exception]: ...


def batches(items: Iterable[Article], size: int) -> Iterator[tuple[Article, ...]]:
    """Consecutive runs of ``size`` items (the last may be shorter); ``itertools.batched`` from Python 3.12."""
    iterator = iter(items)
    while batch := tuple(islice(iterator, size)):
        yield batch


def extract_batch(extractor: BatchExtractor, articles: Sequence[Article]) -> list[ArticleResult | Problem]:
    """``extractor.extract_batch(articles)``, with a Problem naming each article that failed.

    One article that trips an extraction bug must not lose the whole build.
    """
    results = extractor.extract_batch(articles)
    return [_problem(article, r) if isinstance(r, Exception) else r for article, r in zip(articles, results)]


def _problem(article: Article, err: Exception) -> Problem:
    message = str(err)
    if len(message) > MAX_REASON:  # some errors quote the whole article
        message = message[:MAX_REASON] + "…"
    return Problem(article.source, f"extraction failed: {type(err).__name__}: {message}")


def _load_extractor(segmenter: str) -> None:
    global _worker_extractor
    from graph.extract.article import ArticleExtractor

    _worker_extractor = ArticleExtractor(segmenter=segmenter)
    _freeze_loaded_objects()


def _freeze_loaded_objects() -> None:
    """The loaded pipeline is millions of objects that live as long as the process:
    frozen, the garbage collector stops rescanning them for every article
    (about 0.9 → 0.2 s of CPU per MB of text)."""
    gc.freeze()


def _extract_in_worker(articles: tuple[Article, ...]) -> list[ArticleResult | Problem]:
    assert _worker_extractor is not None, "the pool initializer (_load_extractor) makes it"
    return extract_batch(_worker_extractor, articles)


def extract_in_processes(
    articles: Iterable[Article], jobs: int, *, segmenter: str = "pkuseg"
) -> Iterator[ArticleResult | Problem]:
    """Extract with ``jobs`` worker processes; results in input order."""
    remaining = batches(articles, ARTICLES_PER_BATCH)
    first = next(remaining, None)
    if first is None:
        return  # nothing to extract: start no workers
    # spawn, not fork: workers start clean, without the parent's threads or locks.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=jobs, initializer=_load_extractor, initargs=(segmenter,)) as pool:
        pending: deque[AsyncResult[list[ArticleResult | Problem]]] = deque()
        for batch in chain((first,), remaining):
            pending.append(pool.apply_async(_extract_in_worker, (batch,)))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


class LocalEngine:
    """Extraction in this process (``jobs`` 1) or in ``jobs`` worker processes."""

    def __init__(self, settings: EngineSettings) -> None:
        if settings.scheduler is not None:
            from graph.core.errors import KgError

            raise KgError("--scheduler applies to the dask engine only")
        self.settings = settings
        # The extraction workers are gone once extraction is over: their cores can write outputs.
        self.output_processes = settings.jobs
        self._extractor: ArticleExtractor | None = None

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult | Problem]:
        if self.settings.jobs > 1:
            return extract_in_processes(articles, self.settings.jobs, segmenter=self.settings.segmenter)
        return self._extract_here(articles)

    def _extract_here(self, articles: Iterable[Article]) -> Iterator[ArticleResult | Problem]:
        for batch in batches(articles, ARTICLES_PER_BATCH):
            if self._extractor is None:  # at the first article: an update that reuses everything never pays for it
                from graph.extract.article import ArticleExtractor

                self._extractor = ArticleExtractor(segmenter=self.settings.segmenter)
                _freeze_loaded_objects()
            yield from extract_batch(self._extractor, batch)

    def finish(self, kg: KnowledgeGraph, spool: ResultSpool, reused: Sequence[str]) -> None:
        """Nothing to complete: the outputs are the build."""

    def close(self) -> None:
        """Let the spaCy pipeline (about 1 GB, most of it pkuseg's model) go before
        the graph is assembled: the two never need to be in memory together."""
        if self._extractor is not None:
            from graph.extract.nlp import release_pipelines

            self._extractor = None
            release_pipelines()
        gc.collect()
