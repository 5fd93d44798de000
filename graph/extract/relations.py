"""Fact rules: memberships, creators, quotations, comparisons, locations.

Each rule reads one sentence of the Simplified text with its resolved
mentions and yields ``Fact`` records naming the rule and a confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graph.extract import patterns as P
from graph.model import EntityType, Fact, Mention, Predicate, TextSpan


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
    text: str  # Simplified, cleaned
    sentences: tuple[Sentence, ...]


def _fact(ctx: RelationContext, s: Sentence, predicate: Predicate, subject: Located, obj: Located | None,
          rule: str, confidence: float, **extra: object) -> Fact:
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
        **extra,  # type: ignore[arg-type]
    )


def extract_facts(ctx: RelationContext) -> list[Fact]:
    facts: list[Fact] = []
    last_person: Located | None = None
    for s in ctx.sentences:
        facts.extend(memberships(ctx, s))
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


# --- memberships -------------------------------------------------------------

_GAP = re.compile(r"[ 　]*")
_CHAIN_SEPARATOR = re.compile(r"[ 　]*(?:、|兼|和|及|，|,)?[ 　]*")


def memberships(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """Chains of ORG + role before a person: 全国政协委员、360集团创始人周鸿祎,
    科大讯飞董事长刘庆峰, 智谱AI CEO（首席执行官）张鹏, 原司长 (former)."""
    text = ctx.text
    by_end = {m.end: m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION}
    # A unit name may share its last character with the role: 央视总台 + 台长.
    by_end_shared = {m.end - 1: m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION}
    for person in (m for m in s.mentions if m.entity_type is EntityType.PERSON):
        cursor = _skip_gloss_backwards(text, person.start, s.start)
        while True:
            role = _role_ending_at(text, cursor, s.start)
            if role is None:
                break
            role_start, role_word, former = role
            org_end = role_start
            while org_end > s.start and text[org_end - 1] in " 　的":
                org_end -= 1
            org = by_end.get(org_end)
            if org is None and text.startswith(role_word[0], role_start):
                org = by_end_shared.get(role_start)
                if org is not None and text[org.end - 1] != role_word[0]:
                    org = None
            rule, confidence = "org-role-person", 0.9
            if org is None:
                # A department, a place or a closing bracket may stand between:
                # 华为技术有限公司运营商…规划部客户技术总监, 《华夏时报》执行总编辑.
                org = _nearest_org_before(text, s, role_start)
                rule, confidence = "org-department-role-person", 0.75
            if org is None:
                break
            yield _fact(ctx, s, Predicate.MEMBERSHIP, person, org, rule, confidence, role=role_word, former=former)
            sep = _CHAIN_SEPARATOR.fullmatch(text, _sep_start(text, org.start, s.start), org.start)
            cursor = _sep_start(text, org.start, s.start)
            if sep is None or cursor == org.start:
                break
    yield from _person_then_role(ctx, s)


def _nearest_org_before(text: str, s: Sentence, role_start: int) -> Located | None:
    orgs = [m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION and m.end <= role_start]
    if not orgs:
        return None
    org = orgs[-1]
    between = text[org.end : role_start]
    others = [m for m in s.mentions if org.end <= m.start < role_start and m.entity_type is not EntityType.PLACE]
    if len(between) > 20 or others or re.search(r"[，。、；;：:,“”「」（）()的和与及]", between):
        return None
    return org


def _sep_start(text: str, i: int, floor: int) -> int:
    j = i
    while j > floor and text[j - 1] in " 　":
        j -= 1
    if j > floor and text[j - 1] in "、兼和及，,":
        j -= 1
    while j > floor and text[j - 1] in " 　":
        j -= 1
    return j


def _skip_gloss_backwards(text: str, i: int, floor: int) -> int:
    while i > floor and text[i - 1] in " 　":
        i -= 1
    if i > floor and text[i - 1] in "）)":
        opening = max(text.rfind("（", floor, i), text.rfind("(", floor, i))
        if opening != -1 and i - opening <= 20:
            i = opening
    while i > floor and text[i - 1] in " 　":
        i -= 1
    return i


def _role_ending_at(text: str, end: int, floor: int) -> tuple[int, str, bool] | None:
    for word in P.ROLE_WORDS:
        start = end - len(word)
        if start >= floor and text.startswith(word, start):
            former = start - 1 >= floor and text[start - 1] in P.FORMER_MARKERS
            return (start - 1 if former else start), word, former
    return None


def _person_then_role(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """PERSON，ORG + role (杜奕瑾，台湾AI实验室创办人) and PERSON（ORG role）."""
    text = ctx.text
    mentions = list(s.mentions)
    for i, person in enumerate(mentions[:-1]):
        if person.entity_type is not EntityType.PERSON:
            continue
        org = mentions[i + 1]
        if org.entity_type is not EntityType.ORGANIZATION or text[person.end : org.start] not in ("，", ",", "（", "("):
            continue
        role = P.ROLE_PATTERN.match(text, org.end)
        if role:
            yield _fact(ctx, s, Predicate.MEMBERSHIP, person, org, "person-org-role", 0.75, role=role.group(0))


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
        if nxt is not None and nxt.entity_type is EntityType.SOFTWARE and text[org.end : nxt.start] in ("", "的"):
            yield _fact(ctx, s, Predicate.CREATOR, nxt, org, "org-before-model", 0.85)
            continue
        clause_end = _clause_end(text, org.end, s.end)
        verb = P.RELEASE_VERBS.search(text, org.end, clause_end)
        if verb is None or verb.start() - org.end > 20:
            continue
        # Nothing but time words may stand between the organization and its verb.
        between = [m for m in mentions if org.end <= m.start < verb.start()]
        if any(m.entity_type in (EntityType.ORGANIZATION, EntityType.PERSON) for m in between):
            continue
        for model in _released_models(text, mentions, verb.end(), clause_end):
            yield _fact(ctx, s, Predicate.CREATOR, model, org, "org-release-model", 0.8)


def _released_models(text: str, mentions: Sequence[Located], start: int, end: int) -> Iterator[Located]:
    """Models that are the object of a release verb, not modifiers of it
    (结合Sora路线迭代的Etna: Etna, not Sora)."""
    for m in mentions:
        if m.entity_type is EntityType.SOFTWARE and start <= m.start < end:
            after = text[m.end : m.end + 4]
            if re.match(r"(?:路线|技术|的|等|之后|以后|后|一样|那样|相比|为例)", after):
                continue
            yield m


_CLAUSE_BREAK = re.compile(r"[，,。；;！？!?]")


def _clause_end(text: str, i: int, limit: int) -> int:
    match = _CLAUSE_BREAK.search(text, i, limit)
    return match.start() if match else limit


# --- comparisons ---------------------------------------------------------------

def comparisons(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """MODEL … 逼近/超过/达到 … MODEL."""
    text = ctx.text
    models = [m for m in s.mentions if m.entity_type is EntityType.SOFTWARE]
    for verb in P.COMPARISON_VERBS.finditer(text, s.start, s.end):
        before = [m for m in models if m.end <= verb.start()]
        after = [m for m in models if m.start >= verb.end() and m.start - verb.end() <= 12]
        if before and after and before[-1].entity_id != after[0].entity_id:
            yield _fact(ctx, s, Predicate.COMPARED_WITH, before[-1], after[0], "model-compared-model", 0.7)


# --- locations ---------------------------------------------------------------

def locations(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """在PLACE的ORG, PLACE + ORG written together (位于 …)."""
    text = ctx.text
    mentions = s.mentions
    for place, org in zip(mentions, mentions[1:]):
        if place.entity_type is EntityType.PLACE and org.entity_type is EntityType.ORGANIZATION:
            gap = text[place.end : org.start]
            if gap == "的" and text[max(s.start, place.start - 1) : place.start] == "在":
                yield _fact(ctx, s, Predicate.LOCATED_IN, org, place, "at-place-org", 0.7)


# --- quotations --------------------------------------------------------------

_QUOTE = re.compile(r"[“「\"]([^”」\"]{4,})[”」\"]")
_PRONOUN = re.compile(r"(?:他|她)(?:还|也|则|更|就|曾|进一步)?$")


def quotations(ctx: RelationContext, s: Sentence, previous_person: Located | None) -> Iterator[Fact]:
    """Speaker + 表示/认为/说 … “quote”, “quote” + speaker + 表示, and
    interview lines 'NAME：text'."""
    text = ctx.text
    persons = [m for m in s.mentions if m.entity_type is EntityType.PERSON]
    sentence_text = text[s.start : s.end]
    quote = _QUOTE.search(text, s.start, s.end)
    for verb in P.SPEECH_VERB_PATTERN.finditer(text, s.start, s.end):
        speaker = _speaker_before(text, persons, verb.start(), s.start)
        rule = "speaker-verb"
        if speaker is None and _PRONOUN.search(text[max(s.start, verb.start() - 6) : verb.start()]) and previous_person:
            speaker, rule = previous_person, "pronoun-verb"
        if speaker is None:
            continue
        said = _said_text(text, verb.end(), s.end, quote)
        if said:
            confidence = 0.8 if rule == "speaker-verb" else 0.6
            yield _fact(ctx, s, Predicate.QUOTATION, speaker, None, rule, confidence, text=said)
            return
    # “……”周鸿祎表示 / 張鵬：…… (interview)
    if persons and sentence_text.startswith(tuple(p_text(text, p) + c for p in persons[:1] for c in "：:")):
        speaker = persons[0]
        said = text[speaker.end + 1 : s.end].strip()
        if len(said) >= 4:
            yield _fact(ctx, s, Predicate.QUOTATION, speaker, None, "interview-line", 0.75, text=said)


def p_text(text: str, m: Located) -> str:
    return text[m.start : m.end]


def _speaker_before(text: str, persons: Sequence[Located], verb_start: int, floor: int) -> Located | None:
    """The last person before the verb with no clause break or other name between."""
    candidates = [p for p in persons if p.end <= verb_start and verb_start - p.end <= 30]
    if not candidates:
        return None
    speaker = candidates[-1]
    between = text[speaker.end : verb_start]
    if re.search(r"[。；;！？!?]", between) or "“" in between and "”" not in between:
        return None
    if len(between) > 2 and "，" in between and not re.search(r"在|接受|时|于", between):
        return None
    return speaker


def _said_text(text: str, verb_end: int, end: int, quote: re.Match[str] | None) -> str | None:
    if quote is not None:
        return quote.group(1).strip()
    said = text[verb_end:end].lstrip("，,：: ").strip()
    return said if len(said) >= 6 else None
