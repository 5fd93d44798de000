"""The data behind graph.html's legend, side panel and search, from a KnowledgeGraph.

Plain JSON-ready values, sorted, so the page is the same bytes for the same
graph. Display names of types, relations and properties come from the
ontology (``graph.rdf.vocab``); article text is carried as it is and escaped
only when the page is written (``graph.outputs.view.page.script_json``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import opencc

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Article, Entity, EntityType, Fact, Predicate, stable_hash
from graph.rdf.vocab import KG, label_of, predicate_label, type_label

FALLBACK_COLOUR = "#9aa5b1"


@dataclass(frozen=True)
class EdgeGroup:
    """Facts that state the same relation between the same two entities."""

    subject_id: str
    predicate: Predicate
    object_id: str
    role: str | None
    former: bool
    fact_indexes: tuple[int, ...]

    @property
    def edge_id(self) -> str:
        return "e" + stable_hash(self.subject_id, self.predicate, self.object_id, self.role or "", str(self.former))


@dataclass(frozen=True)
class Terms:
    """Display names from the ontology (graph.rdf.vocab), read once per page."""

    types: dict[EntityType, dict[str, str]]  # {"zh": ..., "en": ...}
    predicates: dict[Predicate, dict[str, str]]
    words: dict[str, str]  # labels of ontology properties the page shows, e.g. "confidence" → "置信度"

    @classmethod
    def from_ontology(cls) -> Terms:
        """Chinese and English names of every type and relation, Chinese labels of the shown properties."""
        return cls(
            types={t: {"zh": type_label(t, "zh-Hans"), "en": type_label(t, "en")} for t in EntityType},
            predicates={p: {"zh": predicate_label(p, "zh-Hans"), "en": predicate_label(p, "en")} for p in Predicate},
            words={name: label_of(KG[name], "zh-Hans") for name in ("alias", "articleCount", "confidence", "former")},
        )


def unique_facts(facts: Iterable[Fact]) -> list[Fact]:
    # The same article added twice must not double every fact.
    seen: set[str] = set()
    unique = []
    for fact in facts:
        if fact.fact_id not in seen:
            seen.add(fact.fact_id)
            unique.append(fact)
    return unique


def edge_groups(facts: list[Fact], entities: dict[str, Entity]) -> list[EdgeGroup]:
    """One edge per (subject, relation, object, role, former); quotations make no edge."""
    grouped: dict[tuple[str, Predicate, str, str | None, bool], list[int]] = defaultdict(list)
    for i, fact in enumerate(facts):
        if fact.object_id is None or fact.subject_id not in entities or fact.object_id not in entities:
            continue
        grouped[(fact.subject_id, fact.predicate, fact.object_id, fact.role, fact.former)].append(i)
    groups = [EdgeGroup(s, p, o, role, former, tuple(ix)) for (s, p, o, role, former), ix in grouped.items()]
    return sorted(groups, key=lambda g: g.edge_id)


def legend(
    counts: Counter, colours: dict[Any, str], names: dict[Any, dict[str, str]], fallback: str = FALLBACK_COLOUR
) -> list[dict[str, Any]]:
    """Legend rows (also the filters) for the types or relations present, with their counts."""
    return [
        {"key": key.value, "color": colours.get(key, fallback), "count": counts[key], **names[key]}
        for key in sorted(counts, key=lambda k: k.value)
    ]


def article_record(article: Article) -> dict[str, Any]:
    """What the panel says of an article: its headline (else its source), publisher and date."""
    meta = article.meta
    return {
        "title": meta.headline or article.source,
        "source": article.source,
        "publisher": meta.publisher,
        "date": meta.date,
    }


def entity_records(kg: KnowledgeGraph, facts: list[Fact], mentioned_in: dict[str, int]) -> dict[str, Any]:
    """Entity id → label, type, aliases, article count and the indexes of its facts in ``facts``."""
    facts_of: dict[str, list[int]] = defaultdict(list)
    for i, fact in enumerate(facts):
        for entity_id in dict.fromkeys((fact.subject_id, fact.object_id)):
            if entity_id is not None:
                facts_of[entity_id].append(i)
    return {
        e.entity_id: {
            "label": e.label,
            "type": e.entity_type.value,
            "aliases": [[a.text, a.reason] for a in e.aliases],
            "traditional": traditional_form(e),
            "articles": mentioned_in.get(e.entity_id, 0),
            "facts": facts_of.get(e.entity_id, []),
        }
        for e in kg.sorted_entities()
    }


def sentence_text(kg: KnowledgeGraph, fact: Fact) -> str:
    """The sentence a fact came from, cut from its article's original text."""
    return kg.articles[fact.article_id].text[fact.sentence.start : fact.sentence.end].strip()


def fact_records(kg: KnowledgeGraph, facts: list[Fact], articles: list[Article]) -> list[dict[str, Any]]:
    """Each fact with its sentence, confidence and the index of its article in ``articles``."""
    article_index = {a.article_id: i for i, a in enumerate(articles)}
    return [
        {
            "predicate": fact.predicate.value,
            "subject": fact.subject_id,
            "object": fact.object_id,
            "role": fact.role,
            "former": fact.former,
            "text": fact.text,
            "sentence": sentence_text(kg, fact),
            "article": article_index[fact.article_id],
            "confidence": fact.confidence,
        }
        for fact in facts
    ]


@cache
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def traditional_form(entity: Entity) -> str | None:
    """The label in Traditional script, when it differs and no alias already gives it."""
    form = _converters()[1].convert(entity.label)
    return None if form == entity.label or form in {a.text for a in entity.aliases} else form


def search_keys(entity: Entity) -> list[str]:
    """Every name of the entity in both scripts, lower-cased: the page matches typed text against these."""
    to_simplified, to_traditional = _converters()
    names = {entity.label, *(a.text for a in entity.aliases)}
    keys = {form.lower() for n in names for form in (n, to_simplified.convert(n), to_traditional.convert(n))}
    return sorted(k for k in keys if k.strip())
