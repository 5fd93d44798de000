"""Creator and comparison rules: an organization that releases a model, and a
model compared with another."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from graph.core.records import EntityType, Fact, Predicate
from graph.extract import patterns as P
from graph.extract.relations.context import Located, RelationContext, Sentence, clause_end, make_fact, skip_spaces

# --- creators ----------------------------------------------------------------

def creators(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """ORG 发布/推出 … MODEL in one clause; ORG的MODEL; ORG directly before MODEL."""
    text = ctx.text
    mentions = s.mentions
    for i, org in enumerate(mentions):
        if org.entity_type is not EntityType.ORGANIZATION:
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        # 华为云盘古气象大模型, OpenAI的GPT-4
        if nxt is not None and nxt.entity_type is EntityType.SOFTWARE and text[org.end : nxt.start].strip(" 　") in ("", "的"):
            yield make_fact(ctx, s, Predicate.CREATOR, nxt, org, "org-before-model", 0.85)
            continue
        # Acme 发布了 Zephyr: a space after a Latin name breaks no clause.
        stop = clause_end(text, skip_spaces(text, org.end), s.end)
        verb = P.RELEASE_VERBS.search(text, org.end, stop)
        if verb is None:
            continue
        # Nothing but time words may stand between the organization and its verb,
        # or its own people (谷歌首席执行官皮查伊宣布推出Gemini 3).
        between = [m for m in mentions if org.end <= m.start < verb.start()]
        if any(
            m.entity_type is EntityType.ORGANIZATION
            or (m.entity_type is EntityType.PERSON and not _ROLE_CHAIN.fullmatch(text, org.end, m.start))
            for m in between
        ):
            continue
        subject_end = max([org.end, *(m.end for m in between if m.entity_type is EntityType.PERSON)])
        if verb.start() - subject_end > 20:
            continue
        for model in _released_models(text, mentions, verb.end(), stop):
            yield make_fact(ctx, s, Predicate.CREATOR, model, org, "org-release-model", 0.8)


# Roles joined into a chain: 创始人、董事长兼首席执行官.
_ROLE_CHAIN = re.compile(rf"[ 　]*(?:(?:{P.ROLE_PATTERN.pattern})[ 　]*(?:[、兼和及][ 　]*)?)+")


def _released_models(text: str, mentions: Sequence[Located], start: int, end: int) -> Iterator[Located]:
    """Models that are the object of a release verb, not modifiers of it
    (结合Sora路线迭代的Etna: Etna, not Sora). Another organization ends the
    object (…天工大模型、字节跳动的豆包), and so does a comparison (…比肩GPT-4o)."""
    compared = P.COMPARISON_VERBS.search(text, start, end)
    if compared:
        end = compared.start()
    for m in mentions:
        if not start <= m.start < end:
            continue
        if m.entity_type in (EntityType.ORGANIZATION, EntityType.PERSON):
            return
        if m.entity_type is EntityType.SOFTWARE:
            after = text[m.end : m.end + 4]
            if re.match(r"(?:路线|技术|的|等|之后|以后|后|一样|那样|相比|为例)", after):
                continue
            yield m


# --- comparisons ---------------------------------------------------------------

def comparisons(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """MODEL … 逼近/超过/达到 … MODEL."""
    text = ctx.text
    models = [m for m in s.mentions if m.entity_type is EntityType.SOFTWARE]
    for verb in P.COMPARISON_VERBS.finditer(text, s.start, s.end):
        before = [m for m in models if m.end <= verb.start()]
        after = [m for m in models if m.start >= verb.end() and m.start - verb.end() <= 12]
        if before and after and before[-1].entity_id != after[0].entity_id:
            yield make_fact(ctx, s, Predicate.COMPARED_WITH, before[-1], after[0], "model-compared-model", 0.7)

