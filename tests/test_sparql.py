"""kg query: loading builds and RDF files, running queries, printing results, the bundled queries."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import rdflib
from pyoxigraph import (
    Dataset,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Store,
    serialize,
)

from graph.cli import main
from graph.core.errors import BuildNotFoundError, InputError, QueryError, QueryRefusedError
from graph.serve.results import (
    display_width,
    render_table,
    serialize_limited,
    write_query_results,
    write_results,
)
from graph.serve.store import (
    is_update,
    load_store,
    on_deep_stack,
    read_query_text,
    run_query,
)
from tests.sparql_samples import (
    LIU_SOURCE,
    MALFORMED_QUERIES,
    SORA_HEADLINE,
    SORA_QUOTE,
    SORA_SOURCE,
    liu_sentence_offsets,
    write_sample_build,
)

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
EX = "http://example.org/"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_build(tmp_path_factory.mktemp("sparql_build"))


@pytest.fixture(scope="module")
def store(build_dir: Path) -> Store:
    return load_store(build_dir)


def select_rows(store: Store, query: str) -> list[dict[str, str]]:
    """Each solution as {variable: lexical value}, unbound variables left out."""
    results = run_query(store, query)
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


def count(store: Store, query: str) -> int:
    return int(select_rows(store, query)[0]["n"])


# --- Loading ---------------------------------------------------------------------------


def test_default_graph_is_the_set_union_of_the_article_graphs(store: Store, build_dir: Path) -> None:
    turtle = Store()
    turtle.bulk_load(path=build_dir / "graph.ttl", format=RdfFormat.TURTLE)
    assert count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == len(turtle)


def test_named_graphs_of_the_articles_stay_queryable(store: Store) -> None:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?a a schema:NewsArticle } }"
    assert count(store, query) == 3


def test_default_graphs_argument_restricts_the_query_to_one_article(store: Store) -> None:
    sora_graph = "SELECT ?g { GRAPH ?g { ?q a schema:Quotation ; schema:text ?t } FILTER(CONTAINS(?t, 'Sora')) }"
    graph = select_rows(store, sora_graph)
    rows = select_rows(store, "SELECT ?t { ?q schema:text ?t }")
    assert len(rows) == 2
    restricted = run_query(store, "SELECT ?t { ?q schema:text ?t }", default_graphs=[graph[0]["g"]])
    assert [row["t"].value for row in restricted] == [SORA_QUOTE]


def _tiny_dataset() -> Dataset:
    name = Literal("周鸿祎", language="zh-Hans")
    return Dataset([Quad(NamedNode(EX + "周鸿祎"), NamedNode(EX + "name"), name)])


@pytest.mark.parametrize(
    ("suffix", "rdf_format"),
    [
        (".ttl", RdfFormat.TURTLE),
        (".trig", RdfFormat.TRIG),
        (".nq", RdfFormat.N_QUADS),
        (".nt", RdfFormat.N_TRIPLES),
        (".jsonld", RdfFormat.JSON_LD),
        (".rdf", RdfFormat.RDF_XML),
    ],
)
def test_rdf_file_is_loaded_by_its_extension(tmp_path: Path, suffix: str, rdf_format: RdfFormat) -> None:
    path = tmp_path / f"graph{suffix}"
    path.write_bytes(serialize(_tiny_dataset(), format=rdf_format))
    ask = run_query(load_store(path), f'ASK {{ <{EX}周鸿祎> <{EX}name> "周鸿祎"@zh-Hans }}')
    assert bool(ask) is True


def test_relative_iris_in_a_hand_written_file_resolve_against_the_file(tmp_path: Path) -> None:
    path = tmp_path / "relative.ttl"
    path.write_text('<person/周鸿祎> <name> "周鸿祎" .\n', encoding="utf-8")
    rows = select_rows(load_store(path), "SELECT ?s { ?s ?p ?o }")
    assert rows == [{"s": tmp_path.resolve().as_uri() + "/person/周鸿祎"}]


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("missing.ttl", InputError, "no such file or folder"),
        ("notes.md", InputError, "unknown RDF file extension '.md'"),
        ("broken.ttl", InputError, "not valid Turtle"),
        ("empty_folder", BuildNotFoundError, "is not a build folder"),
    ],
)
def test_unusable_graph_is_a_clear_error(tmp_path: Path, name: str, error: type[Exception], message: str) -> None:
    (tmp_path / "notes.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    (tmp_path / "empty_folder").mkdir()
    with pytest.raises(error, match=message):
        load_store(tmp_path / name)


# --- Query text ---------------------------------------------------------------------------


def test_query_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("\ufeffASK { ?s ?p ?o }\n", encoding="utf-8")
    assert read_query_text(str(path)) == "ASK { ?s ?p ?o }\n"


def test_query_string_is_taken_as_is() -> None:
    assert read_query_text("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"


def test_missing_query_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such query file"):
        read_query_text(str(tmp_path / "missing.rq"))


# --- Running ---------------------------------------------------------------------------------


def test_malformed_query_error_says_where(store: Store) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL query: line 1, column \d+: "):
        run_query(store, "SELECT * { ?s ?p ?o ")


@pytest.mark.parametrize(
    "update",
    [
        'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }',
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/>\n# drop it all\nCLEAR ALL",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "DROP GRAPH <http://example.org/g>",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_update_is_refused_and_changes_nothing(store: Store, update: str) -> None:
    before = count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    with pytest.raises(QueryRefusedError, match="read-only"):
        run_query(store, update)
    assert count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == before


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", True),
        ("  insert { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("BASE <http://example.org/>\nPREFIX : <http://example.org/>\nDELETE DATA { :a :b :c }", True),
        ("SELECT * { ?insert ?p ?o }", False),
        ("# INSERT\nASK {}", False),
    ],
)
def test_is_update(query: str, expected: bool) -> None:
    assert is_update(query) is expected


class _RecordingEndpoint(BaseHTTPRequestHandler):
    """A fake remote SPARQL endpoint that counts the requests it gets."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET  # noqa: N815 (the name http.server calls)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def remote_endpoint() -> Iterator[tuple[str, list[str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingEndpoint)
    _RecordingEndpoint.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _RecordingEndpoint.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "ASK {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "select * {{ ?a ?b ?c . service <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * {{ SERVICE ?endpoint {{ ?s ?p ?o }} VALUES ?endpoint {{ <{url}> }} }}",
        # "<" here is "less than", though the text up to "#>" looks like one IRI.
        "SELECT * {{ ?s ?p ?o FILTER(?o<1)SERVICE<{url}>{{?a ?b ?c}}#>\n}}",
        "PREFIX service: <http://example.org/>\nSELECT * {{ ?service service:p ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_without_calling_out(
    store: Store, remote_endpoint: tuple[str, list[str]], template: str
) -> None:
    url, hits = remote_endpoint
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        run_query(store, template.format(url=url))
    assert hits == []


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s schema:serviceType "service" }',
        "PREFIX service: <http://example.org/service#>\nSELECT ?service { ?service service:p ?o }",
        "SELECT * { ?s ?p \"absent\" } # no SERVICE here",
        "SELECT * { <http://example.org/service> ?p ?o }",
    ],
)
def test_the_word_service_outside_the_keyword_is_allowed(store: Store, query: str) -> None:
    assert list(run_query(store, query)) == []


def test_malformed_query_mentioning_service_gets_a_syntax_message(store: Store) -> None:
    with pytest.raises(QueryError, match=r"malformed SPARQL query: line 1, column 10: \{ is never closed") as caught:
        run_query(store, 'SELECT * { ?s ?p "service" ')
    assert not isinstance(caught.value, QueryRefusedError)


def test_profile_prefixes_are_predeclared(store: Store) -> None:
    assert count(store, "SELECT (COUNT(?p) AS ?n) { ?p a schema:Person }") == 4


def test_a_query_prefix_overrides_a_predeclared_one(store: Store) -> None:
    query = "PREFIX schema: <http://schema.org/> SELECT (COUNT(?p) AS ?n) { ?p a schema:Person }"
    assert count(store, query) == 0


# --- Printing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width"),
    [("OpenAI", 6), ("周鸿祎", 6), ("ＡＩ", 4), ("e\u0301", 1), ("a\u200bb", 2), ("", 0)],
)
def test_display_width_counts_wide_characters_twice(text: str, width: int) -> None:
    assert display_width(text) == width


def test_table_columns_line_up_with_chinese_text() -> None:
    rows = [[Literal("周鸿祎"), Literal("360集团")], [Literal("Sam Altman"), Literal("OpenAI")]]
    lines = render_table(["person", "organization"], rows).splitlines()
    separators = {display_width(line[: line.index("|")]) for line in lines[:1] + lines[2:4]}
    assert separators == {11}


def test_table_shortens_long_values_and_keeps_rows_on_one_line() -> None:
    table = render_table(["quote"], [[Literal("第一行\n" + "很长" * 100)]])
    row = table.splitlines()[2]
    assert row.startswith("第一行↵很长") and row.endswith("…")
    assert display_width(row) <= 60


def run_cli(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    status = main(["query", *argv])
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


PEOPLE = "SELECT ?name { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"


def test_cli_prints_a_table(build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run_cli(capsysbinary, str(build_dir), PEOPLE)
    assert status == 0
    assert out.splitlines() == ["name", "------", "冷友斌", "刘庆峰", "周鸿祎", "张鹏", "(4 rows)"]


def test_cli_prints_csv(build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    _, out, _ = run_cli(capsysbinary, str(build_dir), PEOPLE, "--format", "csv")
    assert list(csv.reader(io.StringIO(out))) == [["name"], ["冷友斌"], ["刘庆峰"], ["周鸿祎"], ["张鹏"]]


def test_cli_prints_tsv_with_rdf_terms(build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    _, out, _ = run_cli(capsysbinary, str(build_dir), PEOPLE, "--format", "tsv")
    assert out.splitlines()[:2] == ["?name", '"冷友斌"@zh-hans']


def test_cli_prints_sparql_json(build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    _, out, _ = run_cli(capsysbinary, str(build_dir), PEOPLE, "--format", "json")
    document = json.loads(out)
    assert document["head"]["vars"] == ["name"]
    assert document["results"]["bindings"][0]["name"] == {"type": "literal", "value": "冷友斌", "xml:lang": "zh-hans"}


@pytest.mark.parametrize(
    ("query", "output_format", "expected"),
    [
        ("ASK { ?p a schema:Person }", "table", "true\n"),
        ("ASK { ?p a schema:Event }", "csv", "false\n"),
        ("ASK { ?p a schema:Person }", "json", '{"head":{},"boolean":true}\n'),
    ],
)
def test_cli_prints_ask_answers(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes], query: str, output_format: str, expected: str
) -> None:
    assert run_cli(capsysbinary, str(build_dir), query, "--format", output_format)[1] == expected


CONSTRUCT_SORA = (
    "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a schema:SoftwareApplication ; rdfs:label ?l FILTER(?l = 'Sora') }"
)


def test_cli_prints_constructed_triples_as_turtle(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _, out, _ = run_cli(capsysbinary, str(build_dir), CONSTRUCT_SORA)
    assert "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ." in out
    triples = set(rdflib.Graph().parse(data=out, format="turtle"))
    sora = rdflib.URIRef("https://w3id.org/cnkg/id/softwareapplication/sora")
    assert triples == {(sora, rdflib.RDFS.label, rdflib.Literal("Sora"))}


def test_cli_prints_constructed_triples_as_n_triples(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _, out, _ = run_cli(capsysbinary, str(build_dir), CONSTRUCT_SORA, "--format", "nt")
    assert out == '<https://w3id.org/cnkg/id/softwareapplication/sora> <http://www.w3.org/2000/01/rdf-schema#label> "Sora" .\n'


def test_cli_refuses_n_triples_for_a_select(build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, err = run_cli(capsysbinary, str(build_dir), PEOPLE, "--format", "nt")
    assert status == 2 and out == ""
    assert "--format nt is for CONSTRUCT and DESCRIBE" in err


def test_cli_prints_constructed_triples_as_json_ld(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _, out, _ = run_cli(capsysbinary, str(build_dir), CONSTRUCT_SORA, "--format", "json")
    assert json.loads(out) == [
        {
            "@id": "https://w3id.org/cnkg/id/softwareapplication/sora",
            "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "Sora"}],
        }
    ]


@pytest.mark.parametrize(
    ("graph", "query", "message"),
    [
        ("{build}", "SELECT * { ?s ?p ?o ", "kg query: error: malformed SPARQL query: line 1, column 10: "),
        ("{build}", "DELETE WHERE { ?s ?p ?o }", "kg query: error: SPARQL Update is not allowed"),
        ("{build}/missing", "ASK {}", "kg query: error: {build}/missing: no such file or folder"),
        ("{build}/graph.html", "ASK {}", "kg query: error: {build}/graph.html: unknown RDF file extension"),
        ("{build}", "{build}/missing.rq", "kg query: error: {build}/missing.rq: no such query file"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes], graph: str, query: str, message: str
) -> None:
    def fill(text: str) -> str:
        return text.replace("{build}", str(build_dir))

    status, out, err = run_cli(capsysbinary, fill(graph), fill(query))
    assert (status, out) == (2, "")
    assert err.startswith(fill(message))
    assert err.count("\n") == 1


@pytest.mark.parametrize(("query", "message"), MALFORMED_QUERIES, ids=[m.split(": ", 1)[1][:40] for _, m in MALFORMED_QUERIES])
def test_cli_says_where_and_what_is_wrong_in_a_malformed_query(
    build_dir: Path, capsysbinary: pytest.CaptureFixture[bytes], query: str, message: str
) -> None:
    status, out, err = run_cli(capsysbinary, str(build_dir), query)
    assert (status, out) == (2, "")
    assert err == f"kg query: error: malformed SPARQL query: {message}\n"
    assert len(err) < 160


def test_write_query_results_reads_a_query_file(build_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.rq"
    path.write_text(PEOPLE, encoding="utf-8")
    out = io.BytesIO()
    write_query_results(build_dir, str(path), out, output_format="csv")
    assert out.getvalue().decode("utf-8").split() == ["name", "冷友斌", "刘庆峰", "周鸿祎", "张鹏"]


def test_write_results_refuses_an_unknown_format(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        write_results(run_query(store, PEOPLE), io.BytesIO(), output_format="xml")


# --- Row limit (used by the endpoint) -------------------------------------------------------------


def test_row_limit_cuts_the_results_and_says_so(store: Store) -> None:
    limited = serialize_limited(
        run_query(store, PEOPLE), results_format=QueryResultsFormat.JSON, graph_format=RdfFormat.TURTLE, max_rows=2
    )
    names = [b["name"]["value"] for b in json.loads(limited.body)["results"]["bindings"]]
    assert (names, limited.truncated) == (["冷友斌", "刘庆峰"], True)


def test_results_within_the_limit_are_whole_and_match_oxigraph(store: Store) -> None:
    query = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o"
    limited = serialize_limited(
        run_query(store, query), results_format=QueryResultsFormat.JSON, graph_format=RdfFormat.TURTLE, max_rows=10**6
    )
    expected = run_query(store, query).serialize(format=QueryResultsFormat.JSON)
    assert (json.loads(limited.body), limited.truncated) == (json.loads(expected), False)


# --- Bundled queries ------------------------------------------------------------------------------


def run_bundled(store: Store, name: str) -> list[dict[str, str]]:
    return select_rows(store, read_query_text(str(QUERIES / name)))


def test_people_titles(store: Store) -> None:
    rows = run_bundled(store, "people_titles.rq")
    assert [(r["organization"], r["person"], r["title"], r["former"]) for r in rows] == [
        ("360集团", "周鸿祎", "创始人", "false"),
        ("智谱AI", "张鹏", "首席执行官", "false"),
        ("科大讯飞", "刘庆峰", "董事长", "false"),
        ("飞鹤乳业", "冷友斌", "董事长", "true"),
    ]


def test_models_and_makers(store: Store) -> None:
    rows = run_bundled(store, "models_makers.rq")
    assert [(r["model"], r.get("maker"), r["articles"]) for r in rows] == [
        ("Sora", "OpenAI", "2"),
        ("GPT-4 Turbo", None, "0"),
        ("讯飞星火", None, "0"),
    ]


def with_model(query: str, name: str) -> str:
    """The bundled query with ``name`` on its VALUES line, as its comment tells a reader to edit it."""
    default = 'VALUES ?modelName { "Sora" }'
    assert default in query
    return query.replace(default, f"VALUES ?modelName {{ {json.dumps(name, ensure_ascii=False)} }}")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sora", [("张鹏", SORA_QUOTE, SORA_HEADLINE, SORA_SOURCE)]),
        ("sora", [("张鹏", SORA_QUOTE, SORA_HEADLINE, SORA_SOURCE)]),
        ("GPT-4 Turbo", []),
        ("no such model", []),
    ],
)
def test_quotes_about_model(store: Store, name: str, expected: list[tuple[str, str, str, str]]) -> None:
    query = with_model(read_query_text(str(QUERIES / "quotes_about_model.rq")), name)
    rows = select_rows(store, query)
    assert [(r["speaker"], r["quote"], r["headline"], r["source"]) for r in rows] == expected


def test_co_mentions(store: Store) -> None:
    rows = run_bundled(store, "co_mentions.rq")
    assert [(r["first"], r["second"], r["articles"]) for r in rows] == [("OpenAI", "Sora", "2")]


def test_membership_provenance(store: Store) -> None:
    rows = [r for r in run_bundled(store, "membership_provenance.rq") if r["person"] == "刘庆峰"]
    begin, end = liu_sentence_offsets()
    assert [(r["title"], r["organization"], r["source"], int(r["begin"]), int(r["end"])) for r in rows] == [
        ("董事长", "科大讯飞", LIU_SOURCE, begin, end)
    ]


def test_every_bundled_query_has_a_readme_line() -> None:
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in sorted(QUERIES.glob("*.rq")) if f"`{p.name}`" not in readme] == []


# --- Deep queries ------------------------------------------------------------------------

DEPTH = 10_000  # on a main thread's 8 MiB stack, Oxigraph overflowed at 3000 nested groups


@pytest.mark.parametrize(
    "query",
    ["ASK " + "{" * DEPTH + "}" * DEPTH, "ASK { FILTER(" + "(" * DEPTH + "true" + ")" * DEPTH + ") }"],
    ids=["groups", "parentheses"],
)
def test_kg_query_answers_a_deeply_nested_query(build_dir: Path, query: str) -> None:
    # In a process of its own: a stack overflow would kill the test run, not fail one test.
    command = [sys.executable, "-m", "graph.cli", "query", str(build_dir), query]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=60)
    assert (finished.returncode, finished.stdout) == (0, b"true\n")


def test_on_deep_stack_returns_what_the_function_returns() -> None:
    assert on_deep_stack(lambda: threading.current_thread().name) == "kg-query"


def test_on_deep_stack_raises_what_the_function_raises() -> None:
    def fail() -> None:
        raise QueryError("malformed")

    with pytest.raises(QueryError, match="malformed"):
        on_deep_stack(fail)
