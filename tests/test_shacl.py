"""SHACL: the graph of a realistic KnowledgeGraph conforms; each kind of damage is caught."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rdf_samples import (
    FEIHE,
    IFLYTEK,
    LIU,
    OPENAI,
    SORA,
    ZHOU,
    sample_kg,
    sample_results,
)
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, SKOS

from graph.core.knowledge import KnowledgeGraph
from graph.rdf.files import write_trig
from graph.rdf.iris import article_iri, entity_iri, fact_iri, mention_iri, role_iri
from graph.rdf.mapping import to_dataset
from graph.rdf.shacl import validate
from graph.rdf.vocab import ITSRDF, KG, NIF

SCHEMA = "https://schema.org/"
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _union(kg: KnowledgeGraph) -> Graph:
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o, _ in to_dataset(kg).quads((None, None, None, None)))
    return graph


def _fact(predicate: str, index: int = 0):
    return [f for r in sample_results() for f in r.facts if f.predicate == predicate][index]


def _schema(name: str) -> URIRef:
    return URIRef(SCHEMA + name)


def test_a_realistic_graph_conforms() -> None:
    conforms, report = validate(to_dataset(sample_kg()))
    assert conforms, report


def test_a_trig_file_conforms(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    write_trig(sample_kg(), path)
    conforms, report = validate(path)
    assert conforms, report


def test_a_membership_without_a_role_is_only_a_warning() -> None:
    results = sample_results()
    first = results[0]
    facts = tuple(replace(f, role=None) if f.predicate == "membership" else f for f in first.facts)
    kg = KnowledgeGraph.from_results([replace(first, facts=facts), results[1]])
    conforms, report = validate(to_dataset(kg))
    assert (conforms, "sh:Warning" in report, "sh:Violation" in report) == (True, True, False)


def test_every_entity_has_its_label_untagged_as_schema_name() -> None:
    graph = _union(sample_kg())
    entities = {entity_iri(e.entity_id): e.label for e in sample_kg().entities.values()}
    names = {s: o for s, o in graph.subject_objects(_schema("name")) if s in entities}
    assert names == {node: Literal(label) for node, label in entities.items()}
    assert all(o.language is None and o.datatype is None for o in names.values())


def test_an_unknown_file_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown RDF format"):
        validate(tmp_path / "graph.txt")


# Each damage takes the union graph and breaks one rule of the profile.
Damage = Callable[[Graph], None]


def _second_type(g: Graph) -> None:
    g.add((entity_iri(ZHOU.entity_id), RDF.type, _schema("Organization")))


def _no_label(g: Graph) -> None:
    g.remove((entity_iri(LIU.entity_id), RDFS.label, None))


def _two_labels(g: Graph) -> None:
    g.add((entity_iri(LIU.entity_id), RDFS.label, Literal("劉慶峰", lang="zh-Hant")))


def _pref_label_differs(g: Graph) -> None:
    node = entity_iri(OPENAI.entity_id)
    g.remove((node, SKOS.prefLabel, None))
    g.add((node, SKOS.prefLabel, Literal("Open AI")))


def _no_plain_name(g: Graph) -> None:
    g.remove((entity_iri(ZHOU.entity_id), _schema("name"), None))


def _tagged_name(g: Graph) -> None:
    node = entity_iri(ZHOU.entity_id)
    g.remove((node, _schema("name"), None))
    g.add((node, _schema("name"), Literal("周鸿祎", lang="zh-Hans")))


def _name_differs_from_the_label(g: Graph) -> None:
    node = entity_iri(LIU.entity_id)
    g.remove((node, _schema("name"), None))
    g.add((node, _schema("name"), Literal("劉慶峰")))


def _member_is_an_organization(g: Graph) -> None:
    node = fact_iri(_fact("membership"))
    g.remove((node, ORG.member, None))
    g.add((node, ORG.member, entity_iri(FEIHE.entity_id)))
    g.add((entity_iri(FEIHE.entity_id), ORG.memberOf, entity_iri(ZHOU.entity_id)))


def _two_organizations(g: Graph) -> None:
    g.add((fact_iri(_fact("membership")), ORG.organization, entity_iri(IFLYTEK.entity_id)))


def _role_without_label(g: Graph) -> None:
    g.remove((role_iri("董事长"), RDFS.label, None))


def _no_direct_member_of(g: Graph) -> None:
    g.remove((entity_iri(LIU.entity_id), ORG.memberOf, None))


def _quotation_without_text(g: Graph) -> None:
    g.remove((fact_iri(_fact("quotation")), _schema("text"), None))


def _quotation_by_an_organization(g: Graph) -> None:
    node = fact_iri(_fact("quotation"))
    g.remove((node, _schema("creator"), None))
    g.add((node, _schema("creator"), entity_iri(OPENAI.entity_id)))


def _quotation_outside_an_article(g: Graph) -> None:
    g.remove((fact_iri(_fact("quotation")), _schema("isPartOf"), None))


def _confidence_above_one(g: Graph) -> None:
    node = fact_iri(_fact("creator"))
    g.remove((node, KG.confidence, None))
    g.add((node, KG.confidence, Literal("1.5", datatype=DECIMAL)))


def _confidence_not_a_decimal(g: Graph) -> None:
    node = fact_iri(_fact("creator"))
    g.remove((node, KG.confidence, None))
    g.add((node, KG.confidence, Literal("high")))


def _fact_without_sentence(g: Graph) -> None:
    node = fact_iri(_fact("locatedIn"))
    for source in list(g.objects(node, PROV.wasDerivedFrom)):
        if (source, RDF.type, NIF.Sentence) in g:
            g.remove((node, PROV.wasDerivedFrom, source))


def _assertion_without_its_triple(g: Graph) -> None:
    g.remove((entity_iri(SORA.entity_id), _schema("creator"), entity_iri(OPENAI.entity_id)))


def _mention_ends_before_it_begins(g: Graph) -> None:
    liu = next(m for r in sample_results() for m in r.mentions if m.entity_id == LIU.entity_id)
    node = mention_iri(liu.article_id, liu.start, liu.end)
    g.remove((node, NIF.endIndex, None))
    g.add((node, NIF.endIndex, Literal(liu.start - 1)))


def _mention_without_entity(g: Graph) -> None:
    g.remove((None, ITSRDF.taIdentRef, entity_iri(LIU.entity_id)))


def _anchor_of_the_wrong_length(g: Graph) -> None:
    zhou = next(m for r in sample_results() for m in r.mentions if m.entity_id == ZHOU.entity_id)
    node = mention_iri(zhou.article_id, zhou.start, zhou.end)
    g.remove((node, NIF.anchorOf, None))
    g.add((node, NIF.anchorOf, Literal("周鴻禕先生")))


def _article_in_english(g: Graph) -> None:
    node = article_iri(sample_results()[1].article.article_id)
    g.remove((node, _schema("inLanguage"), None))
    g.add((node, _schema("inLanguage"), Literal("en")))


def _article_without_language(g: Graph) -> None:
    g.remove((article_iri(sample_results()[1].article.article_id), _schema("inLanguage"), None))


DAMAGES: list[tuple[Damage, str]] = [
    (_second_type, "exactly one of schema:Person"),
    (_no_label, "one rdfs:label"),
    (_two_labels, "one rdfs:label"),
    (_pref_label_differs, "prefLabel is the rdfs:label"),
    (_no_plain_name, "one schema:name, an untagged xsd:string"),
    (_tagged_name, "one schema:name, an untagged xsd:string"),
    (_name_differs_from_the_label, "schema:name is the text of the rdfs:label"),
    (_member_is_an_organization, "org:member, a schema:Person"),
    (_two_organizations, "org:organization, a schema:Organization"),
    (_role_without_label, "a role has one rdfs:label"),
    (_no_direct_member_of, "org:memberOf its organization"),
    (_quotation_without_text, "schema:text"),
    (_quotation_by_an_organization, "schema:creator, a schema:Person"),
    (_quotation_outside_an_article, "schema:isPartOf"),
    (_confidence_above_one, "kg:confidence"),
    (_confidence_not_a_decimal, "kg:confidence"),
    (_fact_without_sentence, "nif:Sentence it came from"),
    (_assertion_without_its_triple, "direct triple of an assertion"),
    (_mention_ends_before_it_begins, "LessThanOrEqualsConstraintComponent"),
    (_mention_without_entity, "itsrdf:taIdentRef"),
    (_anchor_of_the_wrong_length, "as long as endIndex - beginIndex"),
    (_article_in_english, "inLanguage is \"zh-Hans\" or \"zh-Hant\""),
    (_article_without_language, "schema:inLanguage"),
]


@pytest.fixture(scope="module")
def rdf_sample_union() -> Graph:
    return _union(sample_kg())


@pytest.mark.parametrize(("damage", "reported"), DAMAGES, ids=[d.__name__.strip("_") for d, _ in DAMAGES])
def test_a_damaged_graph_does_not_conform(rdf_sample_union: Graph, damage: Damage, reported: str) -> None:
    graph = Graph()
    graph.addN((s, p, o, graph) for s, p, o in rdf_sample_union)
    damage(graph)
    conforms, report = validate(graph)
    assert (conforms, reported in report) == (False, True), report
