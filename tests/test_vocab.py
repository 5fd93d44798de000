"""The ontology (ontology/kg.ttl) and its Python mirror (graph.rdf.vocab) agree."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from graph.core.records import EntityType, Predicate
from graph.rdf.vocab import (
    DIRECT_PROPERTY,
    KG,
    PREDICATE_IRI,
    SCHEMA,
    TYPE_IRI,
    declared_terms,
    label_of,
    ontology_graph,
    ontology_path,
    predicate_label,
    type_label,
)

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


def _mirrored_terms() -> set[str]:
    return set(KG.__annotations__)


def _properties() -> list[str]:
    g = ontology_graph()
    return sorted(t for t in declared_terms() if any((KG[t], RDF.type, kind) in g for kind in PROPERTY_TYPES))


def test_every_term_of_the_mirror_is_declared_in_the_ontology() -> None:
    assert _mirrored_terms() - declared_terms() == set()


def test_every_term_declared_in_the_ontology_is_in_the_mirror() -> None:
    assert declared_terms() - _mirrored_terms() == set()


def test_a_misspelt_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        KG.confidance  # noqa: B018


@pytest.mark.parametrize("term", sorted(declared_terms()))
@pytest.mark.parametrize("lang", ["zh-Hans", "en"])
def test_every_term_has_a_label_in_chinese_and_english(term: str, lang: str) -> None:
    labels = [o for o in ontology_graph().objects(KG[term], RDFS.label) if isinstance(o, Literal) and o.language == lang]
    assert len(labels) == 1


@pytest.mark.parametrize("term", sorted(declared_terms()))
def test_every_term_has_an_english_comment(term: str) -> None:
    comments = [o for o in ontology_graph().objects(KG[term], RDFS.comment) if isinstance(o, Literal) and o.language == "en"]
    assert comments


@pytest.mark.parametrize("term", _properties())
@pytest.mark.parametrize("axis", [RDFS.domain, RDFS.range])
def test_every_property_has_a_domain_and_a_range(term: str, axis: URIRef) -> None:
    assert ontology_graph().value(KG[term], axis) is not None


@pytest.mark.parametrize(
    ("term", "relation", "standard"),
    [
        ("AIModel", RDFS.subClassOf, SCHEMA.SoftwareApplication),
        ("Assertion", RDFS.subClassOf, RDF.Statement),
        ("locatedIn", RDFS.subPropertyOf, SCHEMA.location),
        ("alias", RDFS.subPropertyOf, URIRef("http://www.w3.org/2008/05/skos-xl#altLabel")),
    ],
)
def test_project_terms_extend_the_standard_vocabularies(term: str, relation: URIRef, standard: URIRef) -> None:
    assert (KG[term], relation, standard) in ontology_graph()


@pytest.mark.parametrize(
    ("entity_type", "zh", "en"),
    [
        (EntityType.PERSON, "人物", "Person"),
        (EntityType.ORGANIZATION, "机构", "Organization"),
        (EntityType.SOFTWARE, "模型与产品", "AI model or product"),
        (EntityType.PLACE, "地点", "Place"),
    ],
)
def test_entity_type_names_come_from_the_ontology(entity_type: EntityType, zh: str, en: str) -> None:
    assert (type_label(entity_type, "zh-Hans"), type_label(entity_type, "en")) == (zh, en)


@pytest.mark.parametrize(
    ("predicate", "zh"),
    [
        (Predicate.MEMBERSHIP, "任职"),
        (Predicate.CREATOR, "研发/发布"),
        (Predicate.QUOTATION, "引述"),
        (Predicate.COMPARED_WITH, "比较"),
        (Predicate.LOCATED_IN, "位于"),
        (Predicate.SUB_ORGANIZATION_OF, "隶属"),
    ],
)
def test_fact_kind_names_come_from_the_ontology(predicate: Predicate, zh: str) -> None:
    assert predicate_label(predicate, "zh-Hans") == zh


@pytest.mark.parametrize("predicate", list(Predicate))
def test_every_fact_kind_is_a_concept_of_the_scheme(predicate: Predicate) -> None:
    assert (PREDICATE_IRI[predicate], SKOS.inScheme, KG.FactKinds) in ontology_graph()


def test_every_fact_kind_but_quotation_has_a_direct_property() -> None:
    assert set(DIRECT_PROPERTY) == set(Predicate) - {Predicate.QUOTATION}


def test_every_entity_type_has_a_schema_class() -> None:
    assert {str(iri) for iri in TYPE_IRI.values()} == {
        "https://schema.org/Person",
        "https://schema.org/Organization",
        "https://schema.org/SoftwareApplication",
        "https://schema.org/Place",
    }


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh-Hans", "置信度"),
        ("zh", "置信度"),  # a language range finds the zh-Hans label
        ("ZH-hans", "置信度"),  # tags compare case-insensitively
        ("en", "confidence"),
        ("en-GB", "confidence"),  # a more specific tag falls back to en
        ("fr", "confidence"),  # no French label: the local name
    ],
)
def test_label_lookup_by_language(lang: str, expected: str) -> None:
    assert label_of(KG.confidence, lang) == expected


def test_an_iri_unknown_to_the_ontology_is_named_by_its_local_name() -> None:
    assert label_of(URIRef("https://example.org/vocab#somethingElse"), "en") == "somethingElse"


def test_the_ontology_parses_in_oxigraph_as_in_rdflib() -> None:
    quads = list(ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(ontology_graph())
