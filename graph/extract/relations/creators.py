"""Creator and comparison rules: an organization that releases a model, and a
model compared with another."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from graph.core.records import EntityType, Fact, Predicate
from graph.extract import patterns as P
from graph.extract.relations.context import (
    Located,
    RelationContext,
    Sentence,
    clause_end,
    make_fact,
    previous_sentence,
    skip_spaces,
    subject_org,
)
from graph.text.chars import CJK

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
        # 阿里旗下的 X, Acme 推出的 X, Acme 的新模型 X: the maker as a possessive.
        if nxt is not None and nxt.entity_type is EntityType.SOFTWARE and _MAKER_OF.fullmatch(text, org.end, nxt.start):
            yield make_fact(ctx, s, Predicate.CREATOR, nxt, org, "org-possessive-model", 0.8)
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
        if verb.start() - subject_end > _VERB_REACH:
            continue
        for model in _released_models(text, mentions, verb.end(), stop):
            yield make_fact(ctx, s, Predicate.CREATOR, model, org, "org-release-model", 0.8)


# Characters from the organization (or its people) to its release verb: 谷歌使用了 TPU v4 芯片来训练.
_VERB_REACH = 30
# What may stand between a maker and its model when the maker is a possessive:
# 旗下的, 推出的, 自研的, and a kind of product (的新模型, 推出的聊天机器人).
_MAKER_OF = re.compile(
    rf"[ 　]*(?:旗下[ 　]*的?|(?:自研|自家|最新|新近|此前|今年|去年)?[ 　]*"
    rf"(?:(?:推出|发布|开发|研发|打造|开源|上线|出品|训练|自研)了?)?[ 　]*的)[ 　]*"
    rf"(?:(?:最新|新一代|新款|新|自研|开源|旗舰)?[ 　]*(?:[{CJK}]{{0,4}}?(?:大模型|模型|产品|工具|应用|助手|机器人|系统|平台|引擎))?)[ 　]*"
)


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


# MODEL 由 ORG 开发: the maker after the model, before a release verb.
_BY = re.compile(r"[ 　]*(?:大模型|模型|系列|系列模型|产品|工具|应用)?[ 　]*[，,]?[ 　]*(?:是|则|也|均|都|最初|最早|最先|主要)?[ 　]*由[ 　]*")
_BY_VERB_GAP = re.compile(r"[^，,。；;！？!?]{0,8}?")


def made_by(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """MODEL (是)由 ORG (于2023年)开发/推出/训练: the organization made the model."""
    text = ctx.text
    for model, org in pairwise(s.mentions):
        if model.entity_type is not EntityType.SOFTWARE or org.entity_type is not EntityType.ORGANIZATION:
            continue
        if not _BY.fullmatch(text, model.end, org.start):
            continue
        gap = _BY_VERB_GAP.match(text, org.end, s.end)
        verb = P.RELEASE_VERBS.search(text, org.end, gap.end() + 4) if gap else None
        if verb is not None and not any(org.end <= m.start < verb.start() for m in s.mentions):
            yield make_fact(ctx, s, Predicate.CREATOR, model, org, "model-made-by-org", 0.8)


# A clause's opening before its verb when its subject is the sentence's: 并, 也, 随后 …
_CARRIED_OPENING = re.compile(r"[ 　]*(?:[^，,。；;：:！？!?]{0,6})$")


def carried_subject(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """谷歌方面基于 Imagen 系列模型，推出了 ImageFX: a release verb in a later clause
    with no subject of its own is the sentence's subject's, an organization."""
    text = ctx.text
    org = subject_org(ctx, s)
    if org is None:
        return
    for comma in re.finditer(r"[，,]", text[org.end : s.end]):
        start = org.end + comma.end()
        stop = clause_end(text, start, s.end)
        verb = P.RELEASE_VERBS.search(text, start, stop)
        if verb is None or not _CARRIED_OPENING.fullmatch(text, start, verb.start()):
            continue
        if any(org.end <= m.start < verb.start() and m.entity_type in _SUBJECTS for m in s.mentions):
            return  # another subject came in between
        for model in _released_models(text, s.mentions, verb.end(), stop):
            yield make_fact(ctx, s, Predicate.CREATOR, model, org, "subject-org-release-model", 0.7)


_SUBJECTS = (EntityType.ORGANIZATION, EntityType.PERSON)
# 该模型 X, 这款新产品名为 X: a model the text has just introduced.
_INTRODUCED = re.compile(
    r"(?:该|这款|这一|此|这个|新|该款|这套)[ 　]*(?:新)?(?:大模型|模型|产品|工具|应用|助手|系统)[ 　]*(?:名为|叫做|叫|即)?[ 　]*$"
)
_ANNOUNCING = re.compile(r"宣布|发布|推出|上线|开源|亮相|公布")


def introduced_model(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """Acme 今天宣布了新的计划。该模型 Zephyr …: a model introduced by 该模型 in a sentence
    that names no organization before it, made by the previous sentence's subject when
    that sentence announces something."""
    text = ctx.text
    previous = previous_sentence(ctx, s)
    org = subject_org(ctx, previous) if previous else None
    if previous is None or org is None or not _ANNOUNCING.search(text, org.end, previous.end):
        return
    for model in (m for m in s.mentions if m.entity_type is EntityType.SOFTWARE):
        if any(m.start < model.start and m.entity_type in _SUBJECTS for m in s.mentions):
            return
        if _INTRODUCED.search(text, max(s.start, model.start - 10), model.start):
            yield make_fact(ctx, s, Predicate.CREATOR, model, org, "previous-subject-model", 0.6)


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

