"""The property-graph projection that GraphML, GEXF, Cytoscape and Neo4j share.

The RDF dataset is the full record (n-ary memberships, provenance, mentions);
property-graph tools want something flatter: one node per entity and one edge
per relation, with plain typed attributes. ``to_property_graph`` builds that
once, so every property-graph format has the same nodes, edges and values.

Nodes
    One per entity, keyed by ``entity_id``. Attributes (always all present,
    ``""`` where unknown, never ``None``):

    ============== ===== =====================================================
    label          str   canonical name
    type           str   English display name of the entity type (ontology)
    type_zh        str   Chinese display name of the entity type
    type_iri       str   schema.org class IRI
    iri            str   the entity's IRI in the RDF exports
    aliases        str   other names joined with ``" | "``
    article_count  int   articles that mention the entity (as kg:articleCount)
    quote_count    int   quotations attributed to it (see below)
    lexicon_id     str   row id in the curated lexicon, ``""`` if not there
    parent_id      str   entity id of the parent organization, ``""`` if none
    ============== ===== =====================================================

Edges
    One per relation, aggregated over facts by (subject, predicate, object,
    role), directed subject → object: membership person → organization (with
    the role), creator model → organization, comparedWith, locatedIn,
    subOrganizationOf. The multigraph key is a stable edge id. Each text
    field holds one language: ``label`` is always English and ``label_zh``
    always Chinese (like ``type`` and ``type_zh`` on nodes), while the role,
    which is data rather than vocabulary, keeps its own field as the article
    wrote it. Attributes:

    ============== ===== =====================================================
    label          str   the relation's English name (ontology), e.g. "made by"
    label_zh       str   the relation's Chinese name (ontology), e.g. "研发/发布"
    relation       str   ``Predicate`` value, e.g. ``"membership"``
    relation_iri   str   the direct RDF property, e.g. org:memberOf
    role           str   membership role as the text says it (董事长), ``""`` for other relations
    confidence     float highest confidence among the facts
    article_count  int   distinct articles stating it
    fact_count     int   facts aggregated into the edge
    former         bool  every fact says the membership is past (原司长)
    sentence       str   text of the first evidence sentence
    article_id     str   article of that sentence
    rule           str   rule that produced that first fact
    ============== ===== =====================================================

Quotations
    Facts with no object (``Predicate.QUOTATION``) make no edge; they are
    counted in the speaker's ``quote_count``. So the node count is the number
    of entities and the edge count the number of distinct relations.

Text values are cleaned the same way for every format: line breaks become
``"\\n"`` and characters that XML 1.0 cannot carry (C0 controls other than
tab and newline, U+FFFE, U+FFFF, lone surrogates) are dropped, so what one
format reads back equals what another does. Node ids are entity ids; one
that had to be cleaned carries a hash of the original (``node_id``), so no
two entities share a node.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Entity, Fact, Predicate, stable_hash
from graph.rdf.iris import entity_iri
from graph.rdf.vocab import DIRECT_PROPERTY, TYPE_IRI, predicate_label, type_label

ALIAS_SEPARATOR = " | "

NODE_ATTRIBUTES: tuple[str, ...] = (
    "label",
    "type",
    "type_zh",
    "type_iri",
    "iri",
    "aliases",
    "article_count",
    "quote_count",
    "lexicon_id",
    "parent_id",
)
EDGE_ATTRIBUTES: tuple[str, ...] = (
    "label",
    "label_zh",
    "relation",
    "relation_iri",
    "role",
    "confidence",
    "article_count",
    "fact_count",
    "former",
    "sentence",
    "article_id",
    "rule",
)

# Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR (CR is
# folded into LF first), the non-characters U+FFFE/U+FFFF and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# The suffix node_id gives an id it had to clean.
_HASHED_ID = re.compile(r"#[0-9a-f]{32}\Z")


def clean_text(value: str) -> str:
    """``value`` as every export carries it: LF line breaks, no XML-illegal characters."""
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def edge_id(subject_id: str, predicate: Predicate, object_id: str, role: str) -> str:
    """A stable id for the relation edge (same for every build that has it)."""
    return "r-" + stable_hash(subject_id, predicate.value, object_id, role)


def _article_counts(kg: KnowledgeGraph) -> dict[str, int]:
    # Same count as kg:articleCount in the RDF: articles with a mention.
    return {entity_id: len(article_ids) for entity_id, article_ids in kg.articles_mentioning().items()}


def _sentence_text(kg: KnowledgeGraph, fact: Fact) -> str:
    article = kg.articles.get(fact.article_id)
    if article is None:
        return ""
    return clean_text(article.text[fact.sentence.start : fact.sentence.end]).strip()


def _edge_attributes(kg: KnowledgeGraph, facts: list[Fact]) -> dict[str, object]:
    # ``facts`` come in kg.sorted_facts() order, so "first" is stable.
    first = facts[0]
    return {
        # One language per field: a tool that shows ``label`` never mixes
        # English relation names with Chinese roles on one canvas.
        "label": predicate_label(first.predicate, "en"),
        "label_zh": predicate_label(first.predicate, "zh-Hans"),
        "relation": first.predicate.value,
        "relation_iri": str(DIRECT_PROPERTY[first.predicate]),
        "role": clean_text(first.role or ""),
        "confidence": float(max(f.confidence for f in facts)),
        "article_count": len({f.article_id for f in facts}),
        "fact_count": len(facts),
        "former": all(f.former for f in facts),
        "sentence": _sentence_text(kg, first),
        "article_id": first.article_id,
        "rule": clean_text(first.rule),
    }


def relation_groups(kg: KnowledgeGraph) -> dict[tuple[str, Predicate, str, str], list[Fact]]:
    """Relation facts grouped by (subject, predicate, object, role), sorted by key.

    Quotations and facts naming an entity the graph does not hold are left out.
    """
    groups: dict[tuple[str, Predicate, str, str], list[Fact]] = defaultdict(list)
    for fact in kg.sorted_facts():
        if fact.object_id is None or fact.predicate not in DIRECT_PROPERTY:
            continue
        if fact.subject_id not in kg.entities or fact.object_id not in kg.entities:
            continue
        groups[(fact.subject_id, fact.predicate, fact.object_id, clean_text(fact.role or ""))].append(fact)
    return {key: groups[key] for key in sorted(groups)}


def quote_counts(kg: KnowledgeGraph) -> Counter[str]:
    """Entity id → number of quotations attributed to it."""
    return Counter(f.subject_id for f in kg.facts if f.predicate is Predicate.QUOTATION)


def node_id(entity_id: str) -> str:
    """The node key of an entity: its id, where every format can carry it as it is.

    An id that ``clean_text`` would change (it holds a CR or a character XML
    cannot carry) is cleaned and suffixed with ``#`` and a hash of the
    original, so ids that differ only in such characters stay two nodes. An
    id that already ends like such a suffix gets one too: no id can take
    another's key.

    >>> node_id("person/周鸿祎")
    'person/周鸿祎'
    >>> node_id("person/a\\x00b")
    'person/ab#59451cec7c2b2956170881fbec896cf4'
    """
    cleaned = clean_text(entity_id)
    if cleaned == entity_id and not _HASHED_ID.search(entity_id):
        return entity_id
    digest = hashlib.sha256(entity_id.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{cleaned}#{digest}"


def alias_texts(entity: Entity) -> list[str]:
    """The entity's other names, each once (one name can have several reasons)."""
    label = clean_text(entity.label)
    names = dict.fromkeys(clean_text(a.text) for a in entity.aliases)
    return [name for name in names if name and name != label]


def alias_lists(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Node id → the entity's aliases as a list, for formats that have lists.

    The joined ``aliases`` attribute cannot be split back safely (a name may
    itself hold ``" | "``), so list-valued formats take them from here.
    """
    return {node_id(e.entity_id): alias_texts(e) for e in kg.entities.values()}


def _node_attributes(
    kg: KnowledgeGraph, articles: dict[str, int], quotes: Counter[str]
) -> Iterable[tuple[str, dict[str, object]]]:
    for entity in kg.sorted_entities():
        yield node_id(entity.entity_id), {
            "label": clean_text(entity.label),
            "type": type_label(entity.entity_type, "en"),
            "type_zh": type_label(entity.entity_type, "zh-Hans"),
            "type_iri": str(TYPE_IRI[entity.entity_type]),
            "iri": str(entity_iri(entity.entity_id)),
            "aliases": ALIAS_SEPARATOR.join(alias_texts(entity)),
            "article_count": articles.get(entity.entity_id, 0),
            "quote_count": quotes.get(entity.entity_id, 0),
            "lexicon_id": clean_text(entity.lexicon_id or ""),
            "parent_id": node_id(entity.parent_id or ""),
        }


def to_property_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Project ``kg`` onto a directed multigraph with typed attributes.

    Examples
    --------
    >>> from graph.core.knowledge import KnowledgeGraph
    >>> G = to_property_graph(KnowledgeGraph())
    >>> (G.number_of_nodes(), G.number_of_edges())
    (0, 0)
    """
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(_node_attributes(kg, _article_counts(kg), quote_counts(kg)))
    if graph.number_of_nodes() != len(kg.entities):
        raise ValueError("two entity ids share a node id (a hash collision)")
    for (subject_id, predicate, object_id, role), facts in relation_groups(kg).items():
        key = edge_id(subject_id, predicate, object_id, role)
        graph.add_edge(node_id(subject_id), node_id(object_id), key=key, **_edge_attributes(kg, facts))
    return graph
