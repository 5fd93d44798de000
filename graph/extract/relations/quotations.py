"""Quotation rules: what a person said, and where the words are."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from graph.core.records import EntityType, Fact, Predicate
from graph.extract import patterns as P
from graph.extract.relations.context import Located, RelationContext, Sentence, make_fact

# --- quotations --------------------------------------------------------------

_QUOTE = re.compile(r"[“「\"]([^”」\"]{4,})[”」\"]")
# 在 (其)(role) PERSON 看来: what may stand between 在 and the person.
_IN_VIEW_BEFORE = re.compile(r"在[^，,。；;：:“”「」]{0,10}$")
_VIEW = re.compile(r"[ 　]*看来")
# A colon right before an opening quote mark: …什么：「
_COLON_QUOTE = re.compile(r"[：:][ 　]*(?P<open>[“「『])")
# Who may stand before a speaker without being the one who speaks: 记者问张三：
_ADDRESSED = re.compile(r"(?:问|询问|追问|对|向|给|让|请|回复|回应|告诉|采访|转发了?)[ 　]*$")
_PRONOUN = re.compile(r"(?:他|她)(?:还|也|则|更|就|曾|进一步)?$")


def quotations(ctx: RelationContext, s: Sentence, previous_person: Located | None, previous_age: int = 1) -> Iterator[Fact]:
    """Speaker + 表示/认为/说 … “quote”, “quote” + speaker + 表示, 在 PERSON 看来 …, and
    interview lines 'NAME：text'."""
    text = ctx.text
    persons = [m for m in s.mentions if m.entity_type is EntityType.PERSON]
    sentence_text = text[s.start : s.end]
    quote = _QUOTE.search(text, s.start, s.end)
    for verb in P.SPEECH_VERB_PATTERN.finditer(text, s.start, s.end):
        if _not_speech(text, verb):
            continue
        speaker = _speaker_before(text, persons, verb.start(), s.start)
        rule = "speaker-verb"
        if speaker is None and _PRONOUN.search(text[max(s.start, verb.start() - 6) : verb.start()]):
            # 钟毓秀长期从事…，她告诉记者: the person earlier in this sentence, else the last one before it.
            earlier = [p for p in persons if p.end <= verb.start()]
            speaker = earlier[-1] if earlier else previous_person
            rule = "pronoun-verb"
        if speaker is None:
            continue
        said = _said_text(text, verb.end(), s.end, quote)
        if said:
            confidence = 0.8 if rule == "speaker-verb" else 0.6
            yield make_fact(ctx, s, Predicate.QUOTATION, speaker, None, rule, confidence, text=ctx.quoted(*said))
            return
    # 在林晓峰看来，… / 在其首席顾问 Tom Baker 看来，…: a view given as the person's own
    for person in persons:
        if _IN_VIEW_BEFORE.search(text, max(s.start, person.start - 12), person.start) and (
            view := _VIEW.match(text, person.end)
        ):
            said = _said_text(text, view.end(), s.end, quote)
            if said:
                yield make_fact(ctx, s, Predicate.QUOTATION, person, None, "in-view-of-person", 0.7, text=ctx.quoted(*said))
                return
    # Tom Baker 翻译了这意味着什么：「……」: the person the clause before the colon is about
    colon = _COLON_QUOTE.search(text, s.start, s.end)
    if colon is not None:
        speaker = _colon_speaker(text, persons, colon.start(), s.start)
        if speaker is not None:
            start, stop = _quote_span(text, colon.start("open"), s.end)
            yield make_fact(ctx, s, Predicate.QUOTATION, speaker, None, "speaker-colon-quote", 0.7, text=ctx.quoted(start, stop))
            return
    # 当天，他发布了一条推文，并评价其为「……」: a pronoun opening the sentence, a speech verb later
    recent = previous_person if previous_age <= _PRONOUN_REACH else None
    found = _pronoun_subject(ctx, s, persons, recent, quote)
    if found is not None:
        yield found
        return
    # “……”周鸿祎表示 / 張鵬：…… (interview)
    if persons and sentence_text.startswith(tuple(p_text(text, p) + c for p in persons[:1] for c in "：:")):
        speaker = persons[0]
        start, stop = _trimmed_span(text, speaker.end + 1, s.end)
        if stop - start >= 4:
            yield make_fact(ctx, s, Predicate.QUOTATION, speaker, None, "interview-line", 0.75, text=ctx.quoted(start, stop))


_NOT_SPEECH_BEFORE = {"称": "堪号名俗简职昵统总自爱尊", "说": "据虽听小传学或再比"}
_NOT_SPEECH_AFTER = {"称": "为作号之霸", "说": "法明服"}


def _not_speech(text: str, verb: re.Match[str]) -> bool:
    """称 in 堪称/称为 and 说 in 据说/小说 are not someone speaking."""
    word = verb.group(0)
    before = text[verb.start() - 1 : verb.start()] if verb.start() else ""
    after = text[verb.end() : verb.end() + 1]
    return bool(before and before in _NOT_SPEECH_BEFORE.get(word, "")) or bool(after and after in _NOT_SPEECH_AFTER.get(word, ""))


def p_text(text: str, m: Located) -> str:
    return text[m.start : m.end]


def _speaker_before(text: str, persons: Sequence[Located], verb_start: int, floor: int) -> Located | None:
    """The last person before the verb with no clause break or other name between."""
    candidates = [p for p in persons if p.end <= verb_start and verb_start - p.end <= 30]
    if not candidates:
        return None
    speaker = candidates[-1]
    between = text[speaker.end : verb_start]
    if re.search(r"[。；;！？!?]", between) or ("“" in between and "”" not in between):
        return None
    if len(between) > 2 and "，" in between and not re.search(r"在|接受|时|于", between):
        return None
    return speaker


def _said_text(text: str, verb_end: int, end: int, quote: re.Match[str] | None) -> tuple[int, int] | None:
    """Where the words said are: the quote, else the rest of the sentence after the verb."""
    if quote is not None:
        return _trimmed_span(text, quote.start(1), quote.end(1))
    start = verb_end
    lead = _SAID_LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    start, stop = _trimmed_span(text, start, end)
    if stop > start and text[stop - 1] in "”」』\"" and not any(q in text[start : stop - 1] for q in "“「『\""):
        stop -= 1  # the closing mark of a quote whose opening mark was cut off above
    return (start, stop) if stop - start >= 6 else None


_SAID_LEAD = re.compile(r"[，,：: ]*(?:(?:了|道|过|说)(?=.))?[，,：: “「『\"]*")


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _colon_speaker(text: str, persons: Sequence[Located], colon: int, floor: int) -> Located | None:
    """The speaker of PERSON …：「quote」: the last person before the colon, in the same
    clause chain (no sentence break, no other quote), not one spoken to (问张三：)."""
    before = [p for p in persons if p.end <= colon and colon - p.end <= 30]
    if not before:
        return None
    speaker = before[-1]
    between = text[speaker.end : colon]
    if re.search(r"[。；;！？!?“”「」]", between) or _ADDRESSED.search(text, max(floor, speaker.start - 4), speaker.start):
        return None
    return speaker


def _quote_span(text: str, opening: int, end: int) -> tuple[int, int]:
    """The words of a quote opened at ``opening``: up to its closing mark (which may be in
    a later sentence, at most 600 characters on), else to ``end``."""
    closing = {"“": "”", "「": "」", "『": "』"}[text[opening]]
    stop = text.find(closing, opening + 1, opening + 600)
    return _trimmed_span(text, opening + 1, stop if stop != -1 else end)


# How many sentences back the person a sentence's opening pronoun stands for may be named.
_PRONOUN_REACH = 3
# A pronoun opening a sentence or its first clause: 当天，他… / 24 号时，他…
_PRONOUN_OPENS = re.compile(r"[ 　*]*(?:[^，,。；;：:！？!?“”「」]{0,8}[，,][ 　]*)?(?:他|她)(?!们)")


def _pronoun_subject(ctx: RelationContext, s: Sentence, persons: Sequence[Located], previous_person: Located | None,
                     quote: re.Match[str] | None) -> Fact | None:
    """他/她 opening the sentence and a speech verb later in it with no other person
    between: the person named last before the sentence said it."""
    text = ctx.text
    opens = _PRONOUN_OPENS.match(text, s.start, s.end)
    if opens is None or previous_person is None or persons:
        return None
    for verb in P.SPEECH_VERB_PATTERN.finditer(text, opens.end(), min(s.end, opens.end() + 40)):
        if _not_speech(text, verb) or re.search(r"[。；;！？!?]", text[opens.end() : verb.start()]):
            continue
        said = _said_text(text, verb.end(), s.end, quote if quote and quote.start() >= verb.end() else None)
        if said:
            return make_fact(ctx, s, Predicate.QUOTATION, previous_person, None, "pronoun-subject-verb", 0.55,
                             text=ctx.quoted(*said))
    return None


def quote_after_colon(ctx: RelationContext, s: Sentence, previous: Sentence | None) -> Iterator[Fact]:
    """A sentence that opens with a quote mark after one that ends with a colon and names
    a person (Tom Baker 带来了解读:  「……」): the person said the quote."""
    text = ctx.text
    if previous is None:
        return
    opening = _OPENS_WITH_QUOTE.match(text, s.start, s.end)
    ending = _ENDS_WITH_COLON.search(text, previous.start, previous.end)
    if opening is None or ending is None:
        return
    persons = [m for m in previous.mentions if m.entity_type is EntityType.PERSON]
    speaker = _colon_speaker(text, persons, ending.start(), previous.start)
    if speaker is not None:
        start, stop = _quote_span(text, opening.start("open"), s.end)
        yield make_fact(ctx, s, Predicate.QUOTATION, speaker, None, "speaker-before-quote", 0.65, text=ctx.quoted(start, stop))


_OPENS_WITH_QUOTE = re.compile(r"[ 　*>]*(?P<open>[“「『])")
_ENDS_WITH_COLON = re.compile(r"[：:][ 　*]*$")
