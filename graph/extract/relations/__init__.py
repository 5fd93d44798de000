"""Fact rules: memberships, creators, quotations, comparisons, locations.

Each rule reads one sentence of the Simplified text with its resolved
mentions and yields ``Fact`` records naming the rule and a confidence
(registered in ``graph/extract/rules.py``). One module per kind of fact:
``memberships``, ``creators`` (and comparisons), ``quotations``; what they
share is in ``context``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from graph.core.records import EntityType, Fact, Predicate
from graph.extract.relations.context import Located, RelationContext, Sentence, make_fact
from graph.extract.relations.creators import comparisons, creators
from graph.extract.relations.memberships import learned_memberships, memberships
from graph.extract.relations.quotations import quotations

__all__ = ["Located", "RelationContext", "Sentence", "extract_facts", "memberships"]


def extract_facts(ctx: RelationContext) -> list[Fact]:
    facts: list[Fact] = []
    last_person: Located | None = None
    for s in ctx.sentences:
        found = list(memberships(ctx, s))
        facts.extend(found)
        facts.extend(learned_memberships(ctx, s, {(f.subject_id, f.object_id) for f in found}))
        facts.extend(creators(ctx, s))
        facts.extend(comparisons(ctx, s))
        facts.extend(locations(ctx, s))
        facts.extend(quotations(ctx, s, last_person))
        persons = [m for m in s.mentions if m.entity_type is EntityType.PERSON]
        if persons:
            last_person = persons[-1]
    return _dedupe(facts)


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: dict[str, Fact] = {}
    for f in facts:
        if f.fact_id not in seen or seen[f.fact_id].confidence < f.confidence:
            seen[f.fact_id] = f
    return list(seen.values())


# --- locations ---------------------------------------------------------------

def locations(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """在PLACE的ORG, PLACE + ORG written together (位于 …)."""
    text = ctx.text
    mentions = s.mentions
    for place, org in pairwise(mentions):
        if place.entity_type is EntityType.PLACE and org.entity_type is EntityType.ORGANIZATION:
            gap = text[place.end : org.start]
            if gap == "的" and text[max(s.start, place.start - 1) : place.start] == "在":
                yield make_fact(ctx, s, Predicate.LOCATED_IN, org, place, "at-place-org", 0.7)

