"""The vocabularies as code: namespaces, the project's terms and their names.

``ontology/kg.ttl`` is the single source of the project's classes, properties
and display names; class ``KG`` mirrors every term declared there (a typo is
an ``AttributeError``, ``_fail = True``) and tests/test_vocab.py checks that
the two agree. Labels for legends and exports are read from the Turtle file,
never written in code:

>>> type_label(EntityType.PERSON, "zh-Hans"), predicate_label(Predicate.MEMBERSHIP, "en")
('人物', 'holds a role in')
"""

from __future__ import annotations

import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, DefinedNamespace

from graph.core.records import EntityType, Predicate

ONTOLOGY_FILE = "kg.ttl"
LEXICON_FILE = "lexicon.ttl"
SHAPES_FILE = "shapes.ttl"

KGR = Namespace("https://w3id.org/cnkg/id/")  # the data: entities, articles, facts
LEX = Namespace("https://w3id.org/cnkg/lexicon/")  # rows of ontology/lexicon.ttl
WD = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """Terms of the project's ontology, https://w3id.org/cnkg/ontology# (ontology/kg.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/cnkg/ontology#")

    # Classes
    AIModel: URIRef  # an AI model or a product built on one; subclass of schema:SoftwareApplication
    Assertion: URIRef  # a reified binary fact with provenance; rdf:Statement and prov:Entity

    # Kinds of fact (skos:Concept in the scheme kg:FactKinds)
    FactKinds: URIRef
    MembershipFact: URIRef
    CreatorFact: URIRef
    QuotationFact: URIRef
    ComparedWithFact: URIRef
    LocatedInFact: URIRef
    SubOrganizationOfFact: URIRef

    # Relations between entities
    comparedWith: URIRef  # model ↔ model
    locatedIn: URIRef  # organization → place

    # Fact nodes
    factKind: URIRef
    confidence: URIRef
    extractionRule: URIRef
    former: URIRef

    # Articles
    sourceFile: URIRef

    # Entities and their names
    alias: URIRef
    aliasReason: URIRef
    mentionCount: URIRef
    articleCount: URIRef
    lexiconEntry: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms of the profile (rdflib's SDO only warns on a typo)."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    Thing: URIRef
    Person: URIRef
    Organization: URIRef
    SoftwareApplication: URIRef
    Place: URIRef
    NewsArticle: URIRef
    Quotation: URIRef
    name: URIRef
    alternateName: URIRef
    creator: URIRef
    text: URIRef
    isPartOf: URIRef
    mentions: URIRef
    headline: URIRef
    author: URIRef
    publisher: URIRef
    datePublished: URIRef
    inLanguage: URIRef
    url: URIRef
    keywords: URIRef
    abstract: URIRef
    location: URIRef


class NIF(DefinedNamespace):
    """The NIF 2.0 Core terms the graph uses (text contexts, sentences, mentions)."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    Sentence: URIRef
    Phrase: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """The ITS 2.0 term that links a mention to the entity it names."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")

    taIdentRef: URIRef


class SKOSXL(DefinedNamespace):
    """SKOS-XL: names as resources, so an alias can carry the reason it was merged."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2008/05/skos-xl#")

    Label: URIRef
    literalForm: URIRef
    altLabel: URIRef


def _fix_terms(namespace: type[DefinedNamespace]) -> None:
    """Make each declared term a plain class attribute: a DefinedNamespace
    builds a new URIRef on every attribute access, and the RDF writer reads
    these terms millions of times in a large build."""
    for name in namespace.__annotations__:
        setattr(namespace, name, namespace._NS[name])


for _namespace in (KG, SCHEMA, NIF, ITSRDF, SKOSXL):
    _fix_terms(_namespace)


TYPE_IRI: dict[EntityType, URIRef] = {
    EntityType.PERSON: SCHEMA.Person,
    EntityType.ORGANIZATION: SCHEMA.Organization,
    EntityType.SOFTWARE: SCHEMA.SoftwareApplication,
    EntityType.PLACE: SCHEMA.Place,
}

# The concept that names each kind of fact in legends, exports and kg:factKind.
PREDICATE_IRI: dict[Predicate, URIRef] = {
    Predicate.MEMBERSHIP: KG.MembershipFact,
    Predicate.CREATOR: KG.CreatorFact,
    Predicate.QUOTATION: KG.QuotationFact,
    Predicate.COMPARED_WITH: KG.ComparedWithFact,
    Predicate.LOCATED_IN: KG.LocatedInFact,
    Predicate.SUB_ORGANIZATION_OF: KG.SubOrganizationOfFact,
}

# The direct subject → object triple each kind of fact materialises
# (quotations have none: a quotation is a node of its own).
DIRECT_PROPERTY: dict[Predicate, URIRef] = {
    Predicate.MEMBERSHIP: ORG.memberOf,
    Predicate.CREATOR: SCHEMA.creator,
    Predicate.COMPARED_WITH: KG.comparedWith,
    Predicate.LOCATED_IN: KG.locatedIn,
    Predicate.SUB_ORGANIZATION_OF: ORG.subOrganizationOf,
}

# Prefixes written into every RDF file, in this order.
PREFIXES: dict[str, str] = {
    "schema": str(SCHEMA._NS),
    "org": str(ORG),
    "skos": str(SKOS),
    "skosxl": str(SKOSXL._NS),
    "prov": str(PROV),
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "dcterms": str(DCTERMS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": str(RDFS),
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "kg": str(KG._NS),
    "kgr": str(KGR),
    "lex": str(LEX),
}


def ontology_dir() -> Path:
    """The folder holding kg.ttl, lexicon.ttl and shapes.ttl.

    The repository's ``ontology/`` beside the ``graph`` package (editable
    installs, checkouts); else ``<prefix>/share/zh-news-kg/ontology`` where a
    wheel installs it as data files.
    """
    beside_package = Path(__file__).resolve().parents[2] / "ontology"
    if (beside_package / ONTOLOGY_FILE).is_file():
        return beside_package
    return Path(sys.prefix) / "share" / "zh-news-kg" / "ontology"


def ontology_path(name: str = ONTOLOGY_FILE) -> Path:
    """Path of one file of the ontology folder (default: kg.ttl)."""
    return ontology_dir() / name


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """ontology/kg.ttl, parsed once. Do not modify the returned graph."""
    graph = Graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


@lru_cache(maxsize=1)
def _labels() -> dict[URIRef, dict[str, str]]:
    """IRI → lower-cased language tag → label, from the ontology's rdfs:label."""
    table: dict[URIRef, dict[str, str]] = defaultdict(dict)
    for iri, label in sorted(ontology_graph().subject_objects(RDFS.label)):
        if isinstance(iri, URIRef) and isinstance(label, Literal) and label.language:
            table[iri].setdefault(label.language.lower(), str(label))
    return dict(table)


def _lookup(labels: dict[str, str], lang: str) -> str | None:
    """RFC 4647 lookup: ``zh-Hans`` exactly, else ``zh`` or any ``zh-*`` label."""
    subtags = lang.lower().split("-")
    while subtags:
        wanted = "-".join(subtags)
        if wanted in labels:
            return labels[wanted]
        longer = sorted(tag for tag in labels if tag.startswith(wanted + "-"))
        if longer:
            return labels[longer[0]]
        subtags.pop()
    return None


def label_of(iri: URIRef, lang: str = "zh-Hans") -> str:
    """The ontology's ``rdfs:label`` of ``iri`` in ``lang``.

    ``lang`` is a BCP 47 tag; ``"zh"`` finds the ``zh-Hans`` label. Falls back
    to the IRI's local name when the ontology has no label in that language.
    """
    found = _lookup(_labels().get(URIRef(iri), {}), lang)
    if found is not None:
        return found
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def type_label(entity_type: EntityType, lang: str = "zh-Hans") -> str:
    """Display name of an entity type, e.g. 人物 / Person."""
    return label_of(TYPE_IRI[entity_type], lang)


def predicate_label(predicate: Predicate, lang: str = "zh-Hans") -> str:
    """Display name of a kind of fact, e.g. 任职 / holds a role in."""
    return label_of(PREDICATE_IRI[predicate], lang)


def declared_terms(graph: Graph | None = None) -> set[str]:
    """Local names of the kg: terms that the ontology declares (gives a type)."""
    graph = ontology_graph() if graph is None else graph
    base = str(KG._NS)
    return {
        str(s)[len(base) :]
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith(base) and graph.value(s, RDF.type) is not None
    }


__all__ = [
    "DCTERMS",
    "DIRECT_PROPERTY",
    "ITSRDF",
    "KG",
    "KGR",
    "LEX",
    "NIF",
    "ORG",
    "PREDICATE_IRI",
    "PREFIXES",
    "PROV",
    "SCHEMA",
    "SKOS",
    "SKOSXL",
    "TYPE_IRI",
    "WD",
    "declared_terms",
    "label_of",
    "ontology_dir",
    "ontology_graph",
    "ontology_path",
    "predicate_label",
    "type_label",
]
