"""Exports: each format is read back by an independent reader and agrees with the graph."""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS

from graph.cli import main as kg_main
from graph.core.errors import BuildNotFoundError, InputError, KgError
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import (
    Alias,
    Article,
    ArticleMeta,
    ArticleResult,
    Entity,
    EntityType,
    Fact,
    Mention,
    Predicate,
    TextSpan,
)
from graph.core.spool import write_results
from graph.outputs.exports import (
    EXPORT_FORMATS,
    UnknownExportFormatError,
    export_build,
    to_gexf,
    to_graphml,
    to_jsonld,
    to_neo4j,
    to_nquads,
    to_property_graph,
    write_cytoscape,
    write_gexf,
    write_graphml,
    write_jsonld,
    write_neo4j,
    write_nquads,
)
from graph.outputs.exports.neo4j import (
    ARRAY_DELIMITER,
    NEO4J_CSV,
    NODE_HEADER,
    NODE_LABELS,
    RELATIONSHIP_HEADER,
    RELATIONSHIP_TYPES,
    load_script,
)
from graph.outputs.exports.property_graph import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    clean_text,
)
from graph.rdf.iris import entity_iri
from graph.rdf.mapping import to_dataset
from graph.rdf.vocab import (
    DIRECT_PROPERTY,
    ORG,
    SKOS,
    TYPE_IRI,
    predicate_label,
    type_label,
)

# --------------------------------------------------------------------------
# A small, realistic graph built from the pipeline's records


class ArticleBuilder:
    """Collects the entities, mentions and facts of one article by surface text."""

    def __init__(self, text: str, language: str = "zh-Hans", source: str = "news.txt") -> None:
        self.article = Article(
            article_id=Article.id_for(text),
            source=source,
            text=text,
            encoding="utf-8",
            meta=ArticleMeta(headline=text[:12]),
        )
        self.language = language
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self.facts: list[Fact] = []

    def entity(self, entity: Entity, surface: str) -> Mention:
        start = self.article.text.index(surface)
        mention = Mention(
            article_id=self.article.article_id,
            start=start,
            end=start + len(surface),
            surface=surface,
            entity_type=entity.entity_type,
            rule="test",
            entity_id=entity.entity_id,
        )
        if entity not in self.entities:
            self.entities.append(entity)
        self.mentions.append(mention)
        return mention

    def sentence(self, sentence: str) -> TextSpan:
        start = self.article.text.index(sentence)
        return TextSpan(start, start + len(sentence))

    def fact(
        self,
        predicate: Predicate,
        subject: Mention,
        obj: Mention | None,
        sentence: str,
        *,
        confidence: float = 0.9,
        role: str | None = None,
        text: str | None = None,
        rule: str = "rule-1",
    ) -> None:
        self.facts.append(
            Fact(
                predicate=predicate,
                subject_id=subject.entity_id or "",
                object_id=None if obj is None else obj.entity_id,
                article_id=self.article.article_id,
                sentence=self.sentence(sentence),
                evidence=(subject,) if obj is None else (subject, obj),
                rule=rule,
                confidence=confidence,
                role=role,
                text=text,
            )
        )

    def result(self) -> ArticleResult:
        return ArticleResult(
            article=self.article,
            language=self.language,
            entities=tuple(self.entities),
            mentions=tuple(self.mentions),
            facts=tuple(self.facts),
        )


ZHOU = Entity("person/周鸿祎", EntityType.PERSON, "周鸿祎", aliases=(Alias("周鴻禕", "script-variant"),))
QIHOO = Entity("organization/360集团", EntityType.ORGANIZATION, "360集团", aliases=(Alias("360集團", "script-variant"),))
LIU = Entity("person/刘庆峰", EntityType.PERSON, "刘庆峰")
IFLYTEK = Entity("organization/科大讯飞", EntityType.ORGANIZATION, "科大讯飞", lexicon_id="iflytek")
SPARK = Entity("software/讯飞星火", EntityType.SOFTWARE, "讯飞星火", lexicon_id="spark")
GPT4T = Entity("software/gpt-4-turbo", EntityType.SOFTWARE, "GPT-4 Turbo", lexicon_id="gpt-4-turbo")
SORA = Entity("software/sora", EntityType.SOFTWARE, "Sora", lexicon_id="sora")
OPENAI = Entity("organization/openai", EntityType.ORGANIZATION, "OpenAI", lexicon_id="openai")


def news_results() -> list[ArticleResult]:
    zhou_hans = ArticleBuilder(
        "360集团创始人周鸿祎在论坛上发言。周鸿祎说：“大模型将重塑每一个行业。”他认为安全是底线。"
    )
    s1 = "360集团创始人周鸿祎在论坛上发言。"
    zhou_hans.fact(
        Predicate.MEMBERSHIP, zhou_hans.entity(ZHOU, "周鸿祎"), zhou_hans.entity(QIHOO, "360集团"), s1,
        role="创始人", confidence=0.9, rule="title-before-name",
    )
    s2 = "周鸿祎说：“大模型将重塑每一个行业。”"
    zhou_hans.fact(
        Predicate.QUOTATION, zhou_hans.entity(ZHOU, "周鸿祎"), None, s2, text="大模型将重塑每一个行业。",
        rule="quote-colon",
    )

    zhou_hant = ArticleBuilder("360集團創始人周鴻禕表示，人工智慧將改變產業。", language="zh-Hant")
    zhou_hant.fact(
        Predicate.MEMBERSHIP, zhou_hant.entity(ZHOU, "周鴻禕"), zhou_hant.entity(QIHOO, "360集團"),
        "360集團創始人周鴻禕表示，人工智慧將改變產業。", role="创始人", confidence=0.8, rule="title-before-name",
    )

    iflytek = ArticleBuilder("科大讯飞董事长刘庆峰表示，讯飞星火已全面对标GPT-4 Turbo。")
    liu, org = iflytek.entity(LIU, "刘庆峰"), iflytek.entity(IFLYTEK, "科大讯飞")
    sentence = "科大讯飞董事长刘庆峰表示，讯飞星火已全面对标GPT-4 Turbo。"
    iflytek.fact(Predicate.MEMBERSHIP, liu, org, sentence, role="董事长", confidence=0.95, rule="org-title-name")
    iflytek.fact(
        Predicate.COMPARED_WITH, iflytek.entity(SPARK, "讯飞星火"), iflytek.entity(GPT4T, "GPT-4 Turbo"), sentence,
        confidence=0.7, rule="compare-duibiao",
    )

    sora = ArticleBuilder("OpenAI发布视频生成模型Sora。")
    sora.fact(
        Predicate.CREATOR, sora.entity(SORA, "Sora"), sora.entity(OPENAI, "OpenAI"), "OpenAI发布视频生成模型Sora。",
        confidence=0.85, rule="org-release-model",
    )
    return [b.result() for b in (zhou_hans, zhou_hant, iflytek, sora)]


@pytest.fixture
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(news_results())


RDF_TYPE = ox.NamedNode(str(RDF.type))

MEMBER_LABEL = predicate_label(Predicate.MEMBERSHIP, "en")

# Relation edges of that graph: (source, target, relation, label, article_count, fact_count, confidence)
EXPECTED_EDGES = [
    ("person/周鸿祎", "organization/360集团", "membership", MEMBER_LABEL, 2, 2, 0.9),
    ("person/刘庆峰", "organization/科大讯飞", "membership", MEMBER_LABEL, 1, 1, 0.95),
    ("software/讯飞星火", "software/gpt-4-turbo", "comparedWith", predicate_label(Predicate.COMPARED_WITH, "en"), 1, 1, 0.7),
    ("software/sora", "organization/openai", "creator", predicate_label(Predicate.CREATOR, "en"), 1, 1, 0.85),
]


# --------------------------------------------------------------------------
# Hostile strings: markup, quotes, separators, line breaks, backslashes

HOSTILE_PERSON = Entity(
    "person/<script>alert(\"x\")</script>",
    EntityType.PERSON,
    "<script>alert(\"x\")</script>",
    aliases=(
        Alias("O'Brien, \"Bob\"; Jr.", "lexicon"),
        Alias("line one\nline two", "spacing"),
        Alias("back\\slash \\\" | pipe", "abbreviation"),
    ),
)
HOSTILE_ORG = Entity("organization/a,b;c", EntityType.ORGANIZATION, "A,B;C 'Org' \"Ltd\"\\", aliases=(Alias(";", "x"),))
HOSTILE_ROLE = "首席\"执行\"官, 'CEO';\n<b>"


def hostile_results() -> list[ArticleResult]:
    text = f"{HOSTILE_PERSON.label}是{HOSTILE_ORG.label}的首席执行官。\n第二行\\结束"
    article = ArticleBuilder(text)
    person = article.entity(HOSTILE_PERSON, HOSTILE_PERSON.label)
    org = article.entity(HOSTILE_ORG, HOSTILE_ORG.label)
    article.fact(Predicate.MEMBERSHIP, person, org, text, role=HOSTILE_ROLE, rule="rule,with;odd\"chars")
    return [article.result()]


@pytest.fixture
def hostile_kg() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(hostile_results())


# --------------------------------------------------------------------------
# Independent readers: each returns (nodes, edges) as
# {node id: {"label": str, "aliases": [str]}} and {edge id: (source, target, label, role)}

Nodes = dict[str, dict[str, object]]
Edges = dict[str, tuple[str, str, str, str]]


def _split_aliases(joined: str) -> list[str]:
    return joined.split(" | ") if joined else []


def read_graphml(path: Path) -> tuple[Nodes, Edges]:
    g = nx.read_graphml(path, force_multigraph=True)
    nodes = {n: {"label": d["label"], "aliases": d["aliases"]} for n, d in g.nodes(data=True)}
    edges = {k: (u, v, d["label"], d["role"]) for u, v, k, d in g.edges(keys=True, data=True)}
    return nodes, edges


def read_gexf(path: Path) -> tuple[Nodes, Edges]:
    g = nx.read_gexf(path)
    nodes = {n: {"label": d["label"], "aliases": d["aliases"]} for n, d in g.nodes(data=True)}
    edges = {d["id"]: (u, v, d["label"], d["role"]) for u, v, d in g.edges(data=True)}
    return nodes, edges


def read_cytoscape(path: Path) -> tuple[Nodes, Edges]:
    elements = json.loads(path.read_text(encoding="utf-8"))["elements"]
    nodes = {
        n["data"]["id"]: {"label": n["data"]["label"], "aliases": " | ".join(n["data"]["aliases"])}
        for n in elements["nodes"]
    }
    edges = {
        e["data"]["id"]: (e["data"]["source"], e["data"]["target"], e["data"]["label"], e["data"]["role"])
        for e in elements["edges"]
    }
    return nodes, edges


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, dialect=NEO4J_CSV))


def read_neo4j(folder: Path) -> tuple[Nodes, Edges]:
    nodes = {
        r["entityId:ID"]: {
            "label": r["name"],
            "aliases": " | ".join(filter(None, r["aliases:string[]"].split(ARRAY_DELIMITER))),
        }
        for r in _csv_rows(folder / "nodes.csv")
    }
    edges = {
        r["edgeId"]: (r[":START_ID"], r[":END_ID"], r["label"], r["role"])
        for r in _csv_rows(folder / "relationships.csv")
    }
    return nodes, edges


PROPERTY_GRAPH_FORMATS = {
    "graphml": (write_graphml, read_graphml),
    "gexf": (write_gexf, read_gexf),
    "cytoscape": (write_cytoscape, read_cytoscape),
    "neo4j": (write_neo4j, read_neo4j),
}


def expected_view(kg: KnowledgeGraph) -> tuple[Nodes, Edges]:
    g = to_property_graph(kg)
    nodes = {n: {"label": d["label"], "aliases": d["aliases"]} for n, d in g.nodes(data=True)}
    edges = {k: (u, v, d["label"], d["role"]) for u, v, k, d in g.edges(keys=True, data=True)}
    return nodes, edges


# --------------------------------------------------------------------------
# The property-graph projection


def test_projection_has_one_node_per_entity(kg: KnowledgeGraph) -> None:
    assert sorted(to_property_graph(kg).nodes) == sorted(kg.entities)


@pytest.mark.parametrize(("source", "target", "relation", "label", "articles", "facts", "confidence"), EXPECTED_EDGES)
def test_projection_aggregates_relation_facts_into_one_edge(
    kg: KnowledgeGraph,
    source: str,
    target: str,
    relation: str,
    label: str,
    articles: int,
    facts: int,
    confidence: float,
) -> None:
    (data,) = to_property_graph(kg).get_edge_data(source, target).values()
    assert (data["relation"], data["label"], data["article_count"], data["fact_count"], data["confidence"]) == (
        relation,
        label,
        articles,
        facts,
        confidence,
    )


def test_projection_makes_no_edge_for_quotations(kg: KnowledgeGraph) -> None:
    assert to_property_graph(kg).number_of_edges() == len(EXPECTED_EDGES)


@pytest.mark.parametrize(
    ("entity_id", "attribute", "expected"),
    [
        ("person/周鸿祎", "quote_count", 1),
        ("person/刘庆峰", "quote_count", 0),
        ("person/周鸿祎", "article_count", 2),
        ("person/周鸿祎", "aliases", "周鴻禕"),
        ("person/周鸿祎", "type", "Person"),
        ("person/周鸿祎", "type_iri", "https://schema.org/Person"),
        ("software/sora", "type", type_label(EntityType.SOFTWARE, "en")),
        ("software/sora", "type_zh", type_label(EntityType.SOFTWARE, "zh-Hans")),
        ("software/sora", "type_iri", "https://schema.org/SoftwareApplication"),
        ("software/sora", "iri", str(entity_iri("software/sora"))),
        ("software/sora", "lexicon_id", "sora"),
        ("person/刘庆峰", "lexicon_id", ""),
    ],
)
def test_projection_node_attributes(kg: KnowledgeGraph, entity_id: str, attribute: str, expected: object) -> None:
    assert to_property_graph(kg).nodes[entity_id][attribute] == expected


def test_edge_sentence_is_the_first_evidence_sentence(kg: KnowledgeGraph) -> None:
    (data,) = to_property_graph(kg).get_edge_data("software/sora", "organization/openai").values()
    assert (data["sentence"], data["rule"]) == ("OpenAI发布视频生成模型Sora。", "org-release-model")


def test_projection_attributes_are_complete_and_never_none(kg: KnowledgeGraph) -> None:
    g = to_property_graph(kg)
    node_keys = {tuple(d) for _, d in g.nodes(data=True)}
    edge_keys = {tuple(d) for _, _, d in g.edges(data=True)}
    values = [v for _, d in g.nodes(data=True) for v in d.values()]
    values += [v for *_, d in g.edges(data=True) for v in d.values()]
    assert (node_keys, edge_keys, None in values) == ({NODE_ATTRIBUTES}, {EDGE_ATTRIBUTES}, False)


def test_fact_naming_an_unknown_entity_makes_no_edge() -> None:
    builder = ArticleBuilder("OpenAI发布视频生成模型Sora。")
    sora, openai = builder.entity(SORA, "Sora"), builder.entity(OPENAI, "OpenAI")
    builder.fact(Predicate.CREATOR, sora, openai, "OpenAI发布视频生成模型Sora。")
    kg = KnowledgeGraph.from_results([replace(builder.result(), entities=(SORA,))])
    assert to_property_graph(kg).number_of_edges() == 0


def test_an_alias_with_two_reasons_is_listed_once() -> None:
    twice = Entity("person/周鸿祎", EntityType.PERSON, "周鸿祎", aliases=(Alias("周鴻禕", "lexicon"), Alias("周鴻禕", "script-variant")))
    builder = ArticleBuilder("周鴻禕")
    builder.entity(twice, "周鴻禕")
    kg = KnowledgeGraph.from_results([builder.result()])
    assert to_property_graph(kg).nodes["person/周鸿祎"]["aliases"] == "周鴻禕"


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\x00b\x1fc", "abc"),
        ("tab\tkept", "tab\tkept"),
        ("<script>'\";\\", "<script>'\";\\"),
        ("\ufffe周\uffff", "周"),
    ],
)
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


# --------------------------------------------------------------------------
# Typed attributes survive GraphML and GEXF


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_keep_attribute_values_and_types(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    if fmt == "graphml":
        write_graphml(kg, path)
        back = nx.read_graphml(path, force_multigraph=True)
    else:
        write_gexf(kg, path)
        back = nx.read_gexf(path)
    expected = to_property_graph(kg)
    edge = ("person/周鸿祎", "organization/360集团")
    # read_gexf gives a DiGraph when no two edges share their ends
    got_edge = back.edges[edge] if not back.is_multigraph() else next(iter(back.get_edge_data(*edge).values()))
    (want_edge,) = expected.get_edge_data(*edge).values()

    def typed(data: dict) -> dict:
        # GEXF adds the edge id as "id"
        return {k: (type(v), v) for k, v in data.items() if k != "id"}

    assert (typed(back.nodes["person/周鸿祎"]), typed(got_edge)) == (
        typed(expected.nodes["person/周鸿祎"]),
        typed(want_edge),
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_carry_stable_edge_ids(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"graph.{fmt}"
    PROPERTY_GRAPH_FORMATS[fmt][0](kg, path)
    _, edges = PROPERTY_GRAPH_FORMATS[fmt][1](path)
    assert set(edges) == {k for *_, k in to_property_graph(kg).edges(keys=True)}


@pytest.mark.parametrize("render", [to_graphml, to_gexf])
def test_xml_output_is_deterministic(render, kg: KnowledgeGraph) -> None:
    reversed_kg = KnowledgeGraph.from_results(reversed(news_results()))
    assert render(kg) == render(reversed_kg)


# --------------------------------------------------------------------------
# Every property-graph format reads back with the graph's counts and values


@pytest.mark.parametrize("fmt", sorted(PROPERTY_GRAPH_FORMATS))
def test_format_reads_back_with_graph_counts(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    write, read = PROPERTY_GRAPH_FORMATS[fmt]
    write(kg, tmp_path / "out")
    nodes, edges = read(tmp_path / "out")
    assert (len(nodes), len(edges)) == (len(kg.entities), len(EXPECTED_EDGES))


@pytest.mark.parametrize("fmt", sorted(PROPERTY_GRAPH_FORMATS))
def test_format_reads_back_the_same_values(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    write, read = PROPERTY_GRAPH_FORMATS[fmt]
    write(kg, tmp_path / "out")
    assert read(tmp_path / "out") == expected_view(kg)


@pytest.mark.parametrize("fmt", sorted(PROPERTY_GRAPH_FORMATS))
def test_hostile_strings_read_back_unchanged(hostile_kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    write, read = PROPERTY_GRAPH_FORMATS[fmt]
    write(hostile_kg, tmp_path / "out")
    nodes, edges = read(tmp_path / "out")
    person = nodes[HOSTILE_PERSON.entity_id]
    ((_, _, _, role),) = edges.values()
    assert (person["label"], person["aliases"], role) == (
        HOSTILE_PERSON.label,
        " | ".join(a.text for a in HOSTILE_PERSON.aliases),
        HOSTILE_ROLE,
    )


# --------------------------------------------------------------------------
# Cytoscape.js


def test_cytoscape_elements_have_the_cytoscape_js_shape(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_cytoscape(kg, tmp_path / "graph.cyjs")
    elements = json.loads((tmp_path / "graph.cyjs").read_text(encoding="utf-8"))["elements"]
    node_keys = {"id", "label", "type"}
    edge_keys = {"id", "source", "target", "label"}
    assert all(node_keys <= set(n["data"]) for n in elements["nodes"])
    assert all(edge_keys <= set(e["data"]) for e in elements["edges"])


def test_cytoscape_aliases_are_a_list(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_cytoscape(hostile_kg, tmp_path / "graph.cyjs")
    nodes = json.loads((tmp_path / "graph.cyjs").read_text(encoding="utf-8"))["elements"]["nodes"]
    by_id = {n["data"]["id"]: n["data"] for n in nodes}
    assert by_id[HOSTILE_PERSON.entity_id]["aliases"] == [a.text for a in HOSTILE_PERSON.aliases]


def test_networkx_reads_the_cytoscape_json_back(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_cytoscape(kg, tmp_path / "graph.cyjs")
    with (tmp_path / "graph.cyjs").open(encoding="utf-8") as fh:
        back = nx.cytoscape_graph(json.load(fh))
    assert (back.is_directed(), back.is_multigraph(), back.number_of_nodes(), back.number_of_edges()) == (
        True,
        True,
        len(kg.entities),
        len(EXPECTED_EDGES),
    )


def test_networkx_keeps_parallel_cytoscape_edges_apart(two_roles_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_cytoscape(two_roles_kg, tmp_path / "graph.cyjs")
    back = nx.cytoscape_graph(json.loads((tmp_path / "graph.cyjs").read_text(encoding="utf-8")))
    roles = sorted(d["role"] for *_, d in back.edges(ZHOU.entity_id, data=True))
    assert roles == ["创始人", "董事长"]


def test_cytoscape_nodes_carry_value_and_name(kg: KnowledgeGraph) -> None:
    from graph.outputs.exports import to_cytoscape

    document = to_cytoscape(kg)
    nodes = {n["data"]["id"]: n["data"] for n in document["elements"]["nodes"]}
    zhou = nodes[ZHOU.entity_id]
    assert (document["directed"], document["multigraph"], zhou["value"], zhou["name"]) == (
        True,
        True,
        ZHOU.entity_id,
        "周鸿祎",
    )


# --------------------------------------------------------------------------
# GEXF


def test_gexf_has_no_networkx_key_column(two_roles_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_gexf(two_roles_kg, tmp_path / "graph.gexf")
    root = ElementTree.parse(tmp_path / "graph.gexf").getroot()
    titles = {a.get("title") for a in root.iter() if a.tag.endswith("}attribute") or a.tag == "attribute"}
    assert ("networkx_key" in titles, "networkx_key" in (tmp_path / "graph.gexf").read_text(encoding="utf-8")) == (
        False,
        False,
    )


def test_gexf_without_the_key_column_still_loads_with_every_edge(
    two_roles_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    write_gexf(two_roles_kg, tmp_path / "graph.gexf")
    back = nx.read_gexf(tmp_path / "graph.gexf")
    edge_ids = sorted(d["id"] for *_, d in back.edges(data=True))
    assert edge_ids == sorted(k for *_, k in to_property_graph(two_roles_kg).edges(keys=True))


# --------------------------------------------------------------------------
# One language per field: label English, label_zh Chinese, role as written


EdgeTexts = dict[str, tuple[str, str, str]]  # edge id → (label, label_zh, role)


def graphml_edge_texts(path: Path) -> EdgeTexts:
    g = nx.read_graphml(path, force_multigraph=True)
    return {k: (d["label"], d["label_zh"], d["role"]) for _, _, k, d in g.edges(keys=True, data=True)}


def gexf_edge_texts(path: Path) -> EdgeTexts:
    return {d["id"]: (d["label"], d["label_zh"], d["role"]) for *_, d in nx.read_gexf(path).edges(data=True)}


def cytoscape_edge_texts(path: Path) -> EdgeTexts:
    g = nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8")))
    return {k: (d["label"], d["label_zh"], d["role"]) for _, _, k, d in g.edges(keys=True, data=True)}


def neo4j_edge_texts(folder: Path) -> EdgeTexts:
    return {r["edgeId"]: (r["label"], r["labelZh"], r["role"]) for r in _csv_rows(folder / "relationships.csv")}


EDGE_TEXT_READERS = {
    "graphml": (write_graphml, graphml_edge_texts),
    "gexf": (write_gexf, gexf_edge_texts),
    "cytoscape": (write_cytoscape, cytoscape_edge_texts),
    "neo4j": (write_neo4j, neo4j_edge_texts),
}
_CHINESE = re.compile(r"[\u4e00-\u9fff/]+")


def two_roles_results() -> list[ArticleResult]:
    """周鸿祎 is both 创始人 and 董事长 of 360集团: two edges between one pair of nodes."""
    text = "360集团创始人、董事长周鸿祎表示，OpenAI发布了Sora。"
    builder = ArticleBuilder(text)
    zhou, qihoo = builder.entity(ZHOU, "周鸿祎"), builder.entity(QIHOO, "360集团")
    builder.fact(Predicate.MEMBERSHIP, zhou, qihoo, text, role="创始人")
    builder.fact(Predicate.MEMBERSHIP, zhou, qihoo, text, role="董事长")
    builder.fact(Predicate.CREATOR, builder.entity(SORA, "Sora"), builder.entity(OPENAI, "OpenAI"), text)
    return [builder.result()]


@pytest.fixture
def two_roles_kg() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(two_roles_results())


def test_projection_edge_label_is_english_and_label_zh_chinese(two_roles_kg: KnowledgeGraph) -> None:
    texts = sorted((d["label"], d["label_zh"], d["role"]) for *_, d in to_property_graph(two_roles_kg).edges(data=True))
    assert texts == [
        (MEMBER_LABEL, predicate_label(Predicate.MEMBERSHIP, "zh-Hans"), "创始人"),
        (MEMBER_LABEL, predicate_label(Predicate.MEMBERSHIP, "zh-Hans"), "董事长"),
        (predicate_label(Predicate.CREATOR, "en"), predicate_label(Predicate.CREATOR, "zh-Hans"), ""),
    ]


@pytest.mark.parametrize("fmt", sorted(EDGE_TEXT_READERS))
def test_every_format_keeps_one_language_per_edge_field(
    two_roles_kg: KnowledgeGraph, tmp_path: Path, fmt: str
) -> None:
    write, read = EDGE_TEXT_READERS[fmt]
    write(two_roles_kg, tmp_path / "out")
    texts = read(tmp_path / "out")
    languages = {(label.isascii(), bool(_CHINESE.fullmatch(label_zh))) for label, label_zh, _ in texts.values()}
    graph = to_property_graph(two_roles_kg)
    expected = {k: (d["label"], d["label_zh"], d["role"]) for *_, k, d in graph.edges(keys=True, data=True)}
    assert (texts, languages) == (expected, {(True, True)})


# --------------------------------------------------------------------------
# Neo4j


def test_neo4j_headers(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_neo4j(kg, tmp_path / "neo4j")
    with (tmp_path / "neo4j" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        node_header = next(csv.reader(fh))
    with (tmp_path / "neo4j" / "relationships.csv").open(encoding="utf-8", newline="") as fh:
        rel_header = next(csv.reader(fh))
    assert (tuple(node_header), tuple(rel_header)) == (NODE_HEADER, RELATIONSHIP_HEADER)


def test_neo4j_script_sets_the_chinese_label() -> None:
    assert ("labelZh" in RELATIONSHIP_HEADER, "r.labelZh = row.labelZh" in load_script()) == (True, True)


def test_neo4j_folder_holds_the_kuzu_scripts(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_neo4j(kg, tmp_path / "neo4j")
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == [
        "kuzu_load.cypher",
        "kuzu_schema.cypher",
        "load.cypher",
        "nodes.csv",
        "relationships.csv",
    ]


def test_neo4j_labels_and_types_come_from_the_vocabulary(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_neo4j(kg, tmp_path / "neo4j")
    labels = {r[":LABEL"] for r in _csv_rows(tmp_path / "neo4j" / "nodes.csv")}
    types = {r[":TYPE"] for r in _csv_rows(tmp_path / "neo4j" / "relationships.csv")}
    assert (labels, types) == (
        {"Person", "Organization", "Software"},
        {"MEMBER_OF", "COMPARED_WITH", "CREATED_BY"},
    )


def test_neo4j_numbers_are_plain_csv_numbers(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_neo4j(kg, tmp_path / "neo4j")
    rows = {r["entityId:ID"]: r for r in _csv_rows(tmp_path / "neo4j" / "nodes.csv")}
    rels = {r[":START_ID"]: r for r in _csv_rows(tmp_path / "neo4j" / "relationships.csv")}
    zhou, membership = rows["person/周鸿祎"], rels["person/周鸿祎"]
    assert (zhou["articleCount:int"], zhou["quoteCount:int"], membership["confidence:float"]) == ("2", "1", "0.9")


def test_neo4j_script_holds_no_data_values(hostile_kg: KnowledgeGraph) -> None:
    script = to_neo4j(hostile_kg).script
    values = [HOSTILE_PERSON.label, HOSTILE_ORG.label, HOSTILE_ROLE, *(a.text for a in HOSTILE_PERSON.aliases)]
    assert [v for v in values if v in script] == []


def test_neo4j_script_is_the_same_for_every_graph(kg: KnowledgeGraph, hostile_kg: KnowledgeGraph) -> None:
    assert to_neo4j(kg).script == to_neo4j(hostile_kg).script == load_script()


@pytest.mark.parametrize("name", [*NODE_LABELS, *RELATIONSHIP_TYPES])
def test_neo4j_script_names_every_vocabulary_label_and_type(name: str) -> None:
    assert f":{name}" in load_script()


@pytest.mark.parametrize("bad", ["Person) DETACH DELETE n //", "Robot", "MEMBER_OF`"])
def test_neo4j_rejects_names_outside_the_whitelist(bad: str) -> None:
    from graph.outputs.exports.neo4j import _checked

    with pytest.raises(ValueError, match="vocabulary"):
        _checked(bad, (*NODE_LABELS, *RELATIONSHIP_TYPES))


def test_neo4j_replaces_an_earlier_export(kg: KnowledgeGraph, hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_neo4j(hostile_kg, tmp_path / "neo4j")
    write_neo4j(kg, tmp_path / "neo4j")
    nodes, _ = read_neo4j(tmp_path / "neo4j")
    assert (sorted(nodes), sorted(p.name for p in tmp_path.iterdir())) == (sorted(kg.entities), ["neo4j"])


def test_neo4j_refuses_a_folder_with_other_files(kg: KnowledgeGraph, tmp_path: Path) -> None:
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "neo4j" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="other files"):
        write_neo4j(kg, tmp_path / "neo4j")


# --------------------------------------------------------------------------
# JSON-LD and N-Quads, read back by pyoxigraph


def read_rdf(path: Path, fmt: str) -> list[ox.Quad]:
    rdf_format = {"jsonld": ox.RdfFormat.JSON_LD, "nquads": ox.RdfFormat.N_QUADS}[fmt]
    return list(ox.parse(path.read_bytes(), format=rdf_format))


def reference_quads(kg: KnowledgeGraph) -> set[str]:
    """The quads of graph.rdf.mapping's dataset, through rdflib's own N-Quads writer."""
    text = to_dataset(kg).serialize(format="nquads")
    return {str(q) for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)}


RDF_FORMATS = {"jsonld": write_jsonld, "nquads": write_nquads}
ENTITY_TYPES = {str(iri) for iri in TYPE_IRI.values()}
DIRECT_PROPERTIES = {str(iri) for iri in DIRECT_PROPERTY.values()}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_format_reads_back_as_the_dataset(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    RDF_FORMATS[fmt](kg, tmp_path / "out")
    assert {str(q) for q in read_rdf(tmp_path / "out", fmt)} == reference_quads(kg)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_format_has_the_graph_counts(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    RDF_FORMATS[fmt](kg, tmp_path / "out")
    quads = read_rdf(tmp_path / "out", fmt)
    entities = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object.value in ENTITY_TYPES}
    # schema:creator also names a quotation's speaker: only entity → entity counts
    relations = {
        (q.subject, q.predicate, q.object)
        for q in quads
        if q.predicate.value in DIRECT_PROPERTIES and q.subject in entities and q.object in entities
    }
    assert (len(entities), len(relations)) == (len(kg.entities), len(EXPECTED_EDGES))


def test_jsonld_keeps_entities_in_the_default_graph(kg: KnowledgeGraph, tmp_path: Path) -> None:
    write_jsonld(kg, tmp_path / "graph.jsonld")
    typed = [q for q in read_rdf(tmp_path / "graph.jsonld", "jsonld") if q.object.value in ENTITY_TYPES]
    assert {q.graph_name for q in typed} == {ox.DefaultGraph()}


def test_jsonld_uses_the_compact_context(kg: KnowledgeGraph) -> None:
    document = to_jsonld(kg)
    entity = next(n for n in document["@graph"] if n.get("@id") == str(entity_iri("person/周鸿祎")))
    assert (entity["@type"], "skos:altLabel" in entity, document["@context"]["nif"]) == (
        "schema:Person",
        True,
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    )


@pytest.mark.parametrize("render", [to_jsonld, to_nquads])
def test_rdf_output_is_deterministic(render, kg: KnowledgeGraph) -> None:
    reversed_kg = KnowledgeGraph.from_results(reversed(news_results()))
    assert json.dumps(render(kg), ensure_ascii=False) == json.dumps(render(reversed_kg), ensure_ascii=False)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_hostile_strings_read_back_unchanged(hostile_kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    RDF_FORMATS[fmt](hostile_kg, tmp_path / "out")
    quads = read_rdf(tmp_path / "out", fmt)
    person = ox.NamedNode(str(entity_iri(HOSTILE_PERSON.entity_id)))

    def values(subject: ox.NamedNode, predicate: str) -> list[str]:
        return sorted(q.object.value for q in quads if q.subject == subject and q.predicate.value == predicate)

    roles = sorted(q.object.value for q in quads if q.predicate.value == str(ORG.role))
    role_labels = [values(ox.NamedNode(r), str(RDFS.label)) for r in roles]
    assert (values(person, str(RDFS.label)), values(person, str(SKOS.altLabel)), role_labels) == (
        [HOSTILE_PERSON.label],
        sorted(a.text for a in HOSTILE_PERSON.aliases),
        [[HOSTILE_ROLE]],
    )


# --------------------------------------------------------------------------
# export_build and the CLI


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "build"
    folder.mkdir()
    write_results(news_results(), folder / "results.jsonl")
    return folder


@pytest.mark.parametrize(
    ("fmt", "out_name"),
    [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("cytoscape", "g.cyjs"), ("neo4j", "neo4j")],
)  # jsonld and nquads: test_export_build_writes_rdf
def test_export_build_writes_the_format(build_dir: Path, tmp_path: Path, fmt: str, out_name: str) -> None:
    out = tmp_path / "exports" / out_name
    export_build(build_dir, to=fmt, out=out)  # its return value is the CLI's business
    nodes, edges = PROPERTY_GRAPH_FORMATS[fmt][1](out)
    assert (len(nodes), len(edges)) == (len(ZHOU_GRAPH_ENTITIES), len(EXPECTED_EDGES))


ZHOU_GRAPH_ENTITIES = [ZHOU, QIHOO, LIU, IFLYTEK, SPARK, GPT4T, SORA, OPENAI]


@pytest.mark.parametrize(("fmt", "out_name"), [("jsonld", "g.jsonld"), ("nquads", "g.nq")])
def test_export_build_writes_rdf(build_dir: Path, tmp_path: Path, fmt: str, out_name: str) -> None:
    out = tmp_path / "exports" / out_name
    export_build(build_dir, to=fmt, out=out)
    kg = KnowledgeGraph.from_results(news_results())
    assert {str(q) for q in read_rdf(out, fmt)} == reference_quads(kg)


def test_export_build_rejects_an_unknown_format(build_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownExportFormatError, match="graphml"):
        export_build(build_dir, to="dot", out=tmp_path / "g.dot")


def test_unknown_format_error_is_a_kg_error() -> None:
    assert issubclass(UnknownExportFormatError, KgError)


def test_export_build_rejects_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    with pytest.raises(BuildNotFoundError, match="kg build"):
        export_build(tmp_path / "missing", to="graphml", out=tmp_path / "g.graphml")


def test_file_format_refuses_a_folder_as_out(build_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        export_build(build_dir, to="graphml", out=tmp_path)


def test_export_leaves_no_temporary_files(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    export_build(build_dir, to="graphml", out=out / "g.graphml")
    export_build(build_dir, to="graphml", out=out / "g.graphml")
    export_build(build_dir, to="neo4j", out=out / "neo4j")
    export_build(build_dir, to="neo4j", out=out / "neo4j")
    assert sorted(p.name for p in out.iterdir()) == ["g.graphml", "neo4j"]


@pytest.mark.parametrize(("fmt", "out_name"), [("graphml", "g.graphml"), ("neo4j", "neo4j/nodes.csv")])
def test_export_files_get_the_usual_permissions(build_dir: Path, tmp_path: Path, fmt: str, out_name: str) -> None:
    umask = os.umask(0o022)
    try:
        export_build(build_dir, to=fmt, out=tmp_path / out_name.split("/")[0])
    finally:
        os.umask(umask)
    assert (tmp_path / out_name).stat().st_mode & 0o777 == 0o644


def test_cli_export_prints_library_errors(build_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = kg_main(["export", str(tmp_path / "missing"), "--to", "gexf", "--out", str(tmp_path / "g.gexf")])
    assert (code, "not a build folder" in capsys.readouterr().err) == (BuildNotFoundError.exit_code, True)


def test_cli_export_writes_the_file(build_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.cyjs"
    assert kg_main(["export", str(build_dir), "--to", "cytoscape", "--out", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["elements"]["nodes"]) == len(ZHOU_GRAPH_ENTITIES)


def test_every_cli_format_has_an_exporter() -> None:
    from graph.cli import build_parser

    export = build_parser()._subparsers._group_actions[0].choices["export"]
    (to_action,) = [a for a in export._actions if a.dest == "to"]
    assert sorted(to_action.choices) == sorted(EXPORT_FORMATS)
