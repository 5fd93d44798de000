"""The knowledge graph as RDF, following docs/rdf-profile.md.

Layout of the dataset (``to_dataset``):

* the **default graph** holds what belongs to no single article: each
  entity (its one schema.org type, ``rdfs:label`` = ``skos:prefLabel``, the
  same text untagged as ``schema:name`` so that a query by plain name finds
  it, ``skos:altLabel`` and ``kg:alias`` nodes, counts, lexicon link, parent
  organization) and the ``org:Role`` nodes;
* one **named graph per article** (``<article IRI>/graph``) holds what that
  article says: the ``schema:NewsArticle`` node, its NIF text context,
  sentences and mentions, every fact node (``org:Membership``,
  ``schema:Quotation``, ``kg:Assertion``) with its provenance, and the direct
  triples (``org:memberOf``, ``schema:creator``, ``kg:comparedWith``, ...).

Turtle is the union of all graphs; TriG and N-Quads keep the named graphs.
Query the TriG / N-Quads with the union of the graphs as default graph
(Oxigraph ``use_default_graph_as_union=True``, rdflib ``default_union=True``;
Jena and others in docs/loading.md). The facts are not repeated in the
default graph: that would double the files for what one store option gives.

Every IRI is derived from ids, offsets or hashes, never from input order or
a counter, so the same input gives the same IRIs on any machine, and builds of
different batches merge by plain union. No blank nodes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import (
    Article,
    Entity,
    EntityType,
    Fact,
    Mention,
    Predicate,
)
from graph.rdf.iris import (
    alias_iri,
    article_graph_iri,
    article_iri,
    confidence_literal,
    context_iri,
    date_literal,
    entity_iri,
    fact_iri,
    integer_literal,
    iri_segment,
    label_literal,
    mention_iri,
    name_literal,
    normalize_role,
    plain_literal,
    role_iri,
    rule_literal,
    sentence_iri,
    text_literal,
    web_iri,
)
from graph.rdf.vocab import (
    DIRECT_PROPERTY,
    ITSRDF,
    KG,
    LEX,
    LEXICON_FILE,
    NIF,
    ORG,
    PREDICATE_IRI,
    PREFIXES,
    PROV,
    SCHEMA,
    SKOS,
    SKOSXL,
    TYPE_IRI,
    ontology_path,
)

# rdflib's namespaces build a new URIRef on each attribute access (and
# Literal() is slow): the terms of the writer's inner loops are made once.
_RDF_TYPE = RDF.type
_WAS_DERIVED_FROM = PROV.wasDerivedFrom

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef | None]

# --- Entities (default graph) ------------------------------------------------------


@lru_cache(maxsize=1)
def _ai_model_lexicon_ids() -> frozenset[str]:
    """Lexicon ids typed kg:AIModel in ontology/lexicon.ttl (empty when absent)."""
    path = ontology_path(LEXICON_FILE)
    if not path.is_file():
        return frozenset()
    lexicon = Graph().parse(path, format="turtle")
    return frozenset(str(s)[len(LEX) :] for s in lexicon.subjects(_RDF_TYPE, KG.AIModel) if str(s).startswith(LEX))


@dataclass(frozen=True)
class _EntityStats:
    mentions: int
    articles: int


def _entity_triples(entity: Entity, stats: _EntityStats) -> Iterator[Triple]:
    node = entity_iri(entity.entity_id)
    yield node, _RDF_TYPE, TYPE_IRI[entity.entity_type]
    if entity.entity_type is EntityType.SOFTWARE and entity.lexicon_id in _ai_model_lexicon_ids():
        yield node, _RDF_TYPE, KG.AIModel
    label = label_literal(entity.label)
    yield node, RDFS.label, label
    yield node, SKOS.prefLabel, label
    # The label untagged: a query by plain name ("周鸿祎", no @zh-Hans) finds it.
    yield node, SCHEMA.name, plain_literal(entity.label)
    for alias in entity.aliases:
        if alias.text == entity.label:
            continue
        yield node, SKOS.altLabel, name_literal(alias.text)
        alias_node = alias_iri(entity.entity_id, alias)
        yield node, KG.alias, alias_node
        yield alias_node, _RDF_TYPE, SKOSXL.Label
        yield alias_node, SKOSXL.literalForm, name_literal(alias.text)
        yield alias_node, KG.aliasReason, Literal(alias.reason)
    yield node, KG.mentionCount, integer_literal(stats.mentions)
    yield node, KG.articleCount, integer_literal(stats.articles)
    if entity.lexicon_id:
        yield node, KG.lexiconEntry, URIRef(LEX + iri_segment(entity.lexicon_id))
    if entity.parent_id:
        yield node, ORG.subOrganizationOf, entity_iri(entity.parent_id)


def _entity_stats(kg: KnowledgeGraph) -> dict[str, _EntityStats]:
    mentions: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for m in kg.mentions:
        if m.entity_id:
            mentions[m.entity_id].add((m.article_id, m.start, m.end))
            articles[m.entity_id].add(m.article_id)
    for fact in kg.facts:
        for entity_id in (fact.subject_id, fact.object_id):
            if entity_id:
                articles[entity_id].add(fact.article_id)
    return {
        entity_id: _EntityStats(len(mentions.get(entity_id, ())), len(articles.get(entity_id, ())))
        for entity_id in kg.entities
    }


def _role_triples(role: str) -> Iterator[Triple]:
    node = role_iri(role)
    yield node, _RDF_TYPE, ORG.Role
    yield node, RDFS.label, label_literal(normalize_role(role))


# --- Articles, texts and mentions (article graphs) -----------------------------------


def _article_triples(article: Article, language: str | None, mentioned: Iterable[str]) -> Iterator[Triple]:
    node = article_iri(article.article_id)
    meta = article.meta
    yield node, _RDF_TYPE, SCHEMA.NewsArticle
    if language:
        yield node, SCHEMA.inLanguage, Literal(language)
    if meta.headline:
        yield node, SCHEMA.headline, text_literal(meta.headline, language)
    for author in meta.authors:
        yield node, SCHEMA.author, name_literal(author)
    if meta.publisher:
        yield node, SCHEMA.publisher, name_literal(meta.publisher)
    if meta.date:
        yield node, SCHEMA.datePublished, date_literal(meta.date)
    for keyword in meta.keywords:
        yield node, SCHEMA.keywords, name_literal(keyword)
    if meta.summary:
        yield node, SCHEMA.abstract, text_literal(meta.summary, language)
    url = web_iri(meta.url) if meta.url else None
    url = url or web_iri(article.source)
    if url is not None:
        yield node, SCHEMA.url, url
    elif meta.url:  # not even a repaired IRI: keep what the page said, as text
        yield node, SCHEMA.url, Literal(meta.url)
    if url is None or str(url) != article.source.strip():
        yield node, KG.sourceFile, Literal(article.source)
    for entity_id in sorted(set(mentioned)):
        yield node, SCHEMA.mentions, entity_iri(entity_id)

    context = context_iri(article.article_id)
    yield context, _RDF_TYPE, NIF.Context
    yield context, NIF.isString, Literal(article.text)
    yield context, NIF.beginIndex, integer_literal(0)
    yield context, NIF.endIndex, integer_literal(len(article.text))
    yield context, _WAS_DERIVED_FROM, node
    if url is not None:
        yield context, NIF.sourceUrl, url


def _span_text(article: Article | None, start: int, end: int, fallback: str) -> str:
    if article is not None and end <= len(article.text):
        return article.text[start:end]
    return fallback


def _sentence_triples(fact: Fact, article: Article | None) -> Iterator[Triple]:
    start, end = fact.sentence.start, fact.sentence.end
    node = sentence_iri(fact.article_id, start, end)
    yield node, _RDF_TYPE, NIF.Sentence
    yield node, NIF.beginIndex, integer_literal(start)
    yield node, NIF.endIndex, integer_literal(end)
    yield node, NIF.anchorOf, Literal(_span_text(article, start, end, ""))
    yield node, NIF.referenceContext, context_iri(fact.article_id)


def _mention_triples(mention: Mention, article: Article | None) -> Iterator[Triple]:
    node = mention_iri(mention.article_id, mention.start, mention.end)
    yield node, _RDF_TYPE, NIF.Phrase
    yield node, NIF.anchorOf, Literal(_span_text(article, mention.start, mention.end, mention.surface))
    yield node, NIF.beginIndex, integer_literal(mention.start)
    yield node, NIF.endIndex, integer_literal(mention.end)
    yield node, NIF.referenceContext, context_iri(mention.article_id)
    yield node, KG.extractionRule, rule_literal(mention.rule)
    if mention.entity_id:
        yield node, ITSRDF.taIdentRef, entity_iri(mention.entity_id)


# --- Facts (article graphs) ---------------------------------------------------------


@dataclass(frozen=True)
class _MergedFact:
    """The facts that share one node (same fact_id): one confidence, every rule."""

    fact: Fact  # the most confident record
    rules: tuple[str, ...]
    evidence: tuple[Mention, ...]


def _merge_facts(facts: Iterable[Fact]) -> list[_MergedFact]:
    groups: dict[URIRef, list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact_iri(fact)].append(fact)
    merged = []
    for node in sorted(groups):
        group = groups[node]
        best = min(group, key=lambda f: (-f.confidence, f.rule))
        evidence = {(m.article_id, m.start, m.end, m.entity_id or ""): m for f in group for m in f.evidence}
        merged.append(_MergedFact(best, tuple(sorted({f.rule for f in group})), tuple(evidence[k] for k in sorted(evidence))))
    return merged


def _fact_triples(merged: _MergedFact, language: str | None) -> Iterator[Triple]:
    fact = merged.fact
    node = fact_iri(fact)
    subject = entity_iri(fact.subject_id)
    if fact.predicate is Predicate.QUOTATION:
        yield node, _RDF_TYPE, SCHEMA.Quotation
        yield node, SCHEMA.creator, subject
        if fact.text is not None:
            yield node, SCHEMA.text, text_literal(fact.text, language)
        yield node, SCHEMA.isPartOf, article_iri(fact.article_id)
    else:
        if fact.object_id is None:
            raise ValueError(f"a {fact.predicate} fact needs an object: {fact!r}")
        obj = entity_iri(fact.object_id)
        yield subject, DIRECT_PROPERTY[fact.predicate], obj
        if fact.predicate is Predicate.MEMBERSHIP:
            yield node, _RDF_TYPE, ORG.Membership
            yield node, ORG.member, subject
            yield node, ORG.organization, obj
            if fact.role:
                yield node, ORG.role, role_iri(fact.role)
            yield node, KG.former, Literal(fact.former)
        else:
            yield node, _RDF_TYPE, KG.Assertion
            yield node, _RDF_TYPE, RDF.Statement
            yield node, RDF.subject, subject
            yield node, RDF.predicate, DIRECT_PROPERTY[fact.predicate]
            yield node, RDF.object, obj
    yield node, KG.factKind, PREDICATE_IRI[fact.predicate]
    yield node, KG.confidence, confidence_literal(fact.confidence)
    for rule in merged.rules:
        yield node, KG.extractionRule, rule_literal(rule)
    yield node, _WAS_DERIVED_FROM, sentence_iri(fact.article_id, fact.sentence.start, fact.sentence.end)
    yield node, _WAS_DERIVED_FROM, article_iri(fact.article_id)
    for mention in merged.evidence:
        yield node, _WAS_DERIVED_FROM, mention_iri(mention.article_id, mention.start, mention.end)


# --- The dataset ------------------------------------------------------------------------


def iter_quads(kg: KnowledgeGraph) -> Iterator[Quad]:
    """Every statement of ``kg`` as ``(s, p, o, graph)``; graph None is the default graph.

    May repeat a statement; the writers and rdflib keep one of each.
    """
    stats = _entity_stats(kg)
    for entity in kg.sorted_entities():
        yield from ((s, p, o, None) for s, p, o in _entity_triples(entity, stats[entity.entity_id]))
    for role in sorted({f.role for f in kg.facts if f.predicate is Predicate.MEMBERSHIP and f.role}):
        yield from ((s, p, o, None) for s, p, o in _role_triples(role))

    # Resolved mentions, and every fact's evidence (resolved or not: provenance).
    mentions_by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in kg.mentions:
        if mention.entity_id:
            mentions_by_article[mention.article_id].append(mention)
    facts_by_article: dict[str, list[Fact]] = defaultdict(list)
    for fact in kg.facts:
        facts_by_article[fact.article_id].append(fact)
        mentions_by_article[fact.article_id].extend(fact.evidence)

    for article_id in sorted(set(kg.articles) | set(facts_by_article) | set(mentions_by_article)):
        yield from _article_graph(kg, article_id, facts_by_article[article_id], mentions_by_article[article_id])


def _article_graph(kg: KnowledgeGraph, article_id: str, facts: list[Fact], mentions: list[Mention]) -> Iterator[Quad]:
    """The named graph of one article: the article, its text, mentions and facts."""
    article = kg.articles.get(article_id)
    language = kg.languages.get(article_id)
    graph = article_graph_iri(article_id)
    triples: list[Iterable[Triple]] = []
    if article is not None:
        mentioned = {m.entity_id for m in mentions if m.entity_id}
        mentioned |= {e for f in facts for e in (f.subject_id, f.object_id) if e}
        triples.append(_article_triples(article, language, mentioned))
    triples.extend(_mention_triples(m, article) for m in mentions)
    triples.extend(_sentence_triples(f, article) for f in facts)
    triples.extend(_fact_triples(merged, language) for merged in _merge_facts(facts))
    for part in triples:
        yield from ((s, p, o, graph) for s, p, o in part)


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """The RDF dataset of ``kg``: entities and roles in the default graph, one named graph per article."""
    ds = Dataset()
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace, override=True, replace=True)
    graphs: dict[URIRef | None, Graph] = {None: ds.default_graph}
    by_graph: dict[URIRef | None, list[Triple]] = defaultdict(list)
    for s, p, o, g in iter_quads(kg):
        by_graph[g].append((s, p, o))
    for name, triples in by_graph.items():
        graph = graphs[name] if name in graphs else ds.graph(name)
        graph.addN((s, p, o, graph) for s, p, o in triples)
    return ds


