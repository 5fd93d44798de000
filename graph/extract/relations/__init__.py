"""Fact rules: memberships, creators, quotations, comparisons, locations.

Each rule reads one sentence of the Simplified text with its resolved
mentions and yields ``Fact`` records naming the rule and a confidence
(registered in ``graph/extract/rules.py``). One module per kind of fact:
``memberships``, ``creators`` (and comparisons), ``quotations``; what they
share is in ``context``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import pairwise

from graph.core.records import EntityType, Fact, Predicate
from graph.extract.relations.context import Located, RelationContext, Sentence, make_fact, previous_sentence
from graph.extract.relations.creators import carried_subject, comparisons, creators, introduced_model, made_by
from graph.extract.relations.memberships import learned_memberships, memberships
from graph.extract.relations.quotations import quotations, quote_after_colon
from graph.text.chars import CJK

__all__ = ["Located", "RelationContext", "Sentence", "extract_facts", "memberships"]


def extract_facts(ctx: RelationContext) -> list[Fact]:
    facts: list[Fact] = []
    last_person: Located | None = None
    last_person_at = 0  # the index of the sentence that named it
    for i, s in enumerate(ctx.sentences):
        found = list(memberships(ctx, s))
        facts.extend(found)
        facts.extend(learned_memberships(ctx, s, {(f.subject_id, f.object_id) for f in found}))
        facts.extend(creators(ctx, s))
        facts.extend(made_by(ctx, s))
        facts.extend(carried_subject(ctx, s))
        facts.extend(introduced_model(ctx, s))
        facts.extend(comparisons(ctx, s))
        facts.extend(locations(ctx, s))
        facts.extend(quotations(ctx, s, last_person, i - last_person_at))
        facts.extend(quote_after_colon(ctx, s, _previous_with_words(ctx, s)))
        persons = [m for m in s.mentions if m.entity_type is EntityType.PERSON]
        if persons:
            last_person, last_person_at = persons[-1], i
    facts.extend(_parent_memberships(ctx, facts))
    return _dedupe(facts)


def _previous_with_words(ctx: RelationContext, s: Sentence) -> Sentence | None:
    """The sentence before ``s``, past the debris of images and links (no CJK) between them."""
    previous = previous_sentence(ctx, s)
    for _ in range(4):
        if previous is None or _HAS_CJK.search(ctx.text, previous.start, previous.end):
            return previous
        previous = previous_sentence(ctx, previous)
    return None


_HAS_CJK = re.compile(f"[{CJK}]")


# What ends a unit's name after its parent's: 商汤科技 + 数字文娱事业部.
_UNIT_NAME_END = re.compile(r".{0,12}?(?:事业部|事业群|部门|研究院|研究所|实验室|团队|中心|分公司|子公司|工作室|分院|部)")


def _parent_memberships(ctx: RelationContext, facts: Sequence[Fact]) -> Iterator[Fact]:
    """A post in a unit (商汤科技数字文娱事业部总经理) is a post in the organization
    whose name the unit's opens with, when the article names that organization too."""
    names: dict[str, Located] = {}  # the text of every organization mention, first one kept
    for s in ctx.sentences:
        for m in s.mentions:
            if m.entity_type is EntityType.ORGANIZATION:
                names.setdefault(ctx.text[m.start : m.end].strip(), m)
    text_of = {m.entity_id: name for name, m in reversed(names.items())}
    for f in facts:
        if f.predicate is not Predicate.MEMBERSHIP or f.object_id not in text_of:
            continue
        parent = _parent_of(text_of[f.object_id], names)
        if parent is not None and parent.entity_id != f.object_id:
            yield replace(f, object_id=parent.entity_id, evidence=(*f.evidence[:1], parent.mention),
                          rule="unit-member-of-parent", confidence=min(f.confidence, 0.7))


def _parent_of(unit: str, names: dict[str, Located]) -> Located | None:
    """The organization with the longest name that opens ``unit``'s, followed by a unit word."""
    for size in range(len(unit) - 2, 1, -1):
        parent = names.get(unit[:size].strip())
        if parent is not None and _UNIT_NAME_END.fullmatch(unit[size:].strip()):
            return parent
    return None


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

