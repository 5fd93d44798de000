"""Untrusted text in every output: RDF files, exports and the HTML view.

One knowledge graph carries every string of ``hostile_samples.HOSTILE_TEXTS``
(markup, quotes, backslashes, line breaks, C0/C1 controls, bidirectional
overrides, U+2028/U+2029, lone combining marks, astral characters, syntax of
Turtle, Cypher, CSV and templates, 100,000 characters) in ids, names,
aliases, roles, quotations, rules and article metadata, plus one hostile
article read by the real extractor. Every output is written once (module
fixtures) and read back by independent parsers:

* Turtle, TriG, N-Quads and JSON-LD: rdflib and pyoxigraph read back exactly
  the statements the writers were given, and every IRI is valid;
* GraphML and GEXF (networkx), Cytoscape JSON (json), Neo4j CSV (csv): the
  exact text, after the documented ``clean_text`` (XML cannot carry most C0
  controls: they are dropped, CR and CRLF become LF);
* the Cypher script carries no data at all;
* the HTML view shows every text as text in a real headless Chromium, and
  nothing runs.
"""

from __future__ import annotations

import csv
import html.parser
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
import rdflib.plugins.parsers.ntriples
from browser import CHROMIUM, CHROMIUM_ARGS
from hostile_samples import (
    CASES,
    HOSTILE_TEXTS,
    HostileCase,
    extracted_article,
    hand_made_results,
)
from rdflib import RDFS, XSD
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Alias, ArticleResult, Predicate
from graph.outputs.exports.cytoscape import write_cytoscape
from graph.outputs.exports.gexf import write_gexf
from graph.outputs.exports.graphml import write_graphml
from graph.outputs.exports.neo4j import (
    ARRAY_DELIMITER,
    NEO4J_CSV,
    NODES_FILE,
    RELATIONSHIPS_FILE,
    SCRIPT_FILE,
    load_script,
    write_neo4j,
)
from graph.outputs.exports.property_graph import clean_text, edge_id, node_id
from graph.outputs.exports.rdf_formats import write_jsonld
from graph.outputs.exports.rdf_formats import write_nquads as write_export_nquads
from graph.outputs.view.page import CANVAS_LABEL_MAX, write_html
from graph.rdf.files import write_nquads, write_trig, write_turtle
from graph.rdf.iris import (
    alias_iri,
    article_iri,
    context_iri,
    entity_iri,
    fact_iri,
    iri_segment,
    mention_iri,
    normalize_role,
    role_iri,
    web_iri,
)
from graph.rdf.mapping import iter_quads
from graph.rdf.vocab import KG, LEX, NIF, SCHEMA, SKOS, SKOSXL

# --- the graph and its outputs, made once ---------------------------------------------------


@pytest.fixture(scope="module")
def extracted() -> ArticleResult:
    """The hostile article as the real extractor reads it (loads the spaCy pipeline once)."""
    from graph.extract.article import ArticleExtractor

    return ArticleExtractor().extract(extracted_article())


@pytest.fixture(scope="module")
def kg(extracted: ArticleResult) -> KnowledgeGraph:
    return KnowledgeGraph.from_results([*hand_made_results(), extracted])


RDF_OUTPUTS = {
    # name: (writer, rdflib format, pyoxigraph format)
    "graph.ttl": (write_turtle, "turtle", ox.RdfFormat.TURTLE),
    "graph.trig": (write_trig, "trig", ox.RdfFormat.TRIG),
    "graph.nq": (write_nquads, "nquads", ox.RdfFormat.N_QUADS),
    "export.nq": (write_export_nquads, "nquads", ox.RdfFormat.N_QUADS),
    "export.jsonld": (write_jsonld, "json-ld", ox.RdfFormat.JSON_LD),
}
PROPERTY_GRAPH_OUTPUTS = {
    "graph.graphml": write_graphml,
    "graph.gexf": write_gexf,
    "graph.cyjs": write_cytoscape,
    "neo4j": write_neo4j,
}


@pytest.fixture(scope="module")
def out(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every output of ``kg``."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (write, _, _) in RDF_OUTPUTS.items():
        write(kg, folder / name)
    for name, write in PROPERTY_GRAPH_OUTPUTS.items():
        write(kg, folder / name)
    write_html(kg, folder / "graph.html")
    return folder


# --- RDF: both parsers read back exactly what the writers were given --------------------------

Term = tuple[str, ...]
QuadKey = tuple[Term, Term, Term, Term | None]
LiteralIndex = dict[tuple[str, str], set[str]]  # (subject IRI, property IRI) → literal values
XSD_STRING = str(XSD.string)


def _rdflib_term(term: rdflib.term.Node) -> Term:
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ("literal", str(term), "@" + term.language.lower())
        return ("literal", str(term), str(term.datatype or XSD_STRING))
    if isinstance(term, rdflib.BNode):
        return ("blank", str(term))
    return ("iri", str(term))


def _ox_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, "@" + term.language.lower())
        return ("literal", term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return ("blank", term.value)
    return ("iri", term.value)


def _source_quads(kg: KnowledgeGraph) -> set[QuadKey]:
    return {
        (_rdflib_term(s), _rdflib_term(p), _rdflib_term(o), None if g is None else _rdflib_term(g))
        for s, p, o, g in iter_quads(kg)
    }


def _read_rdflib(path: Path, fmt: str) -> set[QuadKey]:
    dataset = rdflib.Dataset()
    dataset.parse(path, format=fmt)
    quads = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        graph = None if name in (None, DATASET_DEFAULT_GRAPH_ID) else _rdflib_term(name)
        quads.add((_rdflib_term(s), _rdflib_term(p), _rdflib_term(o), graph))
    return quads


def _read_oxigraph(path: Path, fmt: ox.RdfFormat) -> set[QuadKey]:
    return {
        (
            _ox_term(q.subject),
            _ox_term(q.predicate),
            _ox_term(q.object),
            None if isinstance(q.graph_name, ox.DefaultGraph) else _ox_term(q.graph_name),
        )
        for q in ox.parse(path=str(path), format=fmt)
    }


PARSERS = ("rdflib", "oxigraph")


@pytest.fixture(scope="module")
def parsed(out: Path) -> dict[tuple[str, str], set[QuadKey]]:
    """(output name, parser) → the quads that parser reads from the file."""
    readings = {}
    # rdflib's N-Triples reader re-scans its buffer for every 2 KiB it reads,
    # quadratic in the length of a line; lines here are up to a megabyte.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rdflib.plugins.parsers.ntriples, "bufsiz", 1 << 18)
        for name, (_, rdflib_format, ox_format) in RDF_OUTPUTS.items():
            readings[name, "rdflib"] = _read_rdflib(out / name, rdflib_format)
            readings[name, "oxigraph"] = _read_oxigraph(out / name, ox_format)
    return readings


def _brief(quads: Iterable[QuadKey], limit: int = 3) -> list[str]:
    return [repr(q)[:300] for q in sorted(quads)[:limit]]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("name", sorted(RDF_OUTPUTS))
def test_rdf_output_reads_back_every_statement_exactly(
    kg: KnowledgeGraph, parsed: dict[tuple[str, str], set[QuadKey]], name: str, parser: str
) -> None:
    expected = _source_quads(kg)
    if name.endswith(".ttl"):  # Turtle is the union of the graphs
        expected = {(s, p, o, None) for s, p, o, _ in expected}
    got = parsed[name, parser]
    missing, extra = expected - got, got - expected
    assert (len(missing), len(extra)) == (0, 0), (_brief(missing), _brief(extra))


def _literal_values(quads: set[QuadKey]) -> LiteralIndex:
    """(subject IRI, predicate IRI) → the lexical values of its literal objects."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o, _ in quads:
        if o[0] == "literal":
            index[s[1], p[1]].add(o[1])
    return index


@pytest.fixture(scope="module")
def literal_index(parsed: dict[tuple[str, str], set[QuadKey]]) -> dict[tuple[str, str], LiteralIndex]:
    return {key: _literal_values(quads) for key, quads in parsed.items()}


def expected_literals(case: HostileCase) -> dict[str, tuple[str, str, str]]:
    """Field → (subject IRI, property IRI, the exact text it must hold) for one case."""
    result = case.result()
    person = str(entity_iri(case.person_id))
    article = str(article_iri(case.article_id))
    membership, quotation = result.facts
    mention = result.mentions[0]
    fields = {
        "label": (person, str(RDFS.label), case.person_label),
        "prefLabel": (person, str(SKOS.prefLabel), case.person_label),
        "altLabel": (person, str(SKOS.altLabel), case.alias),
        "alias literalForm": (str(alias_iri(case.person_id, Alias(case.alias, case.text))), str(SKOSXL.literalForm), case.alias),
        "alias reason": (str(alias_iri(case.person_id, Alias(case.alias, case.text))), str(KG.aliasReason), case.text),
        "organization label": (str(entity_iri(case.org_id)), str(RDFS.label), case.org_label),
        # Roles are shared nodes named by their normalized (Simplified, stripped) label.
        "role label": (str(role_iri(case.text)), str(RDFS.label), normalize_role(case.text)),
        "headline": (article, str(SCHEMA.headline), case.text),
        "author": (article, str(SCHEMA.author), case.text),
        "publisher": (article, str(SCHEMA.publisher), case.text),
        "keywords": (article, str(SCHEMA.keywords), case.text),
        "abstract": (article, str(SCHEMA.abstract), case.text),
        "datePublished": (article, str(SCHEMA.datePublished), case.text),
        "url": (article, str(SCHEMA.url), case.text),  # not an http(s) URL: kept as text
        "sourceFile": (article, str(KG.sourceFile), case.text),
        "article text": (str(context_iri(case.article_id)), str(NIF.isString), case.article_text),
        "mention anchor": (str(mention_iri(case.article_id, mention.start, mention.end)), str(NIF.anchorOf), case.person_label),
        "mention rule": (str(mention_iri(case.article_id, mention.start, mention.end)), str(KG.extractionRule), case.text),
        "fact rule": (str(fact_iri(membership)), str(KG.extractionRule), case.text),
        "quotation": (str(fact_iri(quotation)), str(SCHEMA.text), case.text),
    }  # fmt: skip
    return fields


CASE_IDS = [case.name for case in CASES]
RDF_READINGS = [(name, parser) for name in sorted(RDF_OUTPUTS) for parser in PARSERS]


@pytest.mark.parametrize("reading", RDF_READINGS, ids=[f"{n}-{p}" for n, p in RDF_READINGS])
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_rdf_output_carries_the_exact_text(
    literal_index: dict[tuple[str, str], LiteralIndex], case: HostileCase, reading: tuple[str, str]
) -> None:
    index = literal_index[reading]
    fields = expected_literals(case)
    got = {field: index.get((s, p), set()) for field, (s, p, _) in fields.items()}
    assert got == {field: {text} for field, (_, _, text) in fields.items()}


def test_extracted_article_text_reads_back_exactly(
    literal_index: dict[tuple[str, str], LiteralIndex], extracted: ArticleResult
) -> None:
    key = (str(context_iri(extracted.article.article_id)), str(NIF.isString))
    texts = {reading: index[key] for reading, index in literal_index.items()}
    assert texts == {reading: {extracted.article.text} for reading in literal_index}


def test_extracted_mentions_read_back_as_their_surface(
    literal_index: dict[tuple[str, str], LiteralIndex], extracted: ArticleResult
) -> None:
    anchors = {
        (str(mention_iri(m.article_id, m.start, m.end)), str(NIF.anchorOf)): m.surface for m in extracted.mentions
    }
    got = {reading: {key: index.get(key) for key in anchors} for reading, index in literal_index.items()}
    assert got == {reading: {key: {surface} for key, surface in anchors.items()} for reading in literal_index}


def test_extracted_quotations_read_back_exactly(
    literal_index: dict[tuple[str, str], LiteralIndex], extracted: ArticleResult
) -> None:
    quotes = {str(fact_iri(f)): f.text for f in extracted.facts if f.predicate is Predicate.QUOTATION}
    assert quotes, "the extractor should find the hostile article's quotations"
    got = {r: {q: index.get((q, str(SCHEMA.text))) for q in quotes} for r, index in literal_index.items()}
    assert got == {r: {q: {text} for q, text in quotes.items()} for r in literal_index}


# --- IRIs ------------------------------------------------------------------------------------

# What an IRI may hold (RFC 3987), minus what we also refuse to leave readable:
# spaces and format, bidirectional and line-separator characters.
_NOT_IN_IRI = re.compile(
    "[\x00-\x20<>\"{}|^`\\\\\x7f-\x9f\u00a0\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def _iris(quads: set[QuadKey]) -> set[str]:
    found = set()
    for quad in quads:
        for term in quad:
            if term is not None and term[0] == "iri":
                found.add(term[1])
            elif term is not None and term[0] == "literal" and not term[2].startswith("@"):
                found.add(term[2])  # the datatype
    return found


@pytest.mark.parametrize("name", sorted(RDF_OUTPUTS))
def test_every_iri_holds_only_iri_characters(parsed: dict[tuple[str, str], set[QuadKey]], name: str) -> None:
    bad = sorted(iri[:200] for iri in _iris(parsed[name, "oxigraph"]) if _NOT_IN_IRI.search(iri))
    assert bad == []


@pytest.mark.parametrize("name", sorted(RDF_OUTPUTS))
def test_every_iri_is_accepted_by_oxigraph(parsed: dict[tuple[str, str], set[QuadKey]], name: str) -> None:
    # ox.NamedNode validates the IRI; rdflib's reading is checked too (it validates less).
    refused = []
    for iri in _iris(parsed[name, "rdflib"]):
        try:
            ox.NamedNode(iri)
        except ValueError:
            refused.append(iri[:200])
    assert refused == []


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_an_entity_iri_decodes_back_to_its_id(case: HostileCase) -> None:
    # The IRI of an id is readable, valid and one-to-one: decoding gives the id back.
    iri = str(entity_iri(case.person_id))
    assert unquote(iri.removeprefix(str(entity_iri(""))), errors="surrogatepass") == case.person_id


HOSTILE_URLS = [
    # (page URL as found, the IRI it becomes)
    ("https://例子.org/a b", "https://例子.org/a%20b"),
    ('https://x.org/<script>"\'{}|^`\\', "https://x.org/%3Cscript%3E%22'%7B%7D%7C%5E%60%5C"),
    ("https://x.org/\u202eevil\u200f", "https://x.org/%E2%80%AEevil%E2%80%8F"),
    ("https://x.org/p?q=<x>&r=\n#frag", "https://x.org/p?q=%3Cx%3E&r=%0A#frag"),
    ("https://x.org/\x00\x1f\x7f\x85\u2028end", "https://x.org/%00%1F%7F%C2%85%E2%80%A8end"),
    ("https://x.org/%zz", None),  # a broken percent escape is no IRI: kept as text
    ("javascript:alert(1)", None),  # not a web URL: kept as text
]


@pytest.mark.parametrize(("url", "iri"), HOSTILE_URLS)
def test_a_hostile_page_url_becomes_a_valid_iri_or_text(url: str, iri: str | None) -> None:
    assert (None if web_iri(url) is None else str(web_iri(url))) == iri


# --- property graphs: GraphML, GEXF, Cytoscape, Neo4j CSV -----------------------------------------

CLEAN_TEXT_TABLE = [
    # (text, as every property-graph export carries it)
    ("plain 文本", "plain 文本"),
    ("a\r\nb\rc\nd", "a\nb\nc\nd"),  # line breaks become LF
    ("tab\tkept", "tab\tkept"),
    ("".join(chr(c) for c in range(0x20)), "\t\n\n"),  # other C0 controls are dropped
    ("del\x7f nel\x85", "del\x7f nel\x85"),  # legal in XML 1.0: kept
    ("\ufffe\uffff", ""),  # non-characters XML cannot carry
    ("lone \ud800 surrogate", "lone  surrogate"),
    ("\u2028\u2029\u202e\u200f", "\u2028\u2029\u202e\u200f"),
    ("😀𠀀\u0301", "😀𠀀\u0301"),
]


@pytest.mark.parametrize(("text", "cleaned"), CLEAN_TEXT_TABLE)
def test_clean_text_is_the_documented_replacement(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


@dataclass(frozen=True)
class PropertyGraphView:
    """What a reader of one property-graph file sees of the hostile cases."""

    labels: dict[str, str]  # node id → label
    aliases: dict[str, list[str]]  # node id → aliases
    edges: dict[str, dict[str, str]]  # edge id → {"role", "sentence", "rule", "source", "target"}


def _graph_view(graph: nx.DiGraph, edge_key: str | None) -> PropertyGraphView:
    """``edge_key``: the edge attribute that holds the edge id, else the multigraph key."""
    edges = {}
    triples = graph.edges(keys=True, data=True) if edge_key is None else graph.edges(data=True, default=None)
    for u, v, *rest in triples:
        key, data = (rest[0], rest[1]) if edge_key is None else (rest[0][edge_key], rest[0])
        edges[key] = {
            "role": data["role"], "sentence": data["sentence"], "rule": data["rule"], "source": u, "target": v,
        }  # fmt: skip
    return PropertyGraphView(
        labels={n: d["label"] for n, d in graph.nodes(data=True)},
        aliases={n: d["aliases"].split(" | ") if d["aliases"] else [] for n, d in graph.nodes(data=True)},
        edges=edges,
    )


def read_graphml(path: Path) -> PropertyGraphView:
    return _graph_view(nx.read_graphml(path, force_multigraph=True), None)


def read_gexf(path: Path) -> PropertyGraphView:
    return _graph_view(nx.read_gexf(path), "id")


def read_cytoscape(path: Path) -> PropertyGraphView:
    elements = json.loads(path.read_text(encoding="utf-8"))["elements"]
    return PropertyGraphView(
        labels={n["data"]["id"]: n["data"]["label"] for n in elements["nodes"]},
        aliases={n["data"]["id"]: n["data"]["aliases"] for n in elements["nodes"]},
        edges={
            e["data"]["id"]: {k: e["data"][k] for k in ("role", "sentence", "rule", "source", "target")}
            for e in elements["edges"]
        },
    )


def _csv_rows(path: Path, **dialect: object) -> list[dict[str, str]]:
    # The long sentence is over Python's default field limit of 128 KiB.
    limit = csv.field_size_limit(1 << 24)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, **dialect))
    finally:
        csv.field_size_limit(limit)


def read_neo4j(folder: Path) -> PropertyGraphView:
    nodes = _csv_rows(folder / NODES_FILE, dialect=NEO4J_CSV)
    relationships = _csv_rows(folder / RELATIONSHIPS_FILE, dialect=NEO4J_CSV)
    return PropertyGraphView(
        labels={r["entityId:ID"]: r["name"] for r in nodes},
        aliases={r["entityId:ID"]: r["aliases:string[]"].split(ARRAY_DELIMITER) if r["aliases:string[]"] else [] for r in nodes},
        edges={
            r["edgeId"]: {"role": r["role"], "sentence": r["sentence"], "rule": r["rule"], "source": r[":START_ID"], "target": r[":END_ID"]}
            for r in relationships
        },
    )  # fmt: skip


PROPERTY_GRAPH_READERS = {
    "graph.graphml": read_graphml,
    "graph.gexf": read_gexf,
    "graph.cyjs": read_cytoscape,
    "neo4j": read_neo4j,
}


@pytest.fixture(scope="module")
def views(out: Path) -> dict[str, PropertyGraphView]:
    return {name: read(out / name) for name, read in PROPERTY_GRAPH_READERS.items()}


def expected_view(case: HostileCase) -> dict[str, object]:
    person, org = node_id(case.person_id), node_id(case.org_id)
    membership = case.result().facts[0]
    sentence = case.article_text[membership.sentence.start : membership.sentence.end]
    return {
        "person label": clean_text(case.person_label),
        "person aliases": [clean_text(case.alias)],
        "organization label": clean_text(case.org_label),
        "membership": {
            "role": clean_text(case.text), "sentence": clean_text(sentence).strip(), "rule": clean_text(case.text),
            "source": person, "target": org,
        },
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(PROPERTY_GRAPH_READERS))
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_property_graph_carries_the_cleaned_text(
    views: dict[str, PropertyGraphView], case: HostileCase, name: str
) -> None:
    view = views[name]
    person, org = node_id(case.person_id), node_id(case.org_id)
    membership = edge_id(case.person_id, Predicate.MEMBERSHIP, case.org_id, clean_text(case.text))
    got = {
        "person label": view.labels.get(person),
        "person aliases": view.aliases.get(person),
        "organization label": view.labels.get(org),
        "membership": view.edges.get(membership),
    }
    assert got == expected_view(case)


@pytest.mark.parametrize("name", sorted(PROPERTY_GRAPH_READERS))
def test_property_graph_has_one_node_per_entity(
    kg: KnowledgeGraph, views: dict[str, PropertyGraphView], name: str
) -> None:
    assert sorted(views[name].labels) == sorted(node_id(e) for e in kg.entities)


def test_ids_that_differ_only_in_dropped_characters_stay_distinct_nodes() -> None:
    ids = ["person/a\x00b", "person/a\x01b", "person/ab", "person/a\rb", "person/a\nb"]
    assert len({node_id(i) for i in ids}) == len(ids)


def test_an_id_xml_can_carry_is_its_own_node_id() -> None:
    assert node_id("person/<周鸿祎> \"x\" \u202e") == "person/<周鸿祎> \"x\" \u202e"


# --- Neo4j: CSV that Neo4j reads whatever its quoting mode, and a script with no data ------------


def test_neo4j_csv_reads_back_the_same_rows_in_rfc_4180_mode(out: Path) -> None:
    # A reader that does not take backslash as an escape (neo4j-admin without
    # --legacy-style-quoting, Excel, pandas) sees doubled backslashes in quoted
    # fields, but the same rows and columns: no field runs into the next.
    for name in (NODES_FILE, RELATIONSHIPS_FILE):
        plain = _csv_rows(out / "neo4j" / name)
        escaped = _csv_rows(out / "neo4j" / name, dialect=NEO4J_CSV)
        undoubled = [{k: v.replace("\\\\", "\\") for k, v in row.items()} for row in plain]
        assert (len(plain), undoubled) == (len(escaped), escaped)


def test_neo4j_csv_never_has_a_backslash_outside_quotes(out: Path) -> None:
    # Neo4j's legacy quoting (LOAD CSV's default) reads a backslash before a
    # quote or a backslash as an escape, but only inside quotes.
    unquoted_backslash = re.compile(r'(?:^|,)[^",\n]*\\')
    for name in (NODES_FILE, RELATIONSHIPS_FILE):
        text = (out / "neo4j" / name).read_text(encoding="utf-8")
        # Drop every quoted field (a quote, then doubled quotes, escape pairs or other characters, a quote).
        outside = re.sub(r'"(?:""|\\\\|[^"\\])*"', "", text)
        assert unquoted_backslash.search(outside) is None


_CYPHER_TOKEN = re.compile(
    r"""
      (?P<comment>//[^\n]*)
    | (?P<string>'(?:[^'\\\n]|\\.)*')
    | (?P<name>`[^`\n]*`)
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<number>[0-9]+)
    | (?P<space>\s+)
    | (?P<symbol>[-+*/=<>.,:;(){}\[\]|])
    """,
    re.VERBOSE,
)


def cypher_tokens(script: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of each token; raises on a character no token accounts for (a stray quote)."""
    position = 0
    while position < len(script):
        match = _CYPHER_TOKEN.match(script, position)
        if match is None:
            raise ValueError(f"not Cypher at {position}: {script[position:position + 40]!r}")
        if match.lastgroup not in ("space", "comment"):
            yield match.lastgroup or "", match.group()
        position = match.end()


def test_neo4j_script_is_the_same_whatever_the_graph(out: Path) -> None:
    assert (out / "neo4j" / SCRIPT_FILE).read_text(encoding="utf-8") == load_script()


def test_neo4j_script_strings_are_only_file_names_and_vocabulary(out: Path) -> None:
    script = (out / "neo4j" / SCRIPT_FILE).read_text(encoding="utf-8")
    strings = {text for kind, text in cypher_tokens(script) if kind == "string"}
    vocabulary = {"'Person'", "'Organization'", "'Software'", "'Place'", "'MEMBER_OF'", "'CREATED_BY'",
                  "'COMPARED_WITH'", "'LOCATED_IN'", "'SUB_ORGANIZATION_OF'"}  # fmt: skip
    fixed = {f"'file:///{NODES_FILE}'", f"'file:///{RELATIONSHIPS_FILE}'", "''", "'true'", "'\\u001F'"}
    assert strings <= vocabulary | fixed


def test_neo4j_script_statements_are_constraint_and_load_csv_only(out: Path) -> None:
    script = (out / "neo4j" / SCRIPT_FILE).read_text(encoding="utf-8")
    tokens = list(cypher_tokens(script))
    statements: list[list[str]] = [[]]
    for _, text in tokens:
        if text == ";":
            statements.append([])
        else:
            statements[-1].append(text)
    heads = Counter(" ".join(s[:2]) for s in statements if s)
    assert heads == {"CREATE CONSTRAINT": 1, "LOAD CSV": 9}


# --- JSON: strict JSON, exact text ---------------------------------------------------------------------


def _strict_json(path: Path) -> object:
    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(path.read_bytes().decode("utf-8", errors="strict"), parse_constant=refuse)


@pytest.mark.parametrize("name", ["export.jsonld", "graph.cyjs"])
def test_json_output_is_strict_json(out: Path, name: str) -> None:
    assert isinstance(_strict_json(out / name), dict)


def test_jsonld_holds_the_exact_labels(kg: KnowledgeGraph, out: Path) -> None:
    document = _strict_json(out / "export.jsonld")
    assert isinstance(document, dict)
    by_id = {node["@id"]: node for node in document["@graph"] if "@id" in node}
    labels = {}
    for case in CASES:
        label = by_id[str(entity_iri(case.person_id))]["rdfs:label"]
        labels[case.name] = label["@value"] if isinstance(label, dict) else label
    assert labels == {case.name: case.person_label for case in CASES}


# --- HTML: the page as written -------------------------------------------------------------------------


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_html_page_has_no_element_the_template_lacks(out: Path, tmp_path: Path) -> None:
    write_html(KnowledgeGraph(), tmp_path / "empty.html")
    hostile = _tags((out / "graph.html").read_text(encoding="utf-8"))
    empty = _tags((tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert (hostile.tags, hostile.handlers) == (empty.tags, [])


def test_html_data_decodes_to_the_exact_labels(out: Path) -> None:
    page = (out / "graph.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    entities = json.loads(match.group(1))["entities"]
    labels = {case.name: entities[case.person_id]["label"] for case in CASES}
    assert labels == {case.name: case.person_label for case in CASES}


def test_html_canvas_draws_a_long_name_shortened(out: Path) -> None:
    page = (out / "graph.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    long = next(case for case in CASES if case.name == "long")
    labels = {node["id"]: node["label"] for node in json.loads(match.group(1))["nodes"]}
    assert labels[long.person_id] == long.person_label[: CANVAS_LABEL_MAX - 1] + "…"


# --- HTML: in a real browser ---------------------------------------------------------------------------

READY_TIMEOUT_MS = 30_000
PANEL_TEXT_MAX = 2000  # graph_view.js: longer texts show their start and a "show all" button
LONG = "long"
# The markup payloads whose tooltips are shown (through the page's API: kgView.showTooltip).
HOVERED = ("script-tag", "script-close", "img-onerror", "img-unquoted", "svg-onload", "cdata-end")
# Texts an <input> can hold as they are (it strips line breaks) and the page's search can match.
SEARCHED = ("script-tag", "script-close", "img-onerror", "img-unquoted", "svg-onload", "quotes", "backslashes",
            "angle-brackets", "bidi", "astral", "triple-quotes", "cdata-end", "templates", "cypher")  # fmt: skip


@dataclass
class BrowserSession:
    """What the page showed and did while every hostile entity was selected, searched and had its tooltip shown."""

    panels: dict[str, dict[str, object]]  # case name → texts read from the side panel
    searches: dict[str, str | None]  # case name → text of the first search hit
    tooltips: dict[str, str | None]  # case name → text of the node's tooltip
    expanded_heading: str  # the long name's heading after its "show all" button is clicked
    extracted_quotes: list[str]  # quotations of the extracted article as the panel shows them
    pwned: object  # window.__pwned after all of it
    dialogs: list[str]
    console_errors: list[str]
    page_errors: list[str]
    foreign_elements: int  # img, svg, iframe, object, embed anywhere in the document
    scripts: int
    inline_handlers: list[str]
    blocked_requests: list[str]


# The layout is final and the opening view drawn (graph_view.js documents window.kgView).
_READY = "() => window.kgView !== undefined && kgView.ready()"

_PANEL = """() => {
    const panel = document.getElementById("kg-panel");
    // A long text shows its start in a .kg-cut span, then a button for the rest.
    const shown = e => {
        const cut = e.querySelector(":scope > .kg-cut");
        return cut ? cut.textContent : e.textContent;
    };
    const first = li => li.firstChild ? li.firstChild.textContent : null;
    return {
        heading: shown(panel.querySelector("h2")),
        aliases: [...panel.querySelectorAll(".kg-aliases li")].map(first),
        reasons: [...panel.querySelectorAll(".kg-aliases .kg-reason")].map(shown),
        quotes: [...panel.querySelectorAll(".kg-quote")].map(shown),
        sentences: [...panel.querySelectorAll("blockquote")].map(shown),
        heads: [...panel.querySelectorAll(".kg-fact-head")].map(h => h.textContent),
        sources: [...panel.querySelectorAll(".kg-source")].map(s => s.textContent),
    };
}"""

# The page's tooltip is its own element, written with textContent; as the page shows it, or null.
_TOOLTIP = """() => {
    const tip = document.getElementById("kg-tooltip");
    return tip.hidden ? null : tip.innerText;
}"""

# Two rendering frames and a task: any handler that hostile text had managed to attach has run.
_SETTLED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))"

_AFTERMATH = """() => ({
    pwned: window.__pwned === undefined ? null : window.__pwned,
    foreign: document.querySelectorAll("img, svg, iframe, object, embed, frame, link, meta[http-equiv=refresh]").length,
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll("*")].flatMap(
        e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => e.tagName + " " + a.name)),
})"""


def _browse(page_path: Path, extracted: ArticleResult) -> BrowserSession:
    from playwright.sync_api import sync_playwright

    url = page_path.as_uri()
    dialogs: list[str] = []
    console_errors: list[str] = []
    page_errors: list[str] = []
    blocked: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("console", lambda m: console_errors.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda error: page_errors.append(str(error)))

            def only_the_file(route, request) -> None:
                if request.url == url:
                    route.continue_()
                else:
                    blocked.append(request.url)
                    route.abort()

            page.route("**/*", only_the_file)
            page.goto(url)
            page.wait_for_function(_READY, timeout=READY_TIMEOUT_MS)

            panels, searches, tooltips = {}, {}, {}
            for case in CASES:
                page.evaluate("id => kgSelect(id)", case.person_id)
                panels[case.name] = page.evaluate(_PANEL)
                if case.name == LONG:
                    page.click("#kg-panel h2 button.kg-more")
                    expanded_heading = page.evaluate('document.querySelector("#kg-panel h2").textContent')
            for name in SEARCHED:
                case = next(c for c in CASES if c.name == name)
                page.fill("#kg-search", case.text)
                searches[name] = page.evaluate(
                    """() => { const b = document.querySelector("#kg-search-results button");
                               return b ? b.firstChild.textContent : null; }"""
                )
            page.fill("#kg-search", "")
            for name in HOVERED:
                case = next(c for c in CASES if c.name == name)
                # What hovering the node shows, without pointer geometry: the page's API shows it at once.
                page.evaluate("() => kgView.hideTooltip()")
                assert page.evaluate("id => kgView.showTooltip(id)", case.person_id), f"{name}: node not drawn"
                page.wait_for_function("() => kgView.tooltipText() !== null", timeout=READY_TIMEOUT_MS)
                tooltips[name] = page.evaluate(_TOOLTIP)
            extracted_quotes = []
            for speaker in sorted({f.subject_id for f in extracted.facts if f.predicate is Predicate.QUOTATION}):
                page.evaluate("id => kgSelect(id)", speaker)
                extracted_quotes += page.evaluate(_PANEL)["quotes"]
            page.evaluate(_SETTLED)  # let any injected handler have its turn
            aftermath = page.evaluate(_AFTERMATH)
        finally:
            browser.close()
    return BrowserSession(
        panels=panels,
        searches=searches,
        tooltips=tooltips,
        expanded_heading=expanded_heading,
        extracted_quotes=extracted_quotes,
        pwned=aftermath["pwned"],
        dialogs=dialogs,
        console_errors=console_errors,
        page_errors=page_errors,
        foreign_elements=aftermath["foreign"],
        scripts=aftermath["scripts"],
        inline_handlers=aftermath["handlers"],
        blocked_requests=blocked,
    )


@pytest.fixture(scope="module")
def session(out: Path, extracted: ArticleResult) -> BrowserSession:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package", pytrace=False)
    return _browse(out / "graph.html", extracted)


def test_browser_runs_no_payload(session: BrowserSession) -> None:
    assert (session.pwned, session.dialogs) == (None, [])


def test_browser_logs_no_error(session: BrowserSession) -> None:
    assert (session.console_errors, session.page_errors) == ([], [])


def test_browser_makes_no_request(session: BrowserSession) -> None:
    assert session.blocked_requests == []


def test_browser_document_gains_no_element(session: BrowserSession) -> None:
    # The template has four scripts (two JSON, vis-network, the app) and no image.
    assert (session.foreign_elements, session.scripts, session.inline_handlers) == (0, 4, [])


def in_panel(text: str) -> str:
    """``text`` as the panel first shows it (the samples' long text has no astral character)."""
    return text if len(text) <= PANEL_TEXT_MAX else text[: PANEL_TEXT_MAX - 1] + "…"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_browser_panel_shows_the_exact_text(session: BrowserSession, case: HostileCase) -> None:
    panel = session.panels[case.name]
    quote = case.result().facts[1].text
    assert (panel["heading"], panel["aliases"], panel["reasons"], panel["quotes"]) == (
        in_panel(case.person_label),
        [in_panel(case.alias)],
        [in_panel(case.text)],
        [in_panel(f"“{quote}”")],
    )


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_browser_panel_shows_role_and_sentence_as_text(session: BrowserSession, case: HostileCase) -> None:
    panel = session.panels[case.name]
    membership = case.result().facts[0]
    sentence = case.article_text[membership.sentence.start : membership.sentence.end].strip()
    role = case.text[: PANEL_TEXT_MAX // 2]
    shows_role = any(role in head for head in panel["heads"])
    assert (shows_role, in_panel(sentence) in panel["sentences"]) == (True, True)


def test_browser_panel_shows_a_long_name_whole_on_request(session: BrowserSession) -> None:
    assert session.expanded_heading == HOSTILE_TEXTS[LONG]


@pytest.mark.parametrize("name", SEARCHED)
def test_browser_search_lists_the_hostile_name_as_text(session: BrowserSession, name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    assert session.searches[name] == case.person_label


@pytest.mark.parametrize("name", HOVERED)
def test_browser_tooltip_shows_the_hostile_name_as_text(session: BrowserSession, name: str) -> None:
    case = next(c for c in CASES if c.name == name)
    # The node's title: its name, then its type and article count on the next line.
    assert (session.tooltips[name] or "").split("\n")[0] == case.person_label


def test_browser_shows_the_extracted_quotations_as_text(session: BrowserSession, extracted: ArticleResult) -> None:
    quotes = sorted(f"“{f.text}”" for f in extracted.facts if f.predicate is Predicate.QUOTATION)
    assert sorted(session.extracted_quotes) == quotes


# --- the real extractor's article ------------------------------------------------------------------------


def test_extracted_mentions_sit_next_to_hostile_text(extracted: ArticleResult) -> None:
    # The point of that article: real mentions whose neighbours are markup and syntax.
    text = extracted.article.text
    near = [text[max(0, m.start - 40) : m.end + 40] for m in extracted.mentions]
    assert sum(any(mark in window for mark in ("<", "'", '"', "\\", "{{")) for window in near) >= 3


def test_extracted_entity_ids_make_valid_iris(extracted: ArticleResult) -> None:
    bad = []
    for entity in extracted.entities:
        iri = str(entity_iri(entity.entity_id))
        if _NOT_IN_IRI.search(iri):
            bad.append(iri)
        ox.NamedNode(iri)
    assert bad == []


def test_lexicon_iri_of_a_hostile_id_is_valid() -> None:
    iri = LEX + iri_segment('<x> "y" \u202e/..')
    assert (_NOT_IN_IRI.search(iri), ox.NamedNode(iri).value) == (None, iri)

