"""A real build of the seeds in other tools' hands: a query by plain name, and the exports loaded into pyoxigraph.

docs/loading.md says how to load graph.nq, graph.trig or the JSON-LD export
into a store so that the bundled queries (queries/*.rq) see the facts, which
live in per-article named graphs while the entities live in the default
graph. Here the recipe for Oxigraph is run for real: with the union default
graph every bundled query answers, and answers what ``kg query`` answers;
without it the membership queries answer nothing, which is why the page exists.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import QuerySolutions, RdfFormat, Store

from graph.cli import main
from graph.rdf.vocab import PREFIXES
from graph.serve.store import load_store

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "queries").glob("*.rq"))
BY_NAME = 'SELECT ?p ?type WHERE { ?p schema:name "周鸿祎" ; a ?type }'
ZHOU = "https://w3id.org/cnkg/id/person/周鸿祎"

Rows = list[tuple[str | None, ...]]


@pytest.fixture(scope="module")
def build(seeds_build: tuple[object, object, Path]) -> Path:
    return seeds_build[2]


@pytest.fixture(scope="module")
def jsonld_export(build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "graph.jsonld"
    assert main(["export", str(build), "--to", "jsonld", "--out", str(path)]) == 0
    return path


def _rows(results: object) -> Rows:
    assert isinstance(results, QuerySolutions)
    names = list(results.variables)
    return [tuple(None if row[n] is None else row[n].value for n in names) for row in results]


def _store(path: Path) -> Store:
    """The documented recipe: Store.load of the file, nothing else."""
    store = Store()
    store.load(path=path, format=RdfFormat.from_extension(path.suffix.lstrip(".")))
    return store


# --- A query by plain name ------------------------------------------------------------------------


def test_a_query_by_plain_chinese_name_finds_the_person(
    build: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["query", str(build), BY_NAME, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"))))
    assert rows == [["p", "type"], [ZHOU, "https://schema.org/Person"]]


def test_the_same_query_on_the_tagged_label_finds_nothing_which_is_why_schema_name_exists(build: Path) -> None:
    tagged = load_store(build).query('SELECT ?p WHERE { ?p rdfs:label "周鸿祎" }', prefixes=PREFIXES)
    assert _rows(tagged) == []


def test_every_entity_has_a_plain_name_equal_to_its_label(build: Path) -> None:
    query = """SELECT (COUNT(?e) AS ?entities) (COUNT(?name) AS ?named) (SUM(IF(STR(?label) = ?name, 1, 0)) AS ?same)
        WHERE { ?e a ?type ; rdfs:label ?label OPTIONAL { ?e schema:name ?name FILTER(DATATYPE(?name) = xsd:string) }
                FILTER(?type IN (schema:Person, schema:Organization, schema:SoftwareApplication, schema:Place)) }"""
    store = load_store(build)
    [(entities, named, same)] = _rows(store.query(query, prefixes=PREFIXES))
    assert int(entities) > 100 and entities == named == same


# --- The exports in pyoxigraph, as docs/loading.md says -----------------------------------------


@pytest.mark.parametrize("query", BUNDLED, ids=[q.name for q in BUNDLED])
def test_bundled_query_on_graph_nq_with_the_union_default_graph_answers_as_kg_query(build: Path, query: Path) -> None:
    text = query.read_text(encoding="utf-8")
    rows = _rows(_store(build / "graph.nq").query(text, use_default_graph_as_union=True))
    assert rows, f"{query.name} answered nothing"
    assert rows == _rows(load_store(build).query(text))


@pytest.mark.parametrize("name", ["graph.nq", "graph.trig", "graph.jsonld"])
def test_each_dataset_export_loads_to_the_same_answers(build: Path, jsonld_export: Path, name: str) -> None:
    path = jsonld_export if name.endswith(".jsonld") else build / name
    text = (ROOT / "queries" / "people_titles.rq").read_text(encoding="utf-8")
    rows = _rows(_store(path).query(text, use_default_graph_as_union=True))
    assert rows == _rows(_store(build / "graph.nq").query(text, use_default_graph_as_union=True))


def test_the_bundled_answers_are_sensible(build: Path) -> None:
    store = _store(build / "graph.nq")

    def ask(name: str) -> Rows:
        text = (ROOT / "queries" / name).read_text(encoding="utf-8")
        return _rows(store.query(text, use_default_graph_as_union=True))

    titles = ask("people_titles.rq")
    assert ("360集团", "周鸿祎", "创始人") in [row[:3] for row in titles]
    makers = {(model, maker) for model, maker, *_ in ask("models_makers.rq")}
    assert ("Sora", "OpenAI") in makers
    pairs = ask("co_mentions.rq")
    assert all(int(articles) >= 2 for _, _, articles in pairs)
    assert {"OpenAI", "Sora"} in [{first, second} for first, second, _ in pairs]
    provenance = ask("membership_provenance.rq")
    assert all(int(begin) < int(end) for _, _, _, _, begin, end, *_ in provenance)
    quotes = ask("quotes_about_model.rq")
    assert all(model == "Sora" for model, *_ in quotes) and "周鸿祎" in {speaker for _, speaker, *_ in quotes}


@pytest.mark.parametrize("name", ["people_titles.rq", "membership_provenance.rq", "co_mentions.rq"])
def test_without_the_union_option_the_fact_queries_answer_nothing(build: Path, name: str) -> None:
    text = (ROOT / "queries" / name).read_text(encoding="utf-8")
    assert _rows(_store(build / "graph.nq").query(text)) == []


MEMBERS_OF_360 = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?person ?title WHERE {
  ?m org:member/rdfs:label ?person ; org:role/rdfs:label ?title ; org:organization/rdfs:label "360集团"@zh-Hans .
}"""


@pytest.mark.parametrize("union", [True, False])
def test_rdflib_with_a_union_default_graph_joins_entities_and_facts(build: Path, union: bool) -> None:
    dataset = rdflib.Dataset(default_union=union)
    dataset.parse(build / "graph.trig", format="trig")
    rows = {(str(person), str(title)) for person, title in dataset.query(MEMBERS_OF_360)}
    assert rows == ({("周鸿祎", "创始人")} if union else set())
