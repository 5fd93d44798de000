"""RDF output: the profile's patterns, deterministic bytes, valid IRIs, any text survives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdf_samples import (
    FEIHE,
    GPT4_TURBO,
    IFLYTEK,
    LENG,
    LIU,
    OPENAI,
    QIHOO,
    SORA,
    SPARK,
    ZHOU,
    reversed_kg,
    sample_kg,
    sample_results,
)
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import (
    Alias,
    ArticleMeta,
    ArticleResult,
    Entity,
    Fact,
    Predicate,
)
from graph.rdf.files import (
    to_nquads,
    to_trig,
    to_turtle,
    write_nquads,
    write_trig,
    write_turtle,
)
from graph.rdf.iris import (
    article_graph_iri,
    article_iri,
    confidence_literal,
    entity_iri,
    iri_segment,
    name_literal,
    role_iri,
    web_iri,
)
from graph.rdf.mapping import to_dataset
from graph.rdf.serialize import escape_string
from graph.rdf.serialize import to_nquads as nquads_text
from graph.rdf.vocab import KG, KGR

XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
ROOT = Path(__file__).resolve().parent.parent
# The evaluation script beside the repository, as README.md runs it (KG_SCORER overrides).
SCORER = Path(os.environ.get("KG_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))

PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX skosxl: <http://www.w3.org/2008/05/skos-xl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg: <https://w3id.org/cnkg/ontology#>
"""

WRITERS = {"ttl": write_turtle, "trig": write_trig, "nq": write_nquads}
RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads"}
OXIGRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


@pytest.fixture(scope="module")
def rdf_kg() -> KnowledgeGraph:
    return sample_kg()


@pytest.fixture(scope="module")
def rdf_files(rdf_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rdf")
    paths = {}
    for suffix, write in WRITERS.items():
        paths[suffix] = folder / f"graph.{suffix}"
        write(rdf_kg, paths[suffix])
    return paths


@pytest.fixture(scope="module")
def rdf_store(rdf_files: dict[str, Path]) -> ox.Store:
    """The TriG in Oxigraph, as `kg query` and the endpoint see it."""
    store = ox.Store()
    store.load(path=str(rdf_files["trig"]), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def rdf_union(rdf_files: dict[str, Path]) -> Graph:
    """The Turtle file in rdflib."""
    return Graph().parse(rdf_files["ttl"], format="turtle")


def _rows(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return {tuple(term.value for term in row) for row in solutions}


def _rdflib_quads(path: Path, suffix: str) -> set[tuple]:
    ds = Dataset()
    ds.parse(path, format=RDFLIB_FORMATS[suffix])
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


# --- IRIs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity_id", "expected"),
    [
        ("person/周鸿祎", "person/周鸿祎"),
        ("organization/360集团", "organization/360集团"),
        ("softwareapplication/gpt-4", "softwareapplication/gpt-4"),
        ("organization/Open AI", "organization/Open%20AI"),
        ("x/<script>", "x/%3Cscript%3E"),
        ('x/"q"', "x/%22q%22"),
        ("x/{a|b}", "x/%7Ba%7Cb%7D"),
        ("x/a\\b^`", "x/a%5Cb%5E%60"),
        ("x/50%", "x/50%25"),
        ("x/a?b#c:d", "x/a%3Fb%23c%3Ad"),
        ("x/\u202e", "x/%E2%80%AE"),  # right-to-left override
        ("x/\u3000", "x/%E3%80%80"),  # ideographic space
        ("x/\x00\n", "x/%00%0A"),
        ("x/..", "x/%2E%2E"),
        ("x/\ue000", "x/%EE%80%80"),  # private use
    ],
)
def test_entity_iris_keep_chinese_and_percent_encode_the_rest(entity_id: str, expected: str) -> None:
    assert entity_iri(entity_id) == URIRef(str(KGR) + expected)


@given(st.text())
def test_every_entity_id_gives_an_iri_that_oxigraph_accepts(entity_id: str) -> None:
    ox.NamedNode(str(entity_iri(entity_id)))


@given(st.text(), st.text())
def test_distinct_entity_ids_give_distinct_iris(first: str, second: str) -> None:
    assert (entity_iri(first) == entity_iri(second)) == (first == second)


def test_segments_cannot_smuggle_a_path_separator() -> None:
    assert iri_segment("a/b") == "a%2Fb"


@pytest.mark.parametrize(("role", "same_as"), [("董事長", "董事长"), ("  董事长 ", "董事长"), ("執行總編輯", "执行总编辑")])
def test_a_role_has_one_node_whatever_its_script_or_spacing(role: str, same_as: str) -> None:
    assert role_iri(role) == role_iri(same_as)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://finance.china.com/a b.html", "https://finance.china.com/a%20b.html"),
        ("https://例子.中国/路径?q=中文", "https://例子.中国/路径?q=中文"),
        ('http://example.com/x"<y>', "http://example.com/x%22%3Cy%3E"),
        ("http://example.com/%zz", None),  # a broken escape cannot be repaired
        ("ftp://example.com/a", None),
        ("seeds/001.txt", None),
    ],
)
def test_web_addresses_become_valid_iris_or_nothing(url: str, expected: str | None) -> None:
    assert web_iri(url) == (None if expected is None else URIRef(expected))


# --- Literals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("confidence", "lexical"),
    [(0.9, "0.9"), (0.6666, "0.667"), (1, "1.0"), (0.0, "0.0"), (0.1234, "0.123"), (0.0005, "0.0")],
)
def test_confidence_is_a_decimal_rounded_to_three_places(confidence: float, lexical: str) -> None:
    assert confidence_literal(confidence) == Literal(lexical, datatype=XSD_DECIMAL)


def test_a_confidence_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        confidence_literal(float("nan"))


@pytest.mark.parametrize(
    ("name", "lang"),
    [("周鸿祎", "zh-Hans"), ("周鴻禕", "zh-Hant"), ("OpenAI", None), ("Open AI", None), ("智谱AI", "zh-Hans")],
)
def test_names_are_tagged_with_their_script(name: str, lang: str | None) -> None:
    assert name_literal(name).language == lang


# --- Determinism ---------------------------------------------------------------------


@pytest.mark.parametrize("render", [to_turtle, to_trig, to_nquads], ids=["turtle", "trig", "nquads"])
def test_the_same_graph_gives_the_same_bytes_whatever_the_insertion_order(render) -> None:
    assert render(sample_kg()).encode("utf-8") == render(reversed_kg()).encode("utf-8")


def test_writing_replaces_the_file_and_leaves_no_temporary_file(rdf_kg: KnowledgeGraph, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    write_turtle(rdf_kg, target)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    assert target.read_text(encoding="utf-8") == to_turtle(rdf_kg)


# --- Round trips ------------------------------------------------------------------------


def test_the_rdflib_dataset_holds_exactly_what_the_files_hold(rdf_kg: KnowledgeGraph) -> None:
    assert nquads_text(to_dataset(rdf_kg)) == to_nquads(rdf_kg)


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_rdflib_reads_back_exactly_the_dataset(rdf_kg: KnowledgeGraph, rdf_files: dict[str, Path], suffix: str) -> None:
    expected = {(s, p, o) for s, p, o, _ in to_dataset(rdf_kg).quads((None, None, None, None))}
    assert _rdflib_quads(rdf_files[suffix], suffix) == expected


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_oxigraph_reads_back_every_statement(rdf_kg: KnowledgeGraph, rdf_files: dict[str, Path], suffix: str) -> None:
    quads = list(ox.parse(path=str(rdf_files[suffix]), format=OXIGRAPH_FORMATS[suffix]))
    dataset = to_dataset(rdf_kg)
    expected = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))} if suffix == "ttl" else list(dataset.quads())
    assert len(quads) == len(expected)


def test_trig_keeps_one_named_graph_per_article(rdf_kg: KnowledgeGraph, rdf_store: ox.Store) -> None:
    names = {g.value for g in rdf_store.named_graphs()}
    assert names == {str(article_graph_iri(a)) for a in rdf_kg.articles}


def test_each_fact_sits_in_the_named_graph_of_its_article(rdf_kg: KnowledgeGraph, rdf_store: ox.Store) -> None:
    query = "SELECT ?g ?a WHERE { GRAPH ?g { ?f kg:factKind ?kind ; prov:wasDerivedFrom ?a . ?a a schema:NewsArticle } }"
    rows = {tuple(t.value for t in row) for row in rdf_store.query(PREFIXES + query)}
    assert rows == {(str(article_graph_iri(f.article_id)), str(article_iri(f.article_id))) for f in rdf_kg.facts}


# --- The profile's patterns, asked in SPARQL -------------------------------------------------


def test_membership_with_a_role(rdf_store: ox.Store) -> None:
    query = """SELECT ?p ?o WHERE { ?m a org:Membership ; org:member ?p ; org:organization ?o ;
                                      org:role/rdfs:label "董事长"@zh-Hans }"""
    assert _rows(rdf_store, query) == {
        (str(entity_iri(LIU.entity_id)), str(entity_iri(IFLYTEK.entity_id))),
        (str(entity_iri(LENG.entity_id)), str(entity_iri(FEIHE.entity_id))),
    }


def test_membership_has_the_direct_shortcut(rdf_store: ox.Store) -> None:
    assert _rows(rdf_store, "SELECT ?p ?o WHERE { ?p org:memberOf ?o }") == {
        (str(entity_iri(e.entity_id)), str(entity_iri(o.entity_id))) for e, o in ((ZHOU, QIHOO), (LIU, IFLYTEK), (LENG, FEIHE))
    }


def test_a_former_role_is_marked(rdf_store: ox.Store) -> None:
    assert _rows(rdf_store, "SELECT ?p WHERE { ?m org:member ?p ; kg:former true }") == {(str(entity_iri(LENG.entity_id)),)}


def test_model_creator(rdf_store: ox.Store) -> None:
    assert _rows(rdf_store, "SELECT ?m ?o WHERE { ?m schema:creator ?o . ?o a schema:Organization }") == {
        (str(entity_iri(SORA.entity_id)), str(entity_iri(OPENAI.entity_id)))
    }


def test_quotation(rdf_store: ox.Store) -> None:
    query = """SELECT ?p ?t WHERE { ?q a schema:Quotation ; schema:creator ?p ; schema:text ?t ;
                                      schema:isPartOf ?a . ?a a schema:NewsArticle }"""
    assert _rows(rdf_store, query) == {(str(entity_iri(ZHOU.entity_id)), "目前，美國產業界已經開始步入All in AI")}


def test_entity_names(rdf_store: ox.Store) -> None:
    query = """SELECT ?label ?lang ?alt ?altlang WHERE { ?e a schema:Person ; rdfs:label ?label ; skos:prefLabel ?label ;
                                                          skos:altLabel ?alt . BIND(LANG(?label) AS ?lang) BIND(LANG(?alt) AS ?altlang) }"""
    # Oxigraph reports language tags in lower case.
    assert _rows(rdf_store, query) == {("周鸿祎", "zh-hans", "周鴻禕", "zh-hant")}


def test_a_latin_name_is_untagged(rdf_union: Graph) -> None:
    assert rdf_union.value(entity_iri(OPENAI.entity_id), RDFS.label) == Literal("OpenAI")


def test_each_entity_has_exactly_one_schema_type(rdf_store: ox.Store) -> None:
    query = """SELECT ?e (COUNT(?t) AS ?n) WHERE { ?e skos:prefLabel ?l ; a ?t .
                 FILTER(STRSTARTS(STR(?t), "https://schema.org/")) } GROUP BY ?e"""
    assert {n for _, n in _rows(rdf_store, query)} == {"1"}


@pytest.mark.parametrize(("entity", "is_ai_model"), [(SORA, True), (GPT4_TURBO, True), (SPARK, False), (OPENAI, False)])
def test_models_the_lexicon_knows_are_also_typed_ai_model(rdf_union: Graph, entity: Entity, is_ai_model: bool) -> None:
    assert ((entity_iri(entity.entity_id), RDF.type, KG.AIModel) in rdf_union) == is_ai_model


def test_an_alias_carries_its_reason(rdf_store: ox.Store) -> None:
    query = """SELECT ?e WHERE { ?e kg:alias [ skosxl:literalForm "周鴻禕"@zh-Hant ; kg:aliasReason "script-variant" ] }"""
    assert _rows(rdf_store, query) == {(str(entity_iri(ZHOU.entity_id)),)}


def test_mention_offsets_point_into_the_original_text(rdf_kg: KnowledgeGraph, rdf_store: ox.Store) -> None:
    query = """SELECT ?text ?b ?e WHERE { ?m a nif:Phrase ; nif:anchorOf "周鴻禕" ; nif:beginIndex ?b ; nif:endIndex ?e ;
                                              nif:referenceContext/nif:isString ?text ; itsrdf:taIdentRef ?entity }"""
    ((text, begin, end),) = _rows(rdf_store, query)
    assert text[int(begin) : int(end)] == "周鴻禕"


def test_every_fact_is_traced_to_its_sentence(rdf_kg: KnowledgeGraph, rdf_store: ox.Store) -> None:
    query = """SELECT ?f ?sentence ?text ?b ?e WHERE { ?f kg:confidence ?c ; kg:extractionRule ?r ; prov:wasDerivedFrom ?s .
                 ?s a nif:Sentence ; nif:anchorOf ?sentence ; nif:beginIndex ?b ; nif:endIndex ?e ;
                    nif:referenceContext/nif:isString ?text }"""
    rows = _rows(rdf_store, query)
    assert len({f for f, *_ in rows}) == len({f.fact_id for f in rdf_kg.facts})
    assert all(text[int(b) : int(e)] == sentence for _, sentence, text, b, e in rows)


def test_article_metadata(rdf_kg: KnowledgeGraph, rdf_union: Graph) -> None:
    simplified = sample_results()[1].article
    node = article_iri(simplified.article_id)
    schema = "https://schema.org/"
    assert (
        rdf_union.value(node, URIRef(schema + "inLanguage")),
        rdf_union.value(node, URIRef(schema + "url")),
        rdf_union.value(node, KG.sourceFile),
    ) == (Literal("zh-Hans"), URIRef("https://finance.china.com/a%20b.html"), Literal("seeds/001_073fffdf9d60567d.txt"))


def test_an_iso_date_is_an_xsd_date(rdf_union: Graph) -> None:
    node = article_iri(sample_results()[0].article.article_id)
    assert rdf_union.value(node, URIRef("https://schema.org/datePublished")) == Literal("2024-03-06", datatype=XSD_DATE)


def test_an_article_mentions_its_entities(rdf_store: ox.Store) -> None:
    rows = _rows(rdf_store, "SELECT ?e WHERE { ?a a schema:NewsArticle ; schema:mentions ?e }")
    assert (str(entity_iri(SPARK.entity_id)),) in rows


# --- Hostile text -------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    'He said "hi" and \'bye\'',
    'triple """ quotes """',
    "back\\slash \\n \\u0041",
    "line one\nline two\r\nthree\ttab",
    "\u202eevil\u202c",
    "control \x00\x01\x08\x0b\x0c\x1b\x7f chars",
    "长" * 100_000,
    "emoji 😀 and 𠀀 (astral)",
    "@prefix x: <y> . } { GRAPH",
]


def _hostile_kg(text: str) -> KnowledgeGraph:
    results = sample_results()
    article = results[0].article
    zhou = replace(ZHOU, label=text, aliases=(Alias(text + " alias", "lexicon"),))
    meta = ArticleMeta(headline=text, authors=(text,), url=text)
    quote = Fact(Predicate.QUOTATION, ZHOU.entity_id, None, article.article_id, results[0].facts[0].sentence, (), "r", 0.5, text=text)
    first = ArticleResult(
        replace(article, meta=meta, source=text),
        results[0].language,
        tuple(zhou if e.entity_id == ZHOU.entity_id else e for e in results[0].entities),
        results[0].mentions,
        (*results[0].facts, quote),
    )
    return KnowledgeGraph.from_results([first, results[1]])


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_hostile_text_round_trips_in_rdflib_and_oxigraph(text: str, suffix: str, tmp_path: Path) -> None:
    kg = _hostile_kg(text)
    path = tmp_path / f"graph.{suffix}"
    WRITERS[suffix](kg, path)
    rdflib_labels = {o for s, p, o in _rdflib_quads(path, suffix) if p == RDFS.label and s == entity_iri(ZHOU.entity_id)}
    store = ox.Store()
    store.load(path=str(path), format=OXIGRAPH_FORMATS[suffix])
    ox_labels = {q.object.value for q in store.quads_for_pattern(ox.NamedNode(str(entity_iri(ZHOU.entity_id))), ox.NamedNode(str(RDFS.label)), None)}
    assert ({str(o) for o in rdflib_labels}, ox_labels) == ({text}, {text})


def test_a_lone_surrogate_cannot_reach_utf_8_and_is_written_as_a_replacement_character() -> None:
    assert escape_string("bad \ud800 text") == "bad \ufffd text"


# --- The evaluation script reads our graph -------------------------------------------------------

GOLD = {
    "docs": [],
    "entities": [
        {"label": "周鸿祎", "type": "Person", "aliases": ["周鴻禕"], "core": True, "docs": []},
        {"label": "刘庆峰", "type": "Person", "aliases": [], "core": True, "docs": []},
        {"label": "360集团", "type": "Organization", "aliases": [], "core": True, "docs": []},
        {"label": "科大讯飞", "type": "Organization", "aliases": [], "core": True, "docs": []},
        {"label": "OpenAI", "type": "Organization", "aliases": [], "core": True, "docs": []},
        {"label": "Sora", "type": "Model", "aliases": [], "core": True, "docs": []},
    ],
    "affiliations": [
        {"person": "周鸿祎", "org": "360集团", "role": "创始人", "core": True, "docs": []},
        {"person": "刘庆峰", "org": "科大讯飞", "role": "董事长", "core": True, "docs": []},
    ],
    "created": [{"model": "Sora", "org": "OpenAI", "core": True, "docs": []}],
    "quoted": [{"person": "周鸿祎", "docs": []}],
}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_the_scorer_finds_entities_memberships_creators_and_quotations(
    rdf_files: dict[str, Path], suffix: str, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(rdf_files[suffix]), "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    scores = json.loads(run.stdout)
    found = (
        scores["entities"]["recall"],
        scores["affiliations"]["recall"],
        scores["affiliations"]["role_recall"],
        scores["created"]["recall"],
        scores["quoted"]["recall"],
    )
    assert found == (1.0, 1.0, 1.0, 1.0, 1.0)
