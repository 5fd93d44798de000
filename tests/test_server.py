"""kg serve: the SPARQL 1.1 Protocol endpoint, driven by a real client (SPARQLWrapper) on loopback."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from graph.cli import build_parser, main
from graph.core.errors import BuildNotFoundError, InputError
from graph.serve.downloads import COPY_CHUNK_BYTES, BuildFile, copy_file, open_build_file
from graph.serve.http import ServerConfig, SparqlServer
from graph.serve.pool import (
    AnswerCache,
    Outcome,
    QueryAnswer,
    QueryJob,
    QueryPool,
    WorkerFailedError,
)
from graph.serve.protocol import RESULTS_MEDIA_TYPES, RequestError, is_loopback, negotiate, parse_accept
from graph.serve.query_page import bundled_queries
from tests.sparql_samples import MALFORMED_QUERIES, SAMPLE_HTML, write_sample_build

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 2.0
MAX_ROWS = 3
MAX_BODY = 4096

FORM = "application/x-www-form-urlencoded"
PEOPLE = "SELECT ?name { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"  # four people
FIRST_THREE_PEOPLE = ["冷友斌", "刘庆峰", "周鸿祎"]
# Four copies of the whole graph (about 450 triples) side by side: 4·10^10 rows to count.
ENDLESS = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass(frozen=True)
class Endpoint:
    root: str
    build: Path

    @property
    def sparql(self) -> str:
        return self.root + "sparql"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    build = write_sample_build(tmp_path_factory.mktemp("served_build"))
    config = ServerConfig(build, port=0, timeout_s=TIMEOUT_S, max_rows=MAX_ROWS, max_body_bytes=MAX_BODY, workers=2)
    with SparqlServer(config) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Endpoint(server.url, build)
        finally:
            server.shutdown()
            thread.join(timeout=10)


def client(endpoint: Endpoint, query: str, return_format: str, *, method: str = GET, post: str = URLENCODED):
    wrapper = SPARQLWrapper(endpoint.sparql)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(return_format)
    wrapper.setMethod(method)
    wrapper.setRequestMethod(post)
    wrapper.setTimeout(30)
    return wrapper


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def http(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, dict(err.headers), err.read())


def get_query(endpoint: Endpoint, query: str, accept: str | None = None) -> Reply:
    url = endpoint.sparql + "?" + urllib.parse.urlencode({"query": query})
    return http(url, headers={"Accept": accept} if accept else {})


def binding_values(document: dict, name: str) -> list[str]:
    return [b[name]["value"] for b in document["results"]["bindings"]]


# --- SELECT and ASK through SPARQLWrapper ----------------------------------------------------


@pytest.mark.parametrize(
    ("method", "post"),
    [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)],
    ids=["get", "post-form", "post-body"],
)
def test_select_in_json(endpoint: Endpoint, method: str, post: str) -> None:
    document = client(endpoint, PEOPLE, JSON, method=method, post=post).queryAndConvert()
    assert binding_values(document, "name") == FIRST_THREE_PEOPLE


def test_select_in_xml(endpoint: Endpoint) -> None:
    document = client(endpoint, PEOPLE, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == FIRST_THREE_PEOPLE


def test_select_in_csv(endpoint: Endpoint) -> None:
    body = client(endpoint, PEOPLE, CSV).queryAndConvert()
    assert list(csv.reader(io.StringIO(body.decode("utf-8")))) == [["name"], *([n] for n in FIRST_THREE_PEOPLE)]


def test_select_in_tsv(endpoint: Endpoint) -> None:
    body = client(endpoint, PEOPLE, TSV).queryAndConvert()
    assert body.decode("utf-8").splitlines() == ["?name", *(f'"{n}"@zh-hans' for n in FIRST_THREE_PEOPLE)]


@pytest.mark.parametrize(
    ("query", "expected"), [("ASK { ?p a schema:Person }", True), ("ASK { ?p a schema:Event }", False)]
)
def test_ask(endpoint: Endpoint, query: str, expected: bool) -> None:
    assert client(endpoint, query, JSON).queryAndConvert()["boolean"] is expected


def test_construct_in_turtle(endpoint: Endpoint) -> None:
    query = (
        "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a schema:SoftwareApplication ; rdfs:label ?l FILTER(?l = 'Sora') }"
    )
    body = client(endpoint, query, TURTLE).queryAndConvert()
    assert "<https://w3id.org/cnkg/id/softwareapplication/sora> rdfs:label \"Sora\" ." in body.decode("utf-8")


def test_malformed_query_is_400_with_where_and_what(endpoint: Endpoint) -> None:
    with pytest.raises(QueryBadFormed, match=r"line 1, column 10: \{ is never closed"):
        client(endpoint, "SELECT * { ?s ?p ?o ", JSON).queryAndConvert()


@pytest.mark.parametrize(("query", "message"), MALFORMED_QUERIES, ids=[m.split(": ", 1)[1][:40] for _, m in MALFORMED_QUERIES])
def test_malformed_query_body_says_where_and_what(endpoint: Endpoint, query: str, message: str) -> None:
    form = http(endpoint.sparql, data=urllib.parse.urlencode({"query": query}).encode(), headers={"Content-Type": FORM})
    assert (form.status, form.headers["Content-Type"]) == (400, "text/plain; charset=utf-8")
    assert form.text == f"malformed SPARQL query: {message}\n"
    assert get_query(endpoint, query).text == form.text


def test_update_through_sparqlwrapper_is_refused(endpoint: Endpoint) -> None:
    update = client(endpoint, 'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }', JSON, method=POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        update.query()
    assert refused.value.code == 403
    assert client(endpoint, "ASK { <http://example.org/a> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


# --- Protocol details ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"update=CLEAR+ALL", "application/x-www-form-urlencoded"),
        (b"CLEAR ALL", "application/sparql-update"),
        (b"DROP ALL", "application/sparql-query"),
        (b"LOAD <http://127.0.0.1:9/data.ttl>", "application/sparql-query"),
    ],
    ids=["update-field", "update-body", "update-as-query", "load-as-query"],
)
def test_updates_are_forbidden(endpoint: Endpoint, data: bytes, content_type: str) -> None:
    reply = http(endpoint.sparql, data=data, headers={"Content-Type": content_type})
    assert (reply.status, reply.text) == (403, "SPARQL Update is not allowed: this endpoint is read-only\n")


def test_service_is_forbidden(endpoint: Endpoint) -> None:
    reply = get_query(endpoint, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert reply.status == 403
    assert "SERVICE" in reply.text


def test_body_over_the_limit_is_413(endpoint: Endpoint) -> None:
    padding = "#" + "x" * MAX_BODY + "\n"
    body = (padding + "ASK {}").encode()
    reply = http(endpoint.sparql, data=body, headers={"Content-Type": "application/sparql-query"})
    assert reply.status == 413


def test_unknown_body_type_is_415(endpoint: Endpoint) -> None:
    reply = http(endpoint.sparql, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert reply.status == 415


def test_missing_query_is_400(endpoint: Endpoint) -> None:
    assert http(endpoint.sparql).status == 400


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/html, text/tab-separated-values;q=0.1", "text/tab-separated-values; charset=utf-8"),
    ],
)
def test_results_format_follows_the_accept_header(endpoint: Endpoint, accept: str | None, content_type: str) -> None:
    assert get_query(endpoint, "ASK {}", accept).headers["Content-Type"] == content_type


@pytest.mark.parametrize(
    ("accept", "content_type", "first_line"),
    [
        ("application/n-triples", "application/n-triples", "<https://w3id.org/cnkg/id/softwareapplication/sora> "),
        (None, "text/turtle; charset=utf-8", "@prefix "),
    ],
)
def test_graph_format_follows_the_accept_header(
    endpoint: Endpoint, accept: str | None, content_type: str, first_line: str
) -> None:
    reply = get_query(endpoint, "DESCRIBE <https://w3id.org/cnkg/id/softwareapplication/sora>", accept)
    assert reply.headers["Content-Type"] == content_type
    assert reply.text.startswith(first_line)


def test_unacceptable_format_is_406(endpoint: Endpoint) -> None:
    assert get_query(endpoint, "ASK {}", "image/png").status == 406


def test_row_limit_cuts_results_and_says_so(endpoint: Endpoint) -> None:
    reply = get_query(endpoint, "SELECT ?s ?p ?o { ?s ?p ?o }")
    assert (reply.status, reply.headers.get("X-SPARQL-MaxRows")) == (200, str(MAX_ROWS))
    assert len(json.loads(reply.body)["results"]["bindings"]) == MAX_ROWS


def test_results_within_the_limit_carry_no_limit_header(endpoint: Endpoint) -> None:
    reply = get_query(endpoint, "SELECT ?s { ?s a schema:NewsArticle }")
    assert len(json.loads(reply.body)["results"]["bindings"]) == 3
    assert "X-SPARQL-MaxRows" not in reply.headers


def test_default_graph_uri_picks_one_article(endpoint: Endpoint) -> None:
    graphs_query = "SELECT DISTINCT ?g { GRAPH ?g { ?q a schema:Quotation } }"
    graphs = binding_values(json.loads(get_query(endpoint, graphs_query).body), "g")
    assert len(graphs) == 2
    parameters = {"query": "SELECT ?q { ?q a schema:Quotation }", "default-graph-uri": graphs[0]}
    url = endpoint.sparql + "?" + urllib.parse.urlencode(parameters)
    assert len(json.loads(http(url).body)["results"]["bindings"]) == 1


def test_root_serves_the_html_view(endpoint: Endpoint) -> None:
    reply = http(endpoint.root)
    assert (reply.status, reply.headers["Content-Type"], reply.text) == (200, "text/html; charset=utf-8", SAMPLE_HTML)


def test_unknown_path_is_404(endpoint: Endpoint) -> None:
    reply = http(endpoint.root + "graph.json")
    assert (reply.status, reply.text) == (404, "nothing at /graph.json; the endpoint is /sparql, the query page /query\n")


# --- Graph downloads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("graph.ttl", "text/turtle; charset=utf-8"),
        ("graph.trig", "application/trig; charset=utf-8"),
        ("graph.nq", "application/n-quads; charset=utf-8"),
    ],
)
def test_graph_files_download_as_they_are(endpoint: Endpoint, name: str, media_type: str) -> None:
    reply = http(endpoint.root + name)
    assert reply.status == 200
    assert reply.body == (endpoint.build / name).read_bytes()
    assert reply.headers["Content-Type"] == media_type
    assert reply.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    assert reply.headers["Content-Length"] == str(len(reply.body))


def test_head_of_a_graph_file_gives_its_headers_only(endpoint: Endpoint) -> None:
    reply = http(endpoint.root + "graph.nq", method="HEAD")
    assert (reply.status, reply.body) == (200, b"")
    assert reply.headers["Content-Length"] == str((endpoint.build / "graph.nq").stat().st_size)


def test_a_graph_file_the_build_lacks_is_404(tmp_path: Path) -> None:
    with pytest.raises(RequestError, match=r"this build has no graph\.trig") as missing:
        open_build_file(tmp_path, BuildFile("graph.trig", "application/trig", attachment=True))
    assert missing.value.status == 404


class _RecordingSink(io.BytesIO):
    """A socket stand-in that remembers the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, data: bytes | memoryview, /) -> int:  # type: ignore[override]
        self.writes.append(len(data))
        return super().write(data)


def test_a_graph_file_is_streamed_in_chunks_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "graph.nq"
    path.write_bytes(bytes(range(256)) * (COPY_CHUNK_BYTES // 256 * 3 + 7))
    sink = _RecordingSink()
    with path.open("rb") as source:
        copy_file(source, sink, path.stat().st_size)
    assert sink.getvalue() == path.read_bytes()
    assert max(sink.writes) == COPY_CHUNK_BYTES and len(sink.writes) == 4


def test_a_file_that_shrinks_while_sent_is_an_error_not_a_short_answer(tmp_path: Path) -> None:
    path = tmp_path / "graph.nq"
    path.write_bytes(b"<a> <b> <c> .\n")
    with path.open("rb") as source, pytest.raises(OSError, match="ended 10 bytes early"):
        copy_file(source, io.BytesIO(), path.stat().st_size + 10)


# --- The query page -------------------------------------------------------------------------------


def _page_data(html_text: str) -> dict:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html_text, re.DOTALL)
    assert found is not None
    return json.loads(found.group(1))


def test_query_page_embeds_the_bundled_queries(endpoint: Endpoint) -> None:
    reply = http(endpoint.root + "query")
    assert (reply.status, reply.headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    files = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "queries").glob("*.rq"))}
    assert len(files) == 5
    examples = _page_data(reply.text)["examples"]
    assert {e["name"]: e["query"] for e in examples} == files
    for name in files:
        assert f"{name} — " in reply.text  # an <option> to pick it
    assert "AI models and products, and the organizations that made or released them." in reply.text


def test_query_page_fetches_nothing_from_elsewhere(endpoint: Endpoint) -> None:
    reply = http(endpoint.root + "query")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", reply.text, re.IGNORECASE)
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", reply.text, re.IGNORECASE)
    assert not re.search(r"""\b(fetch|import)\s*\(\s*["'`](https?:)?//""", reply.text)
    policy = reply.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_query_page_data_cannot_close_its_script_element() -> None:
    from graph.serve.query_page import BundledQuery, build_query_page

    hostile = BundledQuery("x.rq", "</script><script>alert(1)</script>", 'SELECT ("</script><b>" AS ?x) {}')
    page = build_query_page((hostile,)).body.decode("utf-8")
    assert page.count("</script>") == 2  # the data block's and the script's own
    assert _page_data(page)["examples"][0]["query"] == hostile.text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_bundled_queries_are_read_from_the_package() -> None:
    names = [q.name for q in bundled_queries()]
    assert names == sorted(path.name for path in (ROOT / "graph" / "serve" / "queries").glob("*.rq"))
    assert (ROOT / "queries").resolve() == (ROOT / "graph" / "serve" / "queries").resolve()


def test_foreign_host_name_is_refused(endpoint: Endpoint) -> None:
    reply = http(endpoint.root, headers={"Host": "attacker.example"})
    assert reply.status == 403


# --- Time limit ---------------------------------------------------------------------------------


def test_endless_query_stops_at_the_time_limit_while_others_are_answered(endpoint: Endpoint) -> None:
    with ThreadPoolExecutor(max_workers=1) as background:
        started = time.monotonic()
        endless = background.submit(get_query, endpoint, ENDLESS)
        time.sleep(0.3)  # the endless query has a worker by now
        simple = get_query(endpoint, "ASK { ?p a schema:Person }")
        simple_done = time.monotonic() - started
        stopped = endless.result(timeout=TIMEOUT_S + 20)
        stopped_after = time.monotonic() - started
    assert (simple.status, json.loads(simple.body)["boolean"]) == (200, True)
    assert simple_done < TIMEOUT_S
    assert (stopped.status, stopped.text) == (503, f"query stopped: the query ran longer than {TIMEOUT_S:g} s\n")
    assert TIMEOUT_S <= stopped_after < TIMEOUT_S + 5


def test_endpoint_recovers_after_a_stopped_query(endpoint: Endpoint) -> None:
    assert get_query(endpoint, ENDLESS).status == 503
    with ThreadPoolExecutor(max_workers=2) as clients:
        # Two new query texts: answers from the cache would prove nothing.
        queries = [f"ASK {{ ?p a schema:Person }} # after a stopped query, {i}" for i in range(2)]
        replies = list(clients.map(lambda q: get_query(endpoint, q), queries))
    assert [r.status for r in replies] == [200, 200]


SORTED_PRODUCT = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c"  # sorting 10^8 rows


def json_job(query: str) -> QueryJob:
    return QueryJob(query, "application/sparql-results+json", "text/turtle", max_rows=MAX_ROWS)


def test_worker_over_its_memory_limit_dies_and_is_replaced(tmp_path: Path) -> None:
    build = write_sample_build(tmp_path)
    with QueryPool(build, workers=1, timeout_s=30, memory_limit_bytes=512 * 2**20) as pool:
        with pytest.raises(WorkerFailedError, match="memory"):
            pool.run(json_job(SORTED_PRODUCT))
        after = pool.run(json_job("ASK { ?p a schema:Person }"))
    assert (after.outcome, after.body) == (Outcome.OK, b'{"head":{},"boolean":true}')


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_kg_serve_prints_its_url_and_stops_cleanly(tmp_path: Path, stop_signal: signal.Signals) -> None:
    build = write_sample_build(tmp_path)
    command = [sys.executable, "-m", "graph.cli", "serve", str(build), "--port", "0"]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as process:
        try:
            first_line = process.stdout.readline()
            url = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", first_line)
            assert url is not None, first_line
            reply = http(url.group(1) + "?" + urllib.parse.urlencode({"query": "ASK { ?p a schema:Person }"}))
            process.send_signal(stop_signal)
            rest = process.communicate(timeout=20)[0]
        finally:
            process.kill()
    assert (reply.status, json.loads(reply.body)["boolean"]) == (200, True)
    assert (process.returncode, rest.splitlines()[-1]) == (0, "kg serve: stopped")


# --- Configuration and helpers ---------------------------------------------------------------------


def test_missing_build_folder_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        SparqlServer(ServerConfig(tmp_path / "missing", port=0))


def test_folder_without_a_graph_fails_before_serving(tmp_path: Path) -> None:
    with pytest.raises(BuildNotFoundError):
        SparqlServer(ServerConfig(tmp_path, port=0))


@pytest.mark.parametrize(
    "config",
    [{"timeout_s": 0}, {"max_rows": 0}, {"max_body_bytes": 0}, {"workers": 0}, {"cache_bytes": -1}],
)
def test_senseless_limits_are_refused(tmp_path: Path, config: dict[str, float]) -> None:
    with pytest.raises(InputError):
        SparqlServer(ServerConfig(tmp_path, port=0, **config))


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--workers=0", "kg serve: error: at least one query worker is needed, not 0\n"),
        ("--max-body-bytes=0", "kg serve: error: the request body limit must be at least 1 byte, not 0\n"),
    ],
)
def test_kg_serve_refuses_senseless_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    build = write_sample_build(tmp_path)
    status = main(["serve", str(build), "--port", "0", option])
    assert (status, capsys.readouterr().err) == (InputError.exit_code, message)


def test_kg_serve_defaults_are_the_server_defaults() -> None:
    args = build_parser().parse_args(["serve", "output"])
    given = (args.host, args.port, args.timeout, args.max_rows, args.max_body_bytes, args.workers, args.cache_mb * 2**20)
    config = ServerConfig(Path("output"))
    assert given == (
        config.host,
        config.port,
        config.timeout_s,
        config.max_rows,
        config.max_body_bytes,
        config.workers,
        config.cache_bytes,
    )


def test_repeated_query_is_answered_from_the_cache(tmp_path: Path) -> None:
    build = write_sample_build(tmp_path)
    with QueryPool(build, workers=1, timeout_s=30) as pool:
        first = pool.run(json_job("SELECT ?p { ?p a schema:Person }"))
        (worker,) = pool._all
        worker.process.kill()  # no worker left to answer
        worker.process.join()
        again = pool.run(json_job("SELECT ?p { ?p a schema:Person }"))
        with pytest.raises(WorkerFailedError):
            pool.run(json_job("SELECT ?o { ?o a schema:Organization }"))
    assert first.outcome is Outcome.OK and b"bindings" in first.body
    assert again == first


def test_cache_drops_the_least_recently_used_past_its_size() -> None:
    cache = AnswerCache(max_bytes=100)
    jobs = [json_job(f"ASK {{}} # {i}") for i in range(3)]  # 10 characters each
    for job in jobs[:2]:
        cache.put(job, QueryAnswer(Outcome.OK, b"x" * 40))
    assert cache.get(jobs[0]) is not None  # now the most recently used
    cache.put(jobs[2], QueryAnswer(Outcome.OK, b"x" * 40))
    assert (cache.get(jobs[0]) is not None, cache.get(jobs[1]), cache.get(jobs[2]) is not None) == (True, None, True)


@pytest.mark.parametrize("outcome", [Outcome.FAILED])
def test_cache_keeps_no_failure(outcome: Outcome) -> None:
    cache = AnswerCache(max_bytes=1000)
    cache.put(json_job("ASK {}"), QueryAnswer(outcome, message="boom"))
    assert len(cache) == 0


def test_cache_of_zero_bytes_keeps_nothing() -> None:
    cache = AnswerCache(max_bytes=0)
    cache.put(json_job("ASK {}"), QueryAnswer(Outcome.OK, b"{}"))
    assert cache.get(json_job("ASK {}")) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/csv;q=0.5, application/json", ["application/json", "text/csv"]),
        ("text/csv;q=0, */*;q=0.1", ["*/*"]),
        ("TEXT/CSV", ["text/csv"]),
        ("text/csv;q=oops", []),
    ],
)
def test_parse_accept(header: str, expected: list[str]) -> None:
    assert parse_accept(header) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("application/*", "application/sparql-results+json"),
        ("text/csv, application/json", "text/csv"),
        ("image/png", None),
    ],
)
def test_negotiate(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, RESULTS_MEDIA_TYPES) == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected
