"""The data behind graph.html's legend, side panel, search, tooltips and filters, from a KnowledgeGraph.

Plain JSON-ready values, sorted, so the page is the same bytes for the same
graph. Display names of types, relations and properties come from the
ontology (``graph.rdf.vocab``); article text is carried as it is and escaped
only when the page is written (``graph.outputs.view.page.script_json``).

Besides the facts, the page gets what the articles say by their mere
co-occurrence: which articles mention each entity (for the date filter) and
how many articles mention two entities together (``co_mentions``, drawn as
optional dashed edges).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import Any

import opencc
from rdflib.namespace import ORG

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Article, Entity, EntityType, Fact, Predicate, stable_hash
from graph.ingest.cleaning import clean
from graph.ingest.debris import iter_lines
from graph.ingest.metadata import find_bylines
from graph.rdf.vocab import KG, label_of, predicate_label, type_label
from graph.text.script import to_simplified

FALLBACK_COLOUR = "#9aa5b1"
# An article without a headline is named by its first line, cut to this many characters.
TITLE_MAX = 80
# Only the start of a long text is cleaned to find that line.
FIRST_LINE_SCAN = 2_000  # about half a millisecond an article
# Co-mention pairs the page carries at most: those in the most articles, whole
# count classes only (the page's slider then never hides a missing pair).
CO_MENTION_LIMIT = 5000
# Pair counts computed at most (the sum over articles of k·(k-1)/2 for k
# counted entities); beyond it, entities in few articles are left out of the count.
CO_MENTION_WORK = 2_000_000


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
            words={
                **{name: label_of(KG[name], "zh-Hans") for name in ("alias", "articleCount", "confidence", "former")},
                "role": label_of(ORG.Role, "zh-Hans"),
            },
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
    counts: Counter[Any], colours: dict[Any, str], names: dict[Any, dict[str, str]], fallback: str = FALLBACK_COLOUR
) -> list[dict[str, Any]]:
    """Legend rows (also the filters) for the types or relations present, with their counts."""
    return [
        {"key": key.value, "color": colours.get(key, fallback), "count": counts[key], **names[key]}
        for key in sorted(counts, key=lambda k: k.value)
    ]


def first_line(article: Article, *, limit: int = TITLE_MAX) -> str | None:
    """The first line of the article's cleaned text that is not a byline, cut to ``limit`` characters.

    Cleaned as the extractor cleans it (``graph.ingest.cleaning``): no markup,
    header fields or pinyin glosses; a byline such as ``文|罗曾`` is skipped.

    >>> first_line(Article("a", "a.txt", "文|罗曾\\n大模型将改变产业形态。\\n", "utf-8"))
    '大模型将改变产业形态。'
    """
    text = article.text[:FIRST_LINE_SCAN]
    kept = clean(Article(article.article_id, article.source, text, article.encoding, article.meta)).text.text
    simplified = to_simplified(kept)  # the same length: offsets agree
    line_starts = [start for start, _ in iter_lines(simplified)]
    byline_lines = {simplified.rfind("\n", 0, b.start) + 1 for b in find_bylines(simplified, line_starts)}
    for start, end in iter_lines(kept):
        line = kept[start:end].strip()
        if line and start not in byline_lines:
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return None


def article_title(article: Article) -> str:
    """How the page names an article: its headline, else its first line, else its source."""
    return article.meta.headline or first_line(article) or article.source


def article_record(article: Article, title: str | None = None) -> dict[str, Any]:
    """What the panel says of an article: its title (``article_title``), source, publisher and date."""
    meta = article.meta
    return {
        "title": article_title(article) if title is None else title,
        "source": article.source,
        "publisher": meta.publisher,
        "date": meta.date,
    }


def article_dates(articles: Iterable[Article]) -> list[str]:
    """The distinct dates of the dated articles, in order: the stops of the page's date slider."""
    return sorted({a.meta.date for a in articles if a.meta.date})


def articles_of_entities(kg: KnowledgeGraph, articles: list[Article]) -> dict[str, list[int]]:
    """Entity id → indexes in ``articles`` of the articles that mention it, sorted."""
    index = {a.article_id: i for i, a in enumerate(articles)}
    return {
        entity_id: sorted(index[a] for a in article_ids if a in index)
        for entity_id, article_ids in kg.articles_mentioning().items()
        if entity_id in kg.entities
    }


def entity_records(
    kg: KnowledgeGraph, facts: list[Fact], mentioned_in: dict[str, int], article_indexes: dict[str, list[int]]
) -> dict[str, Any]:
    """Entity id → label, type, aliases, article count, the articles that mention it
    (indexes, ``in``) and the indexes of its facts in ``facts``."""
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
            "in": article_indexes.get(e.entity_id, []),
            "facts": facts_of.get(e.entity_id, []),
        }
        for e in kg.sorted_entities()
    }


@dataclass(frozen=True)
class CoMentions:
    """Pairs of entities mentioned in the same articles.

    ``pairs`` holds ``(a, b, articles)``: two entity indexes (``a < b``) and
    the sorted indexes of the articles that mention both. Every pair in at
    least ``floor`` articles is there, and no other.
    """

    floor: int
    pairs: list[tuple[int, int, tuple[int, ...]]]

    def to_json(self) -> dict[str, Any]:
        return {"min": self.floor, "pairs": [[a, b, list(arts)] for a, b, arts in self.pairs]}


def co_mentions(
    articles_of: Sequence[Sequence[int]], *, limit: int = CO_MENTION_LIMIT, work: int = CO_MENTION_WORK
) -> CoMentions:
    """The pairs of entities mentioned together in the most articles.

    ``articles_of[e]`` lists the articles that mention entity ``e``. At most
    ``limit`` pairs are kept, by whole classes of count: all pairs in at
    least ``floor`` articles, ``floor`` as small as that allows (never below 1).
    To bound time and memory, a pair in fewer than ``t`` articles is not
    counted when the pairs of entities in ``t`` or more articles make more
    than ``work`` counts; ``floor`` is then at least ``t``.

    >>> co_mentions([[0, 1], [0, 1, 2], [2]])
    CoMentions(floor=1, pairs=[(0, 1, (0, 1)), (1, 2, (2,))])
    >>> co_mentions([[0, 1], [0, 1, 2], [2]], limit=1).pairs
    [(0, 1, (0, 1))]
    """
    spread = [len(set(arts)) for arts in articles_of]
    entities_in: dict[int, list[int]] = defaultdict(list)
    for entity, arts in enumerate(articles_of):
        for article in sorted(set(arts)):
            entities_in[article].append(entity)

    def cost(least: int) -> int:
        sizes = (sum(1 for e in members if spread[e] >= least) for members in entities_in.values())
        return sum(k * (k - 1) // 2 for k in sizes)

    # A pair in `least` articles needs both entities in that many: the smallest
    # `least` within the work (the cost falls as `least` grows), by bisection.
    least, above = 1, max(spread, default=0) + 1
    while least < above:
        middle = (least + above) // 2
        if cost(middle) > work:
            least = middle + 1
        else:
            above = middle
    members_of = {
        article: [e for e in members if spread[e] >= least] for article, members in sorted(entities_in.items())
    }
    counts: Counter[tuple[int, int]] = Counter()
    for members in members_of.values():
        counts.update(combinations(members, 2))  # members are in index order: a < b
    by_count = Counter(n for n in counts.values() if n >= least)
    floor, kept = max(by_count, default=0) + 1, 0
    for count in sorted(by_count, reverse=True):
        if kept + by_count[count] > limit:
            break
        kept += by_count[count]
        floor = count
    floor = max(floor, least)
    # The articles of the kept pairs only: a second pass over the entities that are in one.
    in_pairs = {e for pair, n in counts.items() if n >= floor for e in pair}
    together: dict[tuple[int, int], list[int]] = defaultdict(list)
    for article, members in members_of.items():
        for pair in combinations([e for e in members if e in in_pairs], 2):
            if counts[pair] >= floor:
                together[pair].append(article)
    pairs = [(a, b, tuple(arts)) for (a, b), arts in sorted(together.items())]
    return CoMentions(floor, pairs)


def top_roles(
    facts: Iterable[Fact], entities: dict[str, Entity], terms: Terms, *, limit: int = 3
) -> dict[str, list[str]]:
    """Person id → the roles reported most, ``董事长（百度）`` (曾任 when past), in the most articles first."""
    articles: dict[str, dict[tuple[str, bool, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for fact in facts:
        if fact.predicate is Predicate.MEMBERSHIP and fact.subject_id in entities and fact.object_id in entities:
            articles[fact.subject_id][(fact.role or "", fact.former, fact.object_id)].add(fact.article_id)
    roles = {}
    for person, found in articles.items():
        shown = []
        for role, former, org_id in sorted(found, key=lambda key: (-len(found[key]), key))[:limit]:
            role_text = f"{terms.words['former']}{role}" if former and role else role
            label = entities[org_id].label
            shown.append(f"{role_text}（{label}）" if role_text else label)
        roles[person] = shown
    return roles


def makers(facts: Iterable[Fact], entities: dict[str, Entity], *, limit: int = 3) -> dict[str, list[str]]:
    """Model id → the names of who made it (creator facts), in the most articles first."""
    articles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for fact in facts:
        if fact.predicate is Predicate.CREATOR and fact.subject_id in entities and fact.object_id in entities:
            articles[fact.subject_id][fact.object_id].add(fact.article_id)
    return {
        model: [entities[m].label for m in sorted(found, key=lambda m: (-len(found[m]), m))[:limit]]
        for model, found in articles.items()
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
