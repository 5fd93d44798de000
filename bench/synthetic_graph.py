"""A large, news-shaped ``KnowledgeGraph`` without running extraction.

Extraction runs at a few thousand characters a second, so a graph of a
million triples would take hours to build from text. This module makes the
``ArticleResult`` records a build would make instead, with every kind of
mention and fact the RDF writer knows, located by character offsets in a
real article text:

- each article is a headline and 10–20 statements, each with seed sentences
  around it (the seeds' prose, names renamed by ``bench.corpus``), so
  ``nif:isString`` and ``nif:anchorOf`` literals have realistic lengths;
- statements: memberships (董事长, 原总裁 ...), makers of models,
  quotations (some about a model, often Sora), model comparisons,
  headquarters, and bare mentions;
- names come from ``bench.corpus.NamePools`` (skewed draws, so hubs exist),
  with a Traditional alias for a share of them; a quarter of the articles
  are labelled zh-Hant.

The same arguments give the same graph.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.corpus import NamePools, load_seed_articles
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import (
    Alias,
    Article,
    ArticleMeta,
    ArticleResult,
    Entity,
    EntityType,
    Fact,
    Mention,
    Predicate,
    TextSpan,
)
from graph.extract.resolve import entity_id_for
from graph.extract.text import name_key
from graph.text.script import to_traditional

DEFAULT_SEED = 2024
ROLES = ("董事长", "总裁", "首席执行官", "首席技术官", "创始人", "副总裁", "研究员", "总经理", "首席科学家", "院长", "教授")
SPEECH = ("表示", "认为", "指出", "坦言", "强调")
QUOTE_OPENINGS = ("我们相信", "从长期趋势看", "目前来看", "坦率地说", "在我看来")
QUOTE_CLAIMS = ("将改变整个行业", "在多模态能力上进步很快", "离真正落地还有距离", "需要更多高质量语料", "会带来新的应用场景")
# A model every query example asks about (queries/quotes_about_model.rq's default).
WELL_KNOWN_MODEL = "Sora"
TRADITIONAL_ALIAS_SHARE = 0.3
TRADITIONAL_ARTICLE_SHARE = 0.25
STATEMENTS_PER_ARTICLE = (10, 20)


@dataclass
class _Article:
    """One article being written: text so far, and what it mentions and states."""

    index: int
    language: str
    pieces: list[str] = field(default_factory=list)
    length: int = 0
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[tuple[int, int, Entity]] = field(default_factory=list)
    facts: list[tuple[Predicate, int, int, Entity, Entity | None, str | None, bool, str | None]] = field(
        default_factory=list
    )

    def write(self, text: str) -> int:
        start = self.length
        self.pieces.append(text)
        self.length += len(text)
        return start


class _Names:
    """Entities by kind, drawn from the corpus generator's skewed pools."""

    def __init__(self, rng: random.Random, articles: int) -> None:
        self.rng = rng
        self.pools = NamePools(rng, expected_articles=articles)
        self.cache: dict[tuple[EntityType, str], Entity] = {}

    def entity(self, kind: EntityType, label: str) -> Entity:
        key = (kind, label)
        if key not in self.cache:
            aliases: tuple[Alias, ...] = ()
            variant = to_traditional(label)
            if variant != label and self.rng.random() < TRADITIONAL_ALIAS_SHARE:
                aliases = (Alias(variant, "script-variant"),)
            self.cache[key] = Entity(entity_id_for(kind, name_key(label)), kind, label, aliases)
        return self.cache[key]

    def person(self) -> Entity:
        return self.entity(EntityType.PERSON, self.pools.people.draw(self.rng))

    def organization(self) -> Entity:
        return self.entity(EntityType.ORGANIZATION, self.pools.organizations.draw(self.rng))

    def place(self) -> Entity:
        return self.entity(EntityType.PLACE, self.pools.places.draw(self.rng))

    def model(self) -> Entity:
        if self.rng.random() < 0.05:
            return self.entity(EntityType.SOFTWARE, WELL_KNOWN_MODEL)
        if self.rng.random() < 0.5:
            return self.entity(EntityType.SOFTWARE, self.pools.latin_models.draw(self.rng))
        return self.entity(EntityType.SOFTWARE, self.pools.chinese_models.draw(self.rng) + "大模型")


def _filler(rng: random.Random) -> str:
    seeds = load_seed_articles()
    sentences = seeds[rng.randrange(len(seeds))].sentences
    # Only sentences without names: the graph must not claim mentions it has no record of.
    return next((s.text for s in rng.sample(sentences, k=min(8, len(sentences))) if not s.slots), "")


def _statement(article: _Article, names: _Names, rng: random.Random) -> None:
    """One sentence with its mentions and fact, written at the end of ``article``."""
    choice = rng.random()
    if choice < 0.35:
        person, org, role = names.person(), names.organization(), rng.choice(ROLES)
        former = rng.random() < 0.1
        parts = [(org, None), ("原" if former else "") + role, (person, None), "出席了发布会。"]
        _sentence(article, parts, Predicate.MEMBERSHIP, subject=person, obj=org, role=role, former=former)
    elif choice < 0.55:
        model, org = names.model(), names.organization()
        _sentence(article, [(org, None), rng.choice(("发布了", "推出了", "开源了")), (model, None), "。"],
                  Predicate.CREATOR, subject=model, obj=org)
    elif choice < 0.75:
        person = names.person()
        topic = names.model() if rng.random() < 0.6 else None
        claim = rng.choice(QUOTE_OPENINGS) + "，" + (topic.label if topic else "人工智能") + rng.choice(QUOTE_CLAIMS)
        parts: list = [(person, None), rng.choice(SPEECH) + "：“"]
        parts += [claim[: claim.index(topic.label)], (topic, None), claim[claim.index(topic.label) + len(topic.label):]] \
            if topic else [claim]
        parts.append("”。")
        _sentence(article, parts, Predicate.QUOTATION, subject=person, obj=None, text=claim)
    elif choice < 0.85:
        first, second = names.model(), names.model()
        if first != second:
            _sentence(article, [(first, None), rng.choice(("逼近", "比肩", "超过")), (second, None), "。"],
                      Predicate.COMPARED_WITH, subject=first, obj=second)
    elif choice < 0.95:
        org, place = names.organization(), names.place()
        _sentence(article, [(org, None), "总部位于", (place, None), "。"], Predicate.LOCATED_IN, subject=org, obj=place)
    else:
        _sentence(article, ["记者走访了", (names.organization(), None), "。"], None, subject=None, obj=None)


def _sentence(article: _Article, parts: list, predicate: Predicate | None, *, subject: Entity | None,
              obj: Entity | None, role: str | None = None, former: bool = False, text: str | None = None) -> None:
    start = article.length
    for part in parts:
        if isinstance(part, tuple):
            entity = part[0]
            at = article.write(entity.label)
            article.entities[entity.entity_id] = entity
            article.mentions.append((at, at + len(entity.label), entity))
        else:
            article.write(part)
    if predicate is not None and subject is not None:
        article.facts.append((predicate, start, article.length, subject, obj, role, former, text))


def _result(article: _Article, rng: random.Random) -> ArticleResult:
    text = "".join(article.pieces)
    headline = text.split("\n", 1)[0]
    if article.language == "zh-Hant":
        text = to_traditional(text)  # same length: offsets stay valid
    article_id = Article.id_for(text)
    record = Article(article_id, f"synthetic/{article.index:06d}.txt", text, "utf-8",
                     ArticleMeta(headline=headline, date=f"2024-{1 + article.index % 12:02d}-{1 + article.index % 28:02d}"))
    mentions = {}
    for start, end, entity in article.mentions:
        mentions[start] = Mention(article_id, start, end, text[start:end], entity.entity_type, "synthetic",
                                  entity.entity_id)
    facts = []
    for predicate, start, end, subject, obj, role, former, quote in article.facts:
        evidence = tuple(m for m in mentions.values() if start <= m.start and m.end <= end
                         and m.entity_id in {subject.entity_id, obj.entity_id if obj else None})
        facts.append(Fact(predicate, subject.entity_id, obj.entity_id if obj else None, article_id,
                          TextSpan(start, end), evidence, f"synthetic-{predicate.value}",
                          round(rng.uniform(0.5, 1.0), 2), role=role, former=former,
                          text=text[text.index("“", start) + 1: text.index("”", start)] if quote else None))
    return ArticleResult(record, article.language, tuple(article.entities.values()), tuple(mentions.values()),
                         tuple(facts))


def synthetic_results(articles: int, *, seed: int = DEFAULT_SEED) -> Iterator[ArticleResult]:
    """``articles`` extraction results of generated news articles."""
    rng = random.Random(seed)
    names = _Names(rng, articles)
    for index in range(articles):
        language = "zh-Hant" if rng.random() < TRADITIONAL_ARTICLE_SHARE else "zh-Hans"
        article = _Article(index, language)
        article.write(f"人工智能产业观察第{index}期\n")
        for _ in range(rng.randint(*STATEMENTS_PER_ARTICLE)):
            article.write(_filler(rng))
            _statement(article, names, rng)
        yield _result(article, rng)


def synthetic_graph(articles: int, *, seed: int = DEFAULT_SEED) -> KnowledgeGraph:
    """The merged graph of ``synthetic_results(articles, seed=seed)``."""
    return KnowledgeGraph.from_results(synthetic_results(articles, seed=seed))
