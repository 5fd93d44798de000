"""kg serve under load and abuse, on loopback: a real ``kg serve`` process measured through /proc.

- load: 500 queries from 8 concurrent clients, every answer checked against
  the one the same request gets alone; the memory of the server's process
  tree, its threads and its workers before and after;
- abuse: an endless query stopped at ``--timeout``, updates and federation
  refused by every transport, a 10 MB body refused from its headers, a burst
  of connections while the server is paused, deeply nested queries.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import cycle, islice, product
from pathlib import Path

import pytest

from tests.served import (
    KgServe,
    Reply,
    get_query,
    http,
    kg_serve,
    reset_peak_rss,
    status_field,
    tree_rss_bytes,
    wait_until,
    worker_pids,
)
from tests.sparql_samples import write_sample_build

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"

CLIENTS = 8
LOAD_QUERIES = 500
WARM_UP_QUERIES = 200
LOAD_WORKERS = 3
# Growth of the server's process tree (server, workers, multiprocessing's
# resource tracker) over the 500 queries, after a warm-up of 200 that fills
# the allocators' pools: measured 0.2 to 0.7 MiB. Keeping every answer would
# take at least 6.5 MiB (the answers total that, once in a worker and once in
# the server), so 4 MiB is far above the noise and below any per-query leak.
LEAK_BOUND_BYTES = 4 * 2**20

TIMEOUT_S = 1.0
MAX_BODY = 65_536
TEN_MB = 10 * 2**20

ASK_PEOPLE = "ASK { ?p a schema:Person }"
# Four copies of the sample graph (about 450 triples) side by side: 4·10^10 rows to count.
ENDLESS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_build(tmp_path_factory.mktemp("load_build"))


# --- Load ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadRequest:
    """One query as a client sends it: transport and wanted format."""

    query: str
    transport: str  # "get", "post-form" or "post-body"
    accept: str

    def send(self, sparql: str) -> Reply:
        headers = {"Accept": self.accept}
        if self.transport == "get":
            return http(sparql + "?" + urllib.parse.urlencode({"query": self.query}), headers=headers)
        if self.transport == "post-form":
            data = urllib.parse.urlencode({"query": self.query}).encode()
            return http(sparql, data=data, headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
        return http(sparql, data=self.query.encode(), headers={**headers, "Content-Type": "application/sparql-query"})


def load_mix() -> list[LoadRequest]:
    """Every bundled query, the whole graph (the largest answer) and an ASK, by every transport and format."""
    selects = [path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))]
    selects += ["SELECT ?s ?p ?o { ?s ?p ?o }", ASK_PEOPLE]
    formats = ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]
    mix = [LoadRequest(q, t, f) for q, t, f in product(selects, ["get", "post-form", "post-body"], formats)]
    describe = "DESCRIBE <https://w3id.org/cnkg/id/softwareapplication/sora>"
    mix += [LoadRequest(describe, t, "text/turtle") for t in ("get", "post-form", "post-body")]
    return mix


@dataclass(frozen=True)
class LoadReport:
    solo_statuses: frozenset[int]  # of each request of the mix sent alone
    failures: tuple[str, ...]
    answer_bytes: int  # all answers of the measured run together
    rss_before: int
    rss_after: int
    threads_before: int
    threads_after: int
    workers_before: frozenset[int]
    workers_after: frozenset[int]


def settled_thread_count(pid: int, settle_s: float = 0.5, timeout_s: float = 5.0) -> int:
    """The process's thread count once it has not changed for ``settle_s``."""
    deadline = time.monotonic() + timeout_s
    count, since = status_field(pid, "Threads"), time.monotonic()
    while time.monotonic() - since < settle_s and time.monotonic() < deadline:
        time.sleep(0.05)
        now = status_field(pid, "Threads")
        if now != count:
            count, since = now, time.monotonic()
    return count


def run_clients(served: KgServe, requests: list[LoadRequest], expected: dict[LoadRequest, Reply]) -> list[str]:
    """Send ``requests`` from ``CLIENTS`` threads; what went wrong, one line per failed request."""

    def one(request: LoadRequest) -> str | None:
        try:
            reply = request.send(served.sparql)
        except OSError as err:
            return f"{request.transport} {request.query[:40]!r}: {err!r}"
        want = expected[request]
        if (reply.status, reply.body) != (want.status, want.body):
            return f"{request.transport} {request.query[:40]!r}: {reply.status} {reply.body[:80]!r}"
        return None

    with ThreadPoolExecutor(max_workers=CLIENTS) as clients:
        return [failure for failure in clients.map(one, requests) if failure is not None]


@pytest.fixture(scope="module")
def load_report(build: Path) -> Iterator[LoadReport]:
    mix = load_mix()
    # No answer cache: every one of the 500 queries must be run by a worker.
    with kg_serve(build, "--workers", str(LOAD_WORKERS), "--timeout", "30", "--cache-mb", "0") as served:
        expected = {request: request.send(served.sparql) for request in mix}  # one at a time
        warm_up = run_clients(served, list(islice(cycle(mix), WARM_UP_QUERIES)), expected)
        # The warm-up's last request threads may still be closing their sockets too.
        threads_idle = settled_thread_count(served.pid)
        rss_before, workers_before = tree_rss_bytes(served.pid), worker_pids(served.pid)
        measured = list(islice(cycle(mix), LOAD_QUERIES))
        failures = run_clients(served, measured, expected)
        # A request's thread may still be closing its socket when its client has the answer.
        wait_until(lambda: status_field(served.pid, "Threads") <= threads_idle, timeout_s=5)
        yield LoadReport(
            solo_statuses=frozenset(reply.status for reply in expected.values()),
            failures=tuple(warm_up + failures),
            answer_bytes=sum(len(expected[request].body) for request in measured),
            rss_before=rss_before,
            rss_after=tree_rss_bytes(served.pid),
            threads_before=threads_idle,
            threads_after=status_field(served.pid, "Threads"),
            workers_before=frozenset(workers_before),
            workers_after=frozenset(worker_pids(served.pid)),
        )


def test_every_request_of_the_mix_is_answered_when_sent_alone(load_report: LoadReport) -> None:
    # The reference answers are real answers, not errors compared with errors.
    assert load_report.solo_statuses == {200}


def test_500_queries_from_8_clients_all_get_the_right_answer(load_report: LoadReport) -> None:
    assert load_report.failures == ()


def test_memory_of_the_server_process_tree_stays_within_the_bound(load_report: LoadReport) -> None:
    assert load_report.rss_after - load_report.rss_before < LEAK_BOUND_BYTES


def test_keeping_every_answer_would_break_the_memory_bound(load_report: LoadReport) -> None:
    # So the bound above would catch a leak of one answer per query.
    assert load_report.answer_bytes > LEAK_BOUND_BYTES


def test_no_request_thread_is_left_behind(load_report: LoadReport) -> None:
    assert load_report.threads_after == load_report.threads_before


def test_the_same_workers_answer_the_whole_load(load_report: LoadReport) -> None:
    # None died or was replaced under load.
    assert load_report.workers_after == load_report.workers_before


def test_workers_option_sets_the_number_of_query_workers(load_report: LoadReport) -> None:
    assert len(load_report.workers_before) == LOAD_WORKERS


# --- Abuse: one server with a short time limit and a small body limit -------------------------------


@pytest.fixture(scope="module")
def abused(build: Path) -> Iterator[KgServe]:
    # No answer cache: "answers again" must mean a live worker answered.
    options = ["--timeout", str(TIMEOUT_S), "--workers", "2", "--max-body-bytes", str(MAX_BODY), "--cache-mb", "0"]
    with kg_serve(build, *options) as served:
        yield served


def answers_again(served: KgServe) -> bool:
    return get_query(served.sparql, ASK_PEOPLE).body == b'{"head":{},"boolean":true}'


def test_endless_query_is_stopped_at_the_time_limit(abused: KgServe) -> None:
    started = time.monotonic()
    reply = get_query(abused.sparql, ENDLESS)
    elapsed = time.monotonic() - started
    assert (reply.status, reply.text) == (503, f"query stopped: the query ran longer than {TIMEOUT_S:g} s\n")
    assert TIMEOUT_S <= elapsed < TIMEOUT_S + 4


def test_server_answers_again_after_every_worker_was_stopped(abused: KgServe) -> None:
    with ThreadPoolExecutor(max_workers=4) as clients:  # more endless queries than workers
        statuses = {reply.status for reply in clients.map(lambda _: get_query(abused.sparql, ENDLESS), range(4))}
    assert statuses == {503}
    assert wait_until(lambda: answers_again(abused), timeout_s=30)


def test_stopped_workers_are_replaced_and_reaped(build: Path) -> None:
    with kg_serve(build, "--timeout", str(TIMEOUT_S), "--workers", "2") as served:
        stopped_workers = worker_pids(served.pid)
        with ThreadPoolExecutor(max_workers=2) as clients:
            list(clients.map(lambda _: get_query(served.sparql, ENDLESS), range(2)))
        replaced = wait_until(lambda: len(worker_pids(served.pid) - stopped_workers) == 2, timeout_s=30)
        assert replaced
        assert not any(Path(f"/proc/{pid}").exists() for pid in stopped_workers)  # no zombies


# --- Abuse: updates and federation ------------------------------------------------------------------


@pytest.fixture
def trap() -> Iterator[socket.socket]:
    """A loopback port that LOAD and SERVICE name; no connection may ever reach it."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        yield listener


def trap_url(listener: socket.socket) -> str:
    return f"http://127.0.0.1:{listener.getsockname()[1]}/"


def was_called(listener: socket.socket) -> bool:
    return bool(select.select([listener], [], [], 0)[0])


UPDATES = [
    'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }',
    "DELETE WHERE { ?s ?p ?o }",
    'DELETE { ?s ?p ?o } INSERT { ?s ?p "x" } WHERE { ?s ?p ?o }',
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <TRAP/data.ttl>",
    "LOAD SILENT <TRAP/data.ttl> INTO GRAPH <http://example.org/g>",
    "CLEAR ALL",
    "CLEAR SILENT DEFAULT",
    "DROP ALL",
    "CREATE GRAPH <http://example.org/g>",
    "COPY DEFAULT TO <http://example.org/g>",
    "prefix ex: <http://example.org/>\n# a comment\ninsert data { ex:a ex:b ex:c }",
]
FEDERATED = [
    "SELECT * { SERVICE <TRAP/sparql> { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT <TRAP/sparql> { ?s ?p ?o } }",
    "select * { ?x ?y ?z OPTIONAL { service <TRAP/sparql> { ?x ?p ?o } } }",
    "SELECT * { { SELECT ?s { SERVICE <TRAP/sparql> { ?s ?p ?o } } } }",
    "SELECT * { VALUES ?endpoint { <TRAP/sparql> } SERVICE ?endpoint { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <TRAP/sparql> { ?s ?p ?o } }",
]
FORM = "application/x-www-form-urlencoded"


def send(sparql: str, transport: str, text: str) -> Reply:
    """``text`` sent as a query or as an update, by GET, form POST or direct POST."""
    if transport in ("get-query", "get-update"):
        field = transport.removeprefix("get-")
        return http(sparql + "?" + urllib.parse.urlencode({field: text}))
    if transport in ("form-query", "form-update"):
        field = transport.removeprefix("form-")
        return http(sparql, data=urllib.parse.urlencode({field: text}).encode(), headers={"Content-Type": FORM})
    content_type = {"body-query": "application/sparql-query", "body-update": "application/sparql-update"}[transport]
    return http(sparql, data=text.encode(), headers={"Content-Type": content_type})


TRANSPORTS = ["get-query", "get-update", "form-query", "form-update", "body-query", "body-update"]


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("operation", UPDATES + FEDERATED)
def test_updates_and_federation_are_refused(
    abused: KgServe, trap: socket.socket, operation: str, transport: str
) -> None:
    reply = send(abused.sparql, transport, operation.replace("TRAP/", trap_url(trap)))
    assert reply.status == 403
    assert not was_called(trap)


def test_refused_updates_change_nothing(abused: KgServe, trap: socket.socket) -> None:
    count = "SELECT (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    before = get_query(abused.sparql, count).body
    for operation, transport in product(UPDATES, TRANSPORTS):
        send(abused.sparql, transport, operation.replace("TRAP/", trap_url(trap)))
    assert get_query(abused.sparql, count).body == before


# --- Abuse: large bodies ----------------------------------------------------------------------------


def padded_ask(size: int) -> bytes:
    """An ASK query of exactly ``size`` bytes, padded with a comment."""
    query = b"\nASK { ?p a schema:Person }"
    return b"#" + b"x" * (size - 1 - len(query)) + query


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("application/sparql-query", 413), (FORM, 413), ("application/sparql-update", 403), ("text/plain", 415)],
)
def test_ten_megabyte_body_gets_its_answer_not_a_reset(abused: KgServe, content_type: str, status: int) -> None:
    reply = http(abused.sparql, data=padded_ask(TEN_MB), headers={"Content-Type": content_type})
    assert reply.status == status


def test_ten_megabyte_body_is_refused_from_its_headers(abused: KgServe) -> None:
    url = urllib.parse.urlsplit(abused.sparql)
    headers = (
        f"POST /sparql HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: application/sparql-query\r\n"
        f"Content-Length: {TEN_MB}\r\n\r\n"
    )
    with socket.create_connection((url.hostname, url.port), timeout=5) as connection:
        connection.sendall(headers.encode())  # and not one byte of the body
        status_line = connection.makefile("rb").readline()
    assert status_line.split(maxsplit=2)[1] == b"413"


def test_ten_megabyte_body_never_sits_in_server_memory(abused: KgServe) -> None:
    reset_peak_rss(abused.pid)
    peak_before = status_field(abused.pid, "VmHWM")
    http(abused.sparql, data=padded_ask(TEN_MB), headers={"Content-Type": "application/sparql-query"})
    assert status_field(abused.pid, "VmHWM") - peak_before < 2 * 2**20


def test_server_answers_after_a_ten_megabyte_body(abused: KgServe) -> None:
    http(abused.sparql, data=padded_ask(TEN_MB), headers={"Content-Type": FORM})
    assert answers_again(abused)


@pytest.mark.parametrize(("size", "status"), [(MAX_BODY, 200), (MAX_BODY + 1, 413)])
def test_max_body_bytes_option_sets_the_limit(abused: KgServe, size: int, status: int) -> None:
    reply = http(abused.sparql, data=padded_ask(size), headers={"Content-Type": "application/sparql-query"})
    assert reply.status == status


# --- Abuse: bursts and deep queries -----------------------------------------------------------------

BURST = 40


def test_burst_of_connections_to_a_paused_server_is_queued_and_answered(abused: KgServe) -> None:
    url = urllib.parse.urlsplit(abused.sparql)
    request = (
        f"GET /sparql?{urllib.parse.urlencode({'query': ASK_PEOPLE})} HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n"
    ).encode()
    os.kill(abused.pid, signal.SIGSTOP)  # nothing is accepted meanwhile: the kernel queues the connections
    try:
        connections = [socket.create_connection((url.hostname, url.port), timeout=0.5) for _ in range(BURST)]
    finally:
        os.kill(abused.pid, signal.SIGCONT)
    statuses = []
    for connection in connections:
        with connection:
            connection.settimeout(30)
            connection.sendall(request)
            statuses.append(connection.makefile("rb").readline().split(maxsplit=2)[1])
    assert statuses == [b"200"] * BURST


DEPTH = 10_000  # a main thread's stack overflowed at 3000 nested groups


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * " + "{" * DEPTH + "}" * DEPTH,
        "ASK { FILTER(" + "(" * DEPTH + "true" + ")" * DEPTH + ") }",
        "SELECT * { " + " UNION ".join(["{}"] * 2000) + " }",
    ],
    ids=["groups", "parentheses", "union-branches"],
)
def test_deeply_nested_query_is_answered(abused: KgServe, query: str) -> None:
    reply = http(abused.sparql, data=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert reply.status == 200
