"""Worker processes that run SPARQL queries under a time limit.

An Oxigraph query cannot be cancelled from Python, so each query runs in a
worker process that can be killed: the endpoint waits for the answer until
the deadline, then kills that worker, starts a fresh one in the background
and answers the client at once; the other workers keep answering. Each
worker loads the graph once, when it starts, and then answers queries one
at a time from its own in-memory store.

>>> with QueryPool(Path("output"), workers=2, timeout_s=10) as pool:   # doctest: +SKIP
...     pool.run(QueryJob("ASK { ?s ?p ?o }", "application/sparql-results+json", None, max_rows=10))
QueryAnswer(outcome=<Outcome.OK: 'ok'>, ...)
"""

from __future__ import annotations

import enum
import logging
import multiprocessing
import queue
import resource
import signal
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TypeVar

from pyoxigraph import QueryResultsFormat, QueryTriples, RdfFormat, Store

from graph.core.errors import KgError, QueryError, QueryRefusedError
from graph.serve.results import serialize_limited
from graph.serve.store import QUERY_STACK_BYTES, load_store, run_query

log = logging.getLogger(__name__)

# A worker's address-space limit: room for the store (a few times the size of
# its file) and for the queries; past it the worker dies, not the machine
# (sorting a large cartesian product takes hundreds of MB a second).
MEMORY_FLOOR_BYTES = 2 * 2**30
MEMORY_PER_GRAPH_FILE_BYTE = 50


def default_memory_limit(graph_file: Path) -> int:
    """The memory limit of a worker serving ``graph_file``: 2 GiB plus 50 times the file's size."""
    return MEMORY_FLOOR_BYTES + MEMORY_PER_GRAPH_FILE_BYTE * graph_file.stat().st_size


# Spawned, not forked: the endpoint's process runs threads, and a forked
# child would inherit their locks in whatever state they were.
_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker, with the formats the client accepts for each kind of result."""

    query: str
    results_media_type: str | None  # SELECT and ASK; None: the client accepts none
    graph_media_type: str | None  # CONSTRUCT and DESCRIBE; None: the client accepts none
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class Outcome(enum.Enum):
    OK = "ok"
    MALFORMED = "malformed"  # a syntax error: the parser's message
    REFUSED = "refused"  # an update or SERVICE
    NOT_ACCEPTABLE = "not-acceptable"  # no format the client accepts for this kind of result
    FAILED = "failed"  # evaluation failed


@dataclass(frozen=True)
class QueryAnswer:
    outcome: Outcome
    body: bytes = b""
    media_type: str = ""
    truncated: bool = False
    message: str = ""


class QueryTimeoutError(Exception):
    """The query did not finish within the time limit (its worker was killed)."""


class WorkerFailedError(Exception):
    """The worker died while running the query (out of memory, killed from outside)."""


_Format = TypeVar("_Format", QueryResultsFormat, RdfFormat)


def _known(found: _Format | None) -> _Format:
    """A format of a media type the server negotiated from its own offers, so always one Oxigraph knows."""
    if found is None:
        raise ValueError("a negotiated media type that Oxigraph does not know")
    return found


def answer(store: Store, job: QueryJob) -> QueryAnswer:
    """Run ``job`` on ``store``: the serialized results, or why there are none."""
    try:
        results = run_query(store, job.query, default_graphs=job.default_graphs, named_graphs=job.named_graphs)
        media_type = job.graph_media_type if isinstance(results, QueryTriples) else job.results_media_type
        if media_type is None:
            kind = "RDF triples" if isinstance(results, QueryTriples) else "SPARQL results"
            return QueryAnswer(Outcome.NOT_ACCEPTABLE, message=f"the Accept header allows no format for {kind}")
        serialized = serialize_limited(
            results,
            results_format=_known(QueryResultsFormat.from_media_type(job.results_media_type or "application/json")),
            graph_format=_known(RdfFormat.from_media_type(job.graph_media_type or "text/turtle")),
            max_rows=job.max_rows,
        )
    except QueryRefusedError as err:
        return QueryAnswer(Outcome.REFUSED, message=str(err))
    except QueryError as err:
        return QueryAnswer(Outcome.MALFORMED, message=str(err))
    except (OSError, ValueError, RuntimeError) as err:
        # Errors met while iterating (Oxigraph raises them lazily).
        return QueryAnswer(Outcome.FAILED, message=f"query failed: {err}")
    return QueryAnswer(Outcome.OK, serialized.body, serialized.media_type, serialized.truncated)


def _worker_main(conn: Connection, graph: str, memory_limit_bytes: int | None) -> None:
    """A worker: load the graph once, then answer jobs until the pipe closes, on a thread with a deep stack."""
    # Ctrl-C in the terminal reaches the whole process group; the endpoint stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit_bytes is not None:
        # The query thread's deep stack (see graph.serve.store) is reserved on top of the limit.
        address_space = memory_limit_bytes + QUERY_STACK_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    threading.stack_size(QUERY_STACK_BYTES)
    answering = threading.Thread(target=_serve_jobs, args=(conn, graph), name="kg-query")
    try:
        answering.start()
    except RuntimeError as err:
        conn.send(("failed", f"cannot start a query thread with a {QUERY_STACK_BYTES // 2**20} MiB stack: {err}"))
        return
    answering.join()


def _serve_jobs(conn: Connection, graph: str) -> None:
    try:
        store = load_store(Path(graph))
    except KgError as err:
        conn.send(("failed", str(err)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, job))


def _exit_reason(code: int | None) -> str:
    """``signal SIGSEGV`` for a process killed by a signal, else ``exit status N``."""
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"exit status {code}"


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


DEFAULT_CACHE_BYTES = 64 * 2**20


class AnswerCache:
    """Answers by job, the least recently used dropped first, up to ``max_bytes`` of bodies.

    The graph a pool serves never changes while it serves it, so an answer
    stays right: a repeated query (a dashboard, the bundled queries) is
    answered without a worker. Failures and time-outs are not kept: they may
    not happen again.
    """

    KEPT = frozenset({Outcome.OK, Outcome.MALFORMED, Outcome.REFUSED, Outcome.NOT_ACCEPTABLE})

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[QueryJob, QueryAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, job: QueryJob) -> QueryAnswer | None:
        with self._lock:
            found = self._answers.get(job)
            if found is not None:
                self._answers.move_to_end(job)
            return found

    def put(self, job: QueryJob, answer: QueryAnswer) -> None:
        size = len(answer.body) + len(job.query)
        if answer.outcome not in self.KEPT or size > self.max_bytes:
            return
        with self._lock:
            if job in self._answers:
                return
            self._answers[job] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                old_job, old = self._answers.popitem(last=False)
                self._bytes -= len(old.body) + len(old_job.query)

    def __len__(self) -> int:
        return len(self._answers)


class QueryPool:
    """``workers`` processes, each with the graph loaded, answering one query at a time under ``timeout_s``.

    ``memory_limit_bytes`` caps each worker's address space besides its
    ``QUERY_STACK_BYTES`` query stack (None: no cap). Answers are cached up
    to ``cache_bytes`` (0: no cache).
    """

    def __init__(
        self,
        graph: Path,
        *,
        workers: int,
        timeout_s: float,
        memory_limit_bytes: int | None = None,
        start_timeout_s: float = 300.0,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
    ) -> None:
        self.graph = graph
        self.cache = AnswerCache(cache_bytes)
        self.workers = workers
        self.timeout_s = timeout_s
        self.memory_limit_bytes = memory_limit_bytes
        self.start_timeout_s = start_timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def __enter__(self) -> QueryPool:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and wait until each has loaded the graph; ``KgError`` if one cannot."""
        pending = [self._spawn() for _ in range(self.workers)]
        try:
            for worker in pending:
                self._wait_ready(worker)
        except BaseException:
            self.close()
            raise
        for worker in pending:
            self._idle.put(worker)

    def run(self, job: QueryJob) -> QueryAnswer:
        """The worker's answer to ``job``.

        ``QueryTimeoutError`` past the time limit, the wait for a free worker
        included; ``WorkerFailedError`` if the worker dies.
        """
        cached = self.cache.get(job)
        if cached is not None:
            return cached
        deadline = time.monotonic() + self.timeout_s
        try:
            worker = self._idle.get(timeout=self.timeout_s)
        except queue.Empty:
            raise QueryTimeoutError("every worker is busy") from None
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise QueryTimeoutError(f"the query ran longer than {self.timeout_s:g} s")
            result: QueryAnswer = worker.conn.recv()
        except (EOFError, OSError) as err:
            worker.process.join(timeout=1)
            code = worker.process.exitcode
            self._replace(worker)
            raise WorkerFailedError(
                f"the query worker stopped ({_exit_reason(code)}); "
                "a query that needs more memory or deeper nesting than allowed ends so"
            ) from err
        self._idle.put(worker)
        self.cache.put(job, result)
        return result

    def close(self) -> None:
        """Stop every worker, busy or idle."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()

    def _spawn(self) -> _Worker:
        parent_end, child_end = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_worker_main, args=(child_end, str(self.graph), self.memory_limit_bytes), daemon=True
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        with self._lock:
            self._all.add(worker)
        return worker

    def _wait_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(self.start_timeout_s):
            raise KgError(f"a query worker did not load {self.graph} within {self.start_timeout_s:g} s")
        try:
            status, message = worker.conn.recv()
        except (EOFError, OSError) as err:
            raise KgError(f"a query worker stopped while loading {self.graph}") from err
        if status != "ready":
            raise KgError(message)

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background; the caller answers its client meanwhile."""
        self._forget(worker)
        threading.Thread(target=self._add_fresh_worker, name="kg-worker-start", daemon=True).start()

    def _add_fresh_worker(self) -> None:
        with self._lock:
            if self._closed:
                return
        worker = self._spawn()
        try:
            self._wait_ready(worker)
        except KgError as err:
            log.error("could not replace a query worker: %s", err)
            self._forget(worker)
            return
        with self._lock:
            closed = self._closed
        if closed:
            self._forget(worker)
        else:
            self._idle.put(worker)
