"""The vocabularies as code: the project's ontology mirrored from ontology/kg.ttl.

A typo in a term is an error (``_fail = True``); tests/test_vocab.py checks
that this class and the Turtle file declare the same terms.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, SKOS, DefinedNamespace

from graph.model import EntityType, Predicate

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
KGR = Namespace("https://w3id.org/cnkg/id/")
LEX = Namespace("https://w3id.org/cnkg/lexicon/")


class KG(DefinedNamespace):
    """Terms of https://w3id.org/cnkg/ontology#."""

    _fail = True
    _NS = Namespace("https://w3id.org/cnkg/ontology#")

    AIModel: URIRef
    Assertion: URIRef
    AliasNote: URIRef
    membership: URIRef
    quotation: URIRef
    creator: URIRef
    comparedWith: URIRef
    locatedIn: URIRef
    subOrganizationOf: URIRef
    confidence: URIRef
    extractionRule: URIRef
    former: URIRef
    sourceFile: URIRef
    articleCount: URIRef
    alias: URIRef
    aliasText: URIRef
    aliasReason: URIRef
    lexiconEntry: URIRef


TYPE_IRI: dict[EntityType, URIRef] = {
    EntityType.PERSON: SCHEMA.Person,
    EntityType.ORGANIZATION: SCHEMA.Organization,
    EntityType.SOFTWARE: SCHEMA.SoftwareApplication,
    EntityType.PLACE: SCHEMA.Place,
}
# The IRI that names each fact kind in views and exports.
PREDICATE_IRI: dict[Predicate, URIRef] = {p: KG[p.value] for p in Predicate}
# The direct triple each kind of fact materialises.
DIRECT_PROPERTY: dict[Predicate, URIRef] = {
    Predicate.MEMBERSHIP: ORG.memberOf,
    Predicate.CREATOR: SCHEMA.creator,
    Predicate.COMPARED_WITH: KG.comparedWith,
    Predicate.LOCATED_IN: KG.locatedIn,
    Predicate.SUB_ORGANIZATION_OF: ORG.subOrganizationOf,
}


def ontology_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "ontology"


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    graph = Graph()
    graph.parse(ontology_dir() / "kg.ttl", format="turtle")
    return graph


def label_of(iri: URIRef, lang: str = "zh-Hans") -> str:
    """The ontology's label of ``iri`` in ``lang`` (falls back to the local name)."""
    for label in ontology_graph().objects(iri, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def type_label(entity_type: EntityType, lang: str = "zh-Hans") -> str:
    return label_of(TYPE_IRI[entity_type], lang)


def predicate_label(predicate: Predicate, lang: str = "zh-Hans") -> str:
    return label_of(PREDICATE_IRI[predicate], lang)


__all__ = ["KG", "KGR", "LEX", "SCHEMA", "NIF", "ITSRDF", "ORG", "PROV", "SKOS", "TYPE_IRI", "PREDICATE_IRI",
           "DIRECT_PROPERTY", "label_of", "type_label", "predicate_label", "ontology_graph", "ontology_dir"]
