"""LAC's words with the trained tagger's names in place of LAC's.

The CRF was trained with LAC's words and tags among its features, and beats
LAC on every name type (PER .93, ORG .87, LOC .92 on People's Daily dev,
against LAC's .79, .63, .72), so its reading of where names start and end is
the one kept: LAC's name words lose their name tag, and the tagger's names
take the place of the words they cover. LAC's words still give the other
words and their part-of-speech tags, which the rules read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.extract import patterns as P
from graph.extract.statistical import TaggedWord
from graph.extract.tagger.crf import EntitySpan
from graph.text.chars import has_cjk

NAME_TAGS = frozenset({"PER", "ORG", "LOC"})
# The tagger's marginal probability below which a name it finds is left out:
# on People's Daily dev the names below it are wrong more often than right.
SURE = 0.5
# What a name word of LAC's becomes when the tagger does not read it as a name.
PLAIN_TAG = "n"


def words_with_names(text: str, words: Sequence[TaggedWord], spans: Sequence[EntitySpan]) -> list[TaggedWord]:
    """``words`` with LAC's names made plain words and the tagger's names in their place,
    but for company names of LAC's that the tagger has no other name across and
    people of LAC's whose post a bracket after them gives.

    Spans in Latin letters only are left to the Latin-name rules
    (``graph.extract.candidates.latin``): the corpora the tagger learnt from have few of them.
    """
    names = [
        _with_compound_surname(s, text)
        for s in spans
        if s.label in NAME_TAGS and s.confidence >= SURE and _has_cjk_within(s, text)
    ]
    lacs_kept = set(_kept_companies(words, text, names)) | set(_kept_people(words, text, names))
    words = [TaggedWord(w.start, w.end, PLAIN_TAG) if w.tag in NAME_TAGS and w not in lacs_kept else w for w in words]
    added = sorted(
        (s for s in names if not any(w.start <= s.start and s.end <= w.end for w in lacs_kept)),
        key=lambda s: s.start,
    )
    merged = [TaggedWord(s.start, s.end, s.label) for s in added]
    k = 0
    for word in sorted(words, key=lambda w: w.start):
        position = word.start
        while k < len(added) and added[k].end <= word.start:
            k += 1
        j = k
        while j < len(added) and added[j].start < word.end:
            if added[j].start > position:
                merged.append(TaggedWord(position, added[j].start, word.tag))
            position = max(position, added[j].end)
            j += 1
        if position < word.end:
            merged.append(TaggedWord(position, word.end, word.tag))
    merged.sort(key=lambda w: (w.start, w.end))
    return merged


def _has_cjk_within(span: EntitySpan, text: str) -> bool:
    """Chinese in the name itself, not only in a word for what it is (Veridian 公司)."""
    name = text[span.start : span.end]
    for suffix in P.COMPANY_SUFFIXES:
        name = name.removesuffix(suffix)
    return has_cjk(name)


def _kept_companies(words: Sequence[TaggedWord], text: str, names: Sequence[EntitySpan]) -> list[TaggedWord]:
    """LAC's organizations that stand although the tagger does not read them so:
    a company's name (云帆科技, 趋势|科技 with the ending word after it, 美国银行
    where the tagger found only 美国 inside) and a short name of an organization
    the article names in full (宁德时代 after 宁德时代新能源科技股份有限公司).
    The tagger's corpora are 1990s news and government bodies; companies are rare there."""
    organizations = [w for w in words if w.tag == "ORG" and not _crossed(w, names)]
    full_names = [text[s.start : s.end] for s in names if s.label == "ORG"]
    kept = []
    for word in organizations:
        surface = text[word.start : word.end]
        if _ends_as_company(text, word) or any(len(surface) >= 2 and n.startswith(surface) and n != surface for n in full_names):
            kept.append(word)
    return kept


# A bracket right after a name that says what the person is: 奥特曼(OpenAI CEO).
_DESCRIBING_BRACKET = re.compile(r"[ 　]*[（(][^（()）]{0,30}?(?:" + P.ROLE_PATTERN.pattern + r")[ 　]*[）)]")


def _kept_people(words: Sequence[TaggedWord], text: str, names: Sequence[EntitySpan]) -> list[TaggedWord]:
    """LAC's people the tagger has no name across, when a bracket after them gives
    their post (奥特曼(OpenAI CEO)): the post says it is a person, whatever else
    the word may mean."""
    return [
        w
        for w in words
        if w.tag == "PER"
        and not any(s.start < w.end and w.start < s.end for s in names)
        and _DESCRIBING_BRACKET.match(text, w.end)
    ]


def _ends_as_company(text: str, word: TaggedWord) -> bool:
    return text[word.start : word.end].endswith(P.COMPANY_SUFFIXES) or text.startswith(P.COMPANY_SUFFIXES, word.end)


def _crossed(word: TaggedWord, names: Sequence[EntitySpan]) -> bool:
    """The tagger found a name that runs across the word's edges, or an organization inside it."""
    for s in names:
        if s.start < word.end and word.start < s.end:
            inside = word.start <= s.start and s.end <= word.end
            if not inside or (s.label == "ORG" and (s.start, s.end) != (word.start, word.end)):
                return True
    return False


def _with_compound_surname(span: EntitySpan, text: str) -> EntitySpan:
    """令|狐嘉言 → 令狐嘉言: the tagger cut a two-character surname after its first character."""
    if span.label == "PER" and span.start > 0 and text[span.start - 1 : span.start + 1] in P.COMPOUND_SURNAMES:
        return EntitySpan(span.start - 1, span.end, span.label, span.confidence)
    return span
