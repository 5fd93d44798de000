"""The one in-memory graph model that every export reads.

Articles are merged by plain union: entity ids are deterministic, so the
same entity met in two articles (or two batches) lands on one node whatever
the order the articles were read in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from graph.core.records import Alias, Article, ArticleResult, Entity, Fact, Mention


def _merge_entities(old: Entity, new: Entity) -> Entity:
    """Union of two records of one entity, independent of argument order."""
    aliases = {(a.text, a.reason): a for a in (*old.aliases, *new.aliases)}
    merged_aliases = tuple(aliases[k] for k in sorted(aliases))
    names = {a.text for a in merged_aliases}
    # The label must not depend on which article came first: keep the
    # smallest label, by length then code points, among the candidates.
    label = min((old.label, new.label), key=lambda s: (len(s), s))
    for candidate in (old.label, new.label):
        if candidate != label:
            names.add(candidate)
    merged_aliases = tuple(a for a in merged_aliases if a.text != label)
    extra = sorted(n for n in names if n != label and n not in {a.text for a in merged_aliases})
    merged_aliases += tuple(Alias(n, "label-variant") for n in extra)
    return replace(
        old,
        label=label,
        aliases=tuple(sorted(merged_aliases, key=lambda a: (a.text, a.reason))),
        parent_id=min(filter(None, (old.parent_id, new.parent_id)), default=None),
        lexicon_id=min(filter(None, (old.lexicon_id, new.lexicon_id)), default=None),
    )


@dataclass
class KnowledgeGraph:
    """Articles, entities, mentions and facts of a whole build."""

    articles: dict[str, Article] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @classmethod
    def from_results(cls, results: Iterable[ArticleResult]) -> KnowledgeGraph:
        kg = cls()
        for result in results:
            kg.add(result)
        return kg

    def add(self, result: ArticleResult) -> None:
        article = result.article
        self.articles[article.article_id] = article
        self.languages[article.article_id] = result.language
        for entity in result.entities:
            known = self.entities.get(entity.entity_id)
            self.entities[entity.entity_id] = entity if known is None else _merge_entities(known, entity)
        self.mentions.extend(result.mentions)
        self.facts.extend(result.facts)

    def sorted_articles(self) -> list[Article]:
        return [self.articles[k] for k in sorted(self.articles)]

    def sorted_entities(self) -> list[Entity]:
        return [self.entities[k] for k in sorted(self.entities)]

    def sorted_facts(self) -> list[Fact]:
        return sorted(self.facts, key=lambda f: (f.article_id, f.sentence.start, f.fact_id))

    def sorted_mentions(self) -> list[Mention]:
        return sorted(self.mentions, key=lambda m: (m.article_id, m.start, m.end, m.entity_id or ""))

    def articles_mentioning(self) -> dict[str, set[str]]:
        """Entity id → ids of the articles that mention it."""
        seen: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            if m.entity_id:
                seen[m.entity_id].add(m.article_id)
        return seen

    def restricted_to(self, entity_ids: Iterable[str]) -> KnowledgeGraph:
        """The part of the graph about ``entity_ids``: those entities, their
        mentions, the facts between them (and their quotations), and the
        articles these come from."""
        keep = set(entity_ids) & set(self.entities)
        facts = [f for f in self.facts if f.subject_id in keep and (f.object_id is None or f.object_id in keep)]
        mentions = [m for m in self.mentions if m.entity_id in keep]
        article_ids = {f.article_id for f in facts} | {m.article_id for m in mentions}
        return KnowledgeGraph(
            articles={k: a for k, a in self.articles.items() if k in article_ids},
            languages={k: v for k, v in self.languages.items() if k in article_ids},
            entities={k: e for k, e in self.entities.items() if k in keep},
            mentions=mentions,
            facts=facts,
        )

    def facts_of(self, entity_id: str) -> Iterator[Fact]:
        for fact in self.sorted_facts():
            if entity_id in (fact.subject_id, fact.object_id):
                yield fact
