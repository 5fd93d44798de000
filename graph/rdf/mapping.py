"""The knowledge graph as RDF, following docs/rdf-profile.md.

Layout of the dataset (``to_dataset``):

* the **default graph** holds what belongs to no single article: each
  entity (its one schema.org type, ``rdfs:label`` = ``skos:prefLabel``,
  ``skos:altLabel`` and ``kg:alias`` nodes, counts, lexicon link, parent
  organization) and the ``org:Role`` nodes;
* one **named graph per article** (``<article IRI>/graph``) holds what that
  article says: the ``schema:NewsArticle`` node, its NIF text context,
  sentences and mentions, every fact node (``org:Membership``,
  ``schema:Quotation``, ``kg:Assertion``) with its provenance, and the direct
  triples (``org:memberOf``, ``schema:creator``, ``kg:comparedWith``, ...).

Turtle is the union of all graphs; TriG and N-Quads keep the named graphs.
Query the TriG / N-Quads with the union of the graphs as default graph
(Oxigraph ``use_default_graph_as_union=True``, rdflib ``default_union=True``).

Every IRI is derived from ids, offsets or hashes, never from input order or
a counter, so the same input gives the same IRIs on any machine, and builds of
different batches merge by plain union. No blank nodes.
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache
from pathlib import Path
from typing import IO

import pyoxigraph
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.core.atomic import atomic_file
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Alias, Article, Entity, EntityType, Fact, Mention, Predicate, stable_hash
from graph.rdf.serialize import to_nquads as _nquads_text
from graph.rdf.serialize import to_trig as _trig_text
from graph.rdf.serialize import to_turtle as _turtle_text
from graph.rdf.serialize import write_nquads_to as _write_nquads
from graph.rdf.serialize import write_rdf as _write_rdf
from graph.rdf.serialize import write_trig_to as _write_trig
from graph.rdf.serialize import write_turtle_to as _write_turtle
from graph.text.script import to_simplified
from graph.rdf.vocab import (
    DIRECT_PROPERTY,
    ITSRDF,
    KG,
    KGR,
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

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef | None]

# --- IRIs ----------------------------------------------------------------------

# RFC 3987 ucschar: the non-ASCII characters an IRI may hold as they are.
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0x10000, 0x1FFFD), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD), (0x40000, 0x4FFFD), (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD),
    (0x80000, 0x8FFFD), (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
    (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD),
)  # fmt: skip
# Valid in IRIs but invisible or misleading when read: spaces, format and
# bidirectional controls. A fixed table, not unicodedata, so the IRI of an id
# does not change with the Python's Unicode version.
_INVISIBLE = (
    (0xA0, 0xA0), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F), (0x2028, 0x202F), (0x205F, 0x206F),
    (0x3000, 0x3000), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
_ASCII_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _in(ranges: tuple[tuple[int, int], ...], code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


def _keep(ch: str) -> bool:
    if ch in _ASCII_KEPT:
        return True
    code = ord(ch)
    return code >= 0xA0 and _in(_UCSCHAR, code) and not _in(_INVISIBLE, code)


def _percent(ch: str) -> str:
    # surrogatepass: a lone surrogate still gets a deterministic encoding.
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def _kept_ranges() -> list[tuple[int, int]]:
    """Code point ranges ``_keep`` accepts, merged: ASCII unreserved and ucschar minus invisible."""
    kept = [(ord(ch), ord(ch)) for ch in sorted(_ASCII_KEPT)]
    for lo, hi in _UCSCHAR:
        start = lo
        for ilo, ihi in sorted(_INVISIBLE):
            if ihi < start or ilo > hi:
                continue
            if ilo > start:
                kept.append((start, ilo - 1))
            start = max(start, ihi + 1)
        if start <= hi:
            kept.append((start, hi))
    return kept


# Runs of characters iri_segment percent-encodes: the same choice as _keep,
# as one regex, so a long id costs one pass rather than a call per character.
_NOT_KEPT = re.compile("[^" + "".join(f"\\U{lo:08X}-\\U{hi:08X}" for lo, hi in _kept_ranges()) + "]+")


def _percent_run(match: re.Match[str]) -> str:
    # surrogatepass: a lone surrogate still gets a deterministic encoding.
    return "%" + match.group().encode("utf-8", "surrogatepass").hex("%").upper()


def iri_segment(text: str) -> str:
    """``text`` as one IRI path segment: readable (CJK stays), valid, injective.

    Unreserved ASCII and RFC 3987 ucschar characters stay as they are;
    everything else (spaces, quotes, ``<>{}|\\^`%/?#:``, controls, private-use
    and invisible characters) is percent-encoded in UTF-8. The segments
    ``.`` and ``..`` are encoded too, so no resolver rewrites them.
    """
    if text in (".", ".."):
        return "%2E" * len(text)
    return _NOT_KEPT.sub(_percent_run, text)


@lru_cache(maxsize=4096)
def iri_path(text: str) -> str:
    """``text`` as an IRI path: each '/'-separated part through ``iri_segment``."""
    return "/".join(iri_segment(part) for part in text.split("/"))


def entity_iri(entity_id: str) -> URIRef:
    """IRI of an entity: ``kgr:`` + its id, e.g. ``kgr:person/周鸿祎``."""
    return URIRef(KGR + iri_path(entity_id))


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{KGR}article/{iri_segment(article_id)}")


def article_graph_iri(article_id: str) -> URIRef:
    """Name of the article's named graph."""
    return URIRef(f"{article_iri(article_id)}/graph")


def context_iri(article_id: str) -> URIRef:
    """The article's whole original text as a ``nif:Context``."""
    return URIRef(f"{article_iri(article_id)}/text")


def sentence_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/sentence/{start}-{end}")


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/mention/{start}-{end}")


def normalize_role(role: str) -> str:
    """A role's canonical label: Simplified, without surrounding spaces (董事長 → 董事长)."""
    return to_simplified(role.strip())


def role_iri(role: str) -> URIRef:
    """One ``org:Role`` node per normalized role label, shared by all memberships."""
    return URIRef(f"{KGR}role/{iri_segment(normalize_role(role))}")


_FACT_NODE_KIND = {Predicate.MEMBERSHIP: "membership", Predicate.QUOTATION: "quotation"}


def fact_iri(fact: Fact) -> URIRef:
    """The fact's node: an org:Membership, a schema:Quotation or a kg:Assertion."""
    kind = _FACT_NODE_KIND.get(fact.predicate, "assertion")
    return URIRef(f"{KGR}{kind}/{fact.fact_id}")


def alias_iri(entity_id: str, alias: Alias) -> URIRef:
    return URIRef(f"{entity_iri(entity_id)}/alias/{stable_hash(alias.text, alias.reason)}")


# --- Literals --------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def name_literal(text: str) -> Literal:
    """A name: untagged when it has no Chinese character, else tagged with its script.

    ``"OpenAI"``, ``"周鸿祎"@zh-Hans``, ``"周鴻禕"@zh-Hant`` (a form that
    Traditional → Simplified conversion changes).
    """
    if not has_han(text):
        return Literal(text)
    return Literal(text, lang="zh-Hans" if to_simplified(text) == text else "zh-Hant")


def label_literal(text: str) -> Literal:
    """The canonical label (Simplified by contract): ``@zh-Hans`` when Chinese."""
    return Literal(text, lang="zh-Hans") if has_han(text) else Literal(text)


def text_literal(text: str, language: str | None) -> Literal:
    """Running text (headline, quotation): tagged with the article's script when Chinese."""
    return Literal(text, lang=language) if language and has_han(text) else Literal(text)


@lru_cache(maxsize=4096)
def confidence_literal(confidence: float) -> Literal:
    """``xsd:decimal`` rounded to three places, shortest form (0.9, not 0.900)."""
    if not math.isfinite(confidence):
        raise ValueError(f"confidence must be a finite number, not {confidence!r}")
    rounded = Decimal(repr(float(confidence))).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN)
    lexical = format(rounded, "f").rstrip("0")
    return Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=XSD.decimal)


# rdflib's namespaces build a new URIRef on each attribute access (and
# Literal() is slow): the terms of the writer's inner loops are made once.
_RDF_TYPE = RDF.type
_WAS_DERIVED_FROM = PROV.wasDerivedFrom


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


@lru_cache(maxsize=4096)
def _rule_literal(rule: str) -> Literal:
    return Literal(rule)


def _date_literal(text: str) -> Literal:
    """``xsd:date`` for an ISO date (YYYY-MM-DD), else the text as it was given."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            date.fromisoformat(text)
            return Literal(text, datatype=XSD.date)
        except ValueError:
            pass
    return Literal(text)


_URL_KEPT = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def web_iri(url: str) -> URIRef | None:
    """An http(s) URL as a valid IRI (odd characters percent-encoded), or None."""
    url = url.strip()
    if not re.match(r"https?://", url, re.IGNORECASE):
        return None
    candidate = "".join(ch if _URL_KEPT.fullmatch(ch) or _keep(ch) else _percent(ch) for ch in url)
    try:
        pyoxigraph.NamedNode(candidate)  # the strictest IRI parser we ship
    except ValueError:
        return None
    return URIRef(candidate)


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
    for alias in entity.aliases:
        if alias.text == entity.label:
            continue
        yield node, SKOS.altLabel, name_literal(alias.text)
        alias_node = alias_iri(entity.entity_id, alias)
        yield node, KG.alias, alias_node
        yield alias_node, _RDF_TYPE, SKOSXL.Label
        yield alias_node, SKOSXL.literalForm, name_literal(alias.text)
        yield alias_node, KG.aliasReason, Literal(alias.reason)
    yield node, KG.mentionCount, _integer(stats.mentions)
    yield node, KG.articleCount, _integer(stats.articles)
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
        yield node, SCHEMA.datePublished, _date_literal(meta.date)
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
    yield context, NIF.beginIndex, _integer(0)
    yield context, NIF.endIndex, _integer(len(article.text))
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
    yield node, NIF.beginIndex, _integer(start)
    yield node, NIF.endIndex, _integer(end)
    yield node, NIF.anchorOf, Literal(_span_text(article, start, end, ""))
    yield node, NIF.referenceContext, context_iri(fact.article_id)


def _mention_triples(mention: Mention, article: Article | None) -> Iterator[Triple]:
    node = mention_iri(mention.article_id, mention.start, mention.end)
    yield node, _RDF_TYPE, NIF.Phrase
    yield node, NIF.anchorOf, Literal(_span_text(article, mention.start, mention.end, mention.surface))
    yield node, NIF.beginIndex, _integer(mention.start)
    yield node, NIF.endIndex, _integer(mention.end)
    yield node, NIF.referenceContext, context_iri(mention.article_id)
    yield node, KG.extractionRule, _rule_literal(mention.rule)
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
        yield node, KG.extractionRule, _rule_literal(rule)
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


# --- Text and files ------------------------------------------------------------------------


def to_turtle(kg: KnowledgeGraph) -> str:
    """Turtle of the union of all graphs; the same graph always gives the same text."""
    return _turtle_text(iter_quads(kg), prefixes=PREFIXES, base=str(KGR))


def to_trig(kg: KnowledgeGraph) -> str:
    """TriG: the default graph, then one named graph per article, sorted."""
    return _trig_text(iter_quads(kg), prefixes=PREFIXES, base=str(KGR))


def to_nquads(kg: KnowledgeGraph) -> str:
    """N-Quads, one statement a line, sorted."""
    return _nquads_text(iter_quads(kg))


@contextmanager
def _atomic_file(path: Path) -> Iterator[IO[str]]:
    """A text stream whose file appears at ``path`` whole or not at all
    (``graph.core.atomic.atomic_file``), synced before the rename."""
    with atomic_file(Path(path)) as tmp:
        # A large buffer: the writers hand over one statement or block at a time.
        with tmp.open("x", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


# The writers stream: statements are sorted on disk beside the output
# (graph.rdf.sorted_runs), so a build of any size is written in bounded memory.


def write_rdf_files(
    kg: KnowledgeGraph, *, turtle: Path | None = None, trig: Path | None = None, nquads: Path | None = None
) -> None:
    """Any of ``graph.ttl``, ``graph.trig`` and ``graph.nq`` of a build, each
    atomically, from one pass over the statements (the same bytes as the three
    writers below)."""
    paths = [Path(path) for path in (turtle, trig, nquads) if path is not None]
    if not paths:
        return
    with ExitStack() as files:
        turtle_fh, trig_fh, nquads_fh = (
            files.enter_context(_atomic_file(Path(path))) if path is not None else None
            for path in (turtle, trig, nquads)
        )
        _write_rdf(
            iter_quads(kg),
            turtle=turtle_fh,
            trig=trig_fh,
            nquads=nquads_fh,
            prefixes=PREFIXES,
            base=str(KGR),
            workdir=paths[0].parent,
        )


def write_turtle(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``to_turtle(kg)`` to ``path`` atomically."""
    with _atomic_file(path) as fh:
        _write_turtle(fh, iter_quads(kg), prefixes=PREFIXES, base=str(KGR), workdir=Path(path).parent)


def write_trig(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``to_trig(kg)`` to ``path`` atomically."""
    with _atomic_file(path) as fh:
        _write_trig(fh, iter_quads(kg), prefixes=PREFIXES, base=str(KGR), workdir=Path(path).parent)


def write_nquads(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``to_nquads(kg)`` to ``path`` atomically."""
    with _atomic_file(path) as fh:
        _write_nquads(fh, iter_quads(kg), workdir=Path(path).parent)
