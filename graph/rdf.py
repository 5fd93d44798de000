"""The graph model as RDF, following docs/rdf-profile.md.

Entities live in the default graph; each article's facts, mentions and
sentences live in a named graph of their own (TriG / N-Quads), and the
Turtle file is the union. Every IRI is derived from ids and hashes, never
from input order, so builds of different batches merge by plain union.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

from graph.knowledge import KnowledgeGraph
from graph.model import Entity, EntityType, Fact, Mention, Predicate, stable_hash
from graph.script import to_simplified
from graph.vocab import DIRECT_PROPERTY, ITSRDF, KG, KGR, LEX, NIF, ORG, PROV, SCHEMA, SKOS, TYPE_IRI

# Characters that may stand in an IRI as they are (RFC 3987 iunreserved plus '/').
_BIDI_AND_CONTROLS = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF}


def _iri_segment(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if (ch.isascii() and (ch.isalnum() or ch in "-._~/")) or (
            code > 0x7F and ch.isprintable() and not ch.isspace() and code not in _BIDI_AND_CONTROLS
            and not 0xE000 <= code <= 0xF8FF
        ):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def entity_iri(entity_id: str) -> URIRef:
    return URIRef(KGR + _iri_segment(entity_id))


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{KGR}article/{article_id}")


def article_graph_iri(article_id: str) -> URIRef:
    return URIRef(f"{KGR}article/{article_id}/graph")


def context_iri(article_id: str) -> URIRef:
    return URIRef(f"{KGR}article/{article_id}/text")


def sentence_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{KGR}article/{article_id}/text#char={start},{end}")


def mention_iri(m: Mention) -> URIRef:
    return URIRef(f"{KGR}mention/{m.article_id}/{m.start}-{m.end}")


def role_iri(role: str) -> URIRef:
    return URIRef(f"{KGR}role/{_iri_segment(role)}")


def fact_iri(fact: Fact) -> URIRef:
    return URIRef(f"{KGR}{fact.predicate.value.lower()}/{fact.fact_id}")


def lang_literal(text: str) -> Literal:
    """Chinese names tagged with their script; Latin names untagged."""
    if not any("\u3400" <= ch <= "\u9fff" for ch in text):
        return Literal(text)
    return Literal(text, lang="zh-Hans" if to_simplified(text) == text else "zh-Hant")


def _entity_triples(entity: Entity, article_count: int) -> Iterator[tuple]:
    node = entity_iri(entity.entity_id)
    yield node, RDF.type, TYPE_IRI[entity.entity_type]
    if entity.entity_type is EntityType.SOFTWARE and entity.lexicon_id and entity.lexicon_id != "google-assistant":
        pass
    label = lang_literal(entity.label)
    yield node, RDFS.label, label
    yield node, SKOS.prefLabel, label
    yield node, KG.articleCount, Literal(article_count)
    if entity.lexicon_id:
        yield node, KG.lexiconEntry, LEX[entity.lexicon_id]
    if entity.parent_id:
        yield node, ORG.subOrganizationOf, entity_iri(entity.parent_id)
    seen = set()
    for alias in entity.aliases:
        if alias.text == entity.label or alias.text in seen:
            continue
        seen.add(alias.text)
        yield node, SKOS.altLabel, lang_literal(alias.text)
        note = URIRef(f"{node}/alias/{stable_hash(alias.text)}")
        yield node, KG.alias, note
        yield note, RDF.type, KG.AliasNote
        yield note, KG.aliasText, Literal(alias.text)
        yield note, KG.aliasReason, Literal(alias.reason)


def _mention_triples(m: Mention) -> Iterator[tuple]:
    node = mention_iri(m)
    yield node, RDF.type, NIF.Phrase
    yield node, NIF.anchorOf, Literal(m.surface)
    yield node, NIF.beginIndex, Literal(m.start, datatype=XSD.nonNegativeInteger)
    yield node, NIF.endIndex, Literal(m.end, datatype=XSD.nonNegativeInteger)
    yield node, NIF.referenceContext, context_iri(m.article_id)
    yield node, KG.extractionRule, Literal(m.rule)
    if m.entity_id:
        yield node, ITSRDF.taIdentRef, entity_iri(m.entity_id)


def _fact_triples(fact: Fact, article_text: str) -> Iterator[tuple]:
    node = fact_iri(fact)
    subject = entity_iri(fact.subject_id)
    obj = entity_iri(fact.object_id) if fact.object_id else None
    if fact.predicate is Predicate.MEMBERSHIP and obj is not None:
        yield node, RDF.type, ORG.Membership
        yield node, ORG.member, subject
        yield node, ORG.organization, obj
        if fact.role:
            role = role_iri(fact.role)
            yield node, ORG.role, role
            yield role, RDF.type, ORG.Role
            yield role, RDFS.label, Literal(fact.role, lang="zh-Hans")
        yield node, KG.former, Literal(fact.former)
        yield subject, ORG.memberOf, obj
    elif fact.predicate is Predicate.QUOTATION:
        yield node, RDF.type, SCHEMA.Quotation
        yield node, SCHEMA.creator, subject
        yield node, SCHEMA.text, Literal(fact.text or "")
        yield node, SCHEMA.isPartOf, article_iri(fact.article_id)
    elif obj is not None:
        prop = DIRECT_PROPERTY[fact.predicate]
        yield subject, prop, obj
        yield node, RDF.type, KG.Assertion
        yield node, RDF.subject, subject
        yield node, RDF.predicate, prop
        yield node, RDF.object, obj
    yield node, KG.confidence, Literal(Decimal(str(round(fact.confidence, 3))), datatype=XSD.decimal)
    yield node, KG.extractionRule, Literal(fact.rule)
    sentence = sentence_iri(fact.article_id, fact.sentence.start, fact.sentence.end)
    yield node, PROV.wasDerivedFrom, sentence
    yield sentence, RDF.type, NIF.Sentence
    yield sentence, NIF.beginIndex, Literal(fact.sentence.start, datatype=XSD.nonNegativeInteger)
    yield sentence, NIF.endIndex, Literal(fact.sentence.end, datatype=XSD.nonNegativeInteger)
    yield sentence, NIF.anchorOf, Literal(article_text[fact.sentence.start : fact.sentence.end])
    yield sentence, NIF.referenceContext, context_iri(fact.article_id)
    for m in fact.evidence:
        yield node, PROV.wasDerivedFrom, mention_iri(m)
        yield from _mention_triples(m)


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """The whole graph: entities in the default graph, one named graph per article."""
    ds = Dataset()
    for prefix, ns in (("schema", SCHEMA), ("org", ORG), ("skos", SKOS), ("prov", PROV), ("nif", NIF),
                       ("itsrdf", ITSRDF), ("kg", KG._NS), ("kgr", KGR), ("lex", LEX)):
        ds.bind(prefix, ns)
    default = ds.default_graph
    counts = kg.articles_mentioning()
    for entity in kg.sorted_entities():
        for triple in _entity_triples(entity, len(counts.get(entity.entity_id, ()))):
            default.add(triple)
    facts_by_article: dict[str, list[Fact]] = {}
    for fact in kg.sorted_facts():
        facts_by_article.setdefault(fact.article_id, []).append(fact)
    mentions_by_article: dict[str, list[Mention]] = {}
    for m in kg.sorted_mentions():
        mentions_by_article.setdefault(m.article_id, []).append(m)
    for article in kg.sorted_articles():
        g = ds.graph(article_graph_iri(article.article_id))
        for triple in _article_triples(kg, article.article_id):
            g.add(triple)
        for m in mentions_by_article.get(article.article_id, []):
            for triple in _mention_triples(m):
                g.add(triple)
        for fact in facts_by_article.get(article.article_id, []):
            for triple in _fact_triples(fact, article.text):
                g.add(triple)
    return ds


def _article_triples(kg: KnowledgeGraph, article_id: str) -> Iterator[tuple]:
    article = kg.articles[article_id]
    node = article_iri(article_id)
    meta = article.meta
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, SCHEMA.inLanguage, Literal(kg.languages.get(article_id, "zh-Hans"))
    yield node, KG.sourceFile, Literal(article.source)
    if meta.headline:
        yield node, SCHEMA.headline, lang_literal(meta.headline)
    if meta.url:
        yield node, SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI)
    if meta.date:
        yield node, SCHEMA.datePublished, Literal(meta.date, datatype=XSD.date)
    if meta.publisher:
        yield node, SCHEMA.publisher, lang_literal(meta.publisher)
    for author in meta.authors:
        yield node, SCHEMA.author, lang_literal(author)
    for entity_id in sorted({m.entity_id for m in kg.mentions if m.article_id == article_id and m.entity_id}):
        yield node, SCHEMA.mentions, entity_iri(entity_id)
    context = context_iri(article_id)
    yield context, RDF.type, NIF.Context
    yield context, NIF.isString, Literal(article.text)
    yield context, NIF.sourceUrl, node


def _union(ds: Dataset) -> Graph:
    union = Graph()
    for prefix, ns in ds.namespaces():
        union.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sorted_lines(data: str) -> bytes:
    lines = sorted({line for line in data.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_turtle(kg: KnowledgeGraph, path: Path) -> None:
    _atomic_write(path, _union(to_dataset(kg)).serialize(format="turtle").encode("utf-8"))


def write_trig(kg: KnowledgeGraph, path: Path) -> None:
    """TriG with the default graph first, then each article's graph, sorted by
    IRI: rdflib's own TriG writer orders graphs differently run to run."""
    ds = to_dataset(kg)
    blocks = []
    for graph in sorted(ds.graphs(), key=lambda g: "" if g.identifier == ds.default_graph.identifier else str(g.identifier)):
        if len(graph) == 0:
            continue
        body = _sorted_lines(graph.serialize(format="nt")).decode("utf-8")
        if graph.identifier == ds.default_graph.identifier:
            blocks.append(body)
        else:
            blocks.append(f"<{graph.identifier}> {{\n{body}}}\n")
    _atomic_write(path, "\n".join(blocks).encode("utf-8"))


def write_nquads(kg: KnowledgeGraph, path: Path) -> None:
    # N-Quads has no order of its own: sorted lines make it byte-stable.
    _atomic_write(path, _sorted_lines(to_dataset(kg).serialize(format="nquads")))
