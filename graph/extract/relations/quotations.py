"""Quotation rules: what a person said, and where the words are."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from graph.core.records import EntityType, Fact, Predicate
from graph.extract import patterns as P
from graph.extract.relations.context import Located, RelationContext, Sentence, make_fact

# --- quotations --------------------------------------------------------------

_QUOTE = re.compile(r"[“「\"]([^”」\"]{4,})[”」\"]")
_PRONOUN = re.compile(r"(?:他|她)(?:还|也|则|更|就|曾|进一步)?$")


def quotations(ctx: RelationContext, s: Sentence, previous_person: Located | None) -> Iterator[Fact]:
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
    # 在林晓峰看来，…: a view given as the person's own
    for person in persons:
        if text[person.start - 1 : person.start] == "在" and text.startswith("看来", person.end):
            said = _said_text(text, person.end + 2, s.end, quote)
            if said:
                yield make_fact(ctx, s, Predicate.QUOTATION, person, None, "in-view-of-person", 0.7, text=ctx.quoted(*said))
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
