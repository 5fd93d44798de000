"""What the fact rules read and how they make a fact: a sentence of the
Simplified text with its resolved mentions, and ``make_fact``."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import TypedDict, Unpack

from graph.core.records import EntityType, Fact, Mention, Predicate, TextSpan
from graph.text.chars import CJK


@dataclass(frozen=True)
class Located:
    """A resolved mention with its offsets in the Simplified text."""

    start: int
    end: int
    mention: Mention

    @property
    def entity_type(self) -> EntityType:
        return self.mention.entity_type

    @property
    def entity_id(self) -> str:
        assert self.mention.entity_id is not None
        return self.mention.entity_id


@dataclass(frozen=True)
class Sentence:
    """One sentence: its Simplified text span, original span and mentions."""

    start: int
    end: int
    original: TextSpan
    mentions: tuple[Located, ...]


@dataclass(frozen=True)
class RelationContext:
    article_id: str
    text: str  # Simplified, cleaned: what the rules read
    sentences: tuple[Sentence, ...]
    script_text: str = ""  # the same text in the article's own script (same length): what quotes quote

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def quoted(self, start: int, end: int) -> str:
        return (self.script_text or self.text)[start:end]


class _FactDetails(TypedDict, total=False):
    """The optional fields of a ``Fact`` that a rule may fill in."""

    role: str | None
    former: bool
    text: str | None


def make_fact(ctx: RelationContext, s: Sentence, predicate: Predicate, subject: Located, obj: Located | None,
          rule: str, confidence: float, **extra: Unpack[_FactDetails]) -> Fact:
    evidence = tuple(x.mention for x in (subject, obj) if x is not None)
    return Fact(
        predicate=predicate,
        subject_id=subject.entity_id,
        object_id=obj.entity_id if obj is not None else None,
        article_id=ctx.article_id,
        sentence=s.original,
        evidence=evidence,
        rule=rule,
        confidence=confidence,
        **extra,
    )


def skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in " 　":
        i += 1
    return i


# A clause ends at punctuation, or at a space between Chinese words (headlines).
# Not after a number: GeekPark writes dates with spaces (在 1 月时推出).
_CLAUSE_BREAK = re.compile(rf"[，,。；;！？!?]|(?<=[{CJK}A-Za-z])[ 　]+(?=[{CJK}])")


def clause_end(text: str, i: int, limit: int) -> int:
    match = _CLAUSE_BREAK.search(text, i, limit)
    return match.start() if match else limit


def previous_sentence(ctx: RelationContext, s: Sentence) -> Sentence | None:
    """The sentence before ``s`` in the article, or None for the first."""
    i = bisect_left(ctx.sentence_starts, s.start)
    return ctx.sentences[i - 1] if i > 0 else None


# What may open a clause before its subject: a date or time, an adverb of time.
_CLAUSE_OPENING = re.compile(r"[ 　*#]*(?:[^，,。；;：:！？!?]{0,10}?[，,][ 　]*)?")


def subject_org(ctx: RelationContext, s: Sentence) -> Located | None:
    """The organization a sentence is about: its first name, an organization, opening the
    sentence or its first clause (德勤成为…; 今天，谷歌宣布…)."""
    names = [m for m in s.mentions if m.entity_type in (EntityType.ORGANIZATION, EntityType.PERSON)]
    if not names or names[0].entity_type is not EntityType.ORGANIZATION:
        return None
    first = names[0]
    if any(m.start < first.start and m.entity_type is EntityType.SOFTWARE for m in s.mentions):
        return None
    return first if _CLAUSE_OPENING.fullmatch(ctx.text, s.start, first.start) else None
