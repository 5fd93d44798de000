"""Per-character features for the CRF tagger: one function for training and tagging.

A character-level CRF sees, for each character, a bag of string attributes.
They come from four sources of evidence, and the CRF learns a weight for each
attribute and label, that is: how far to trust each source, in each context:

- the characters themselves, in a window of two on each side (unigrams,
  bigrams, the centred trigram) and their script class (CJK, Latin, digit,
  punctuation), which carries Latin and numbered names;
- Baidu LAC's analysis (its words, parts of speech and its own PER/ORG/LOC
  names): where the character sits in its LAC word (B/M/E/S) with the word's
  tag, the tags of the words around it, and the word itself;
- matches of the curated lexicon (AI companies and models, with their places
  and people), so a name LAC does not know can still be marked.

``sentence_features`` is the only place that builds attributes: the trainer
and the runtime tagger both call it, so they cannot drift apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

Mark = tuple[int, int, str]  # start, end, type: a lexicon match in character offsets

# Bumped whenever an attribute changes: a model records the version it was trained with,
# and the tagger refuses a model whose features this code no longer builds.
FEATURES_VERSION = 1

BEGIN, END = "\x02", "\x03"  # the padding characters before and after a sentence
_WORD_FEATURE_MAX = 6  # longer LAC words are too rare to be worth an attribute of their own


class WordLike(Protocol):
    """A LAC word: ``graph.extract.statistical.TaggedWord`` or anything shaped like it."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def tag(self) -> str: ...


class Word(NamedTuple):
    """A LAC word re-based onto a piece of text (see ``EntityTagger.tag_article``)."""

    start: int
    end: int
    tag: str


class _LexiconEntry(Protocol):
    @property
    def entity_type(self) -> str: ...  # a schema.org local name: Person, Organization, Place, ...


class _LexiconMatch(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def entry(self) -> _LexiconEntry: ...


class LexiconLike(Protocol):
    """``graph.extract.lexicon.Lexicon``, as far as the features use it."""

    def scan(self, text: str) -> Iterable[_LexiconMatch]: ...


class LacLike(Protocol):
    """``graph.extract.statistical.LacTagger``, as far as the tagger uses it."""

    def tag_many(self, texts: Sequence[str]) -> Sequence[Sequence[WordLike]]: ...


_NORMAL: dict[str, str] = {}
_SHAPE: dict[str, str] = {}


def normal_char(ch: str) -> str:
    """The character as the model sees it: full-width folded (NFKC), Latin lower-cased,
    every digit one symbol, so ２０２４ and 2024 (and any year) look alike."""
    got = _NORMAL.get(ch)
    if got is None:
        folded = unicodedata.normalize("NFKC", ch).lower() or ch
        if folded[0].isdigit():
            got = "0"
        elif not folded[0].isprintable():  # control and format characters: one symbol (crfsuite ends a name at NUL)
            got = "_"
        else:
            got = folded[0]
        _NORMAL[ch] = got
    return got


def char_shape(ch: str) -> str:
    """Script class: C (CJK), U / L (Latin upper / lower), D (digit), P (punctuation),
    S (space), O (anything else)."""
    got = _SHAPE.get(ch)
    if got is None:
        folded = unicodedata.normalize("NFKC", ch)[:1] or ch
        category = unicodedata.category(folded)
        if "\u3400" <= folded <= "\u9fff" or "\uf900" <= folded <= "\ufaff":
            got = "C"
        elif folded.isascii() and folded.isalpha():
            got = "U" if folded.isupper() else "L"
        elif folded.isdigit():
            got = "D"
        elif category[0] in "PS":
            got = "P"
        elif folded.isspace():
            got = "S"
        else:
            got = "O"
        _SHAPE[ch] = got
    return got


# Per character (raw, as in the text): its five unigram attributes, c= c-1= c+1= c-2= c+2=.
_UNIGRAMS: dict[str, tuple[str, str, str, str, str]] = {}


def _add_unigrams(ch: str) -> None:
    """Fill the caches for ``ch``: its normal form, script class and unigram attributes."""
    c = normal_char(ch)
    char_shape(ch)
    _UNIGRAMS[ch] = ("c=" + c, "c-1=" + c, "c+1=" + c, "c-2=" + c, "c+2=" + c)


_BEGIN_ATTRIBUTES = ("c=" + BEGIN, "c-1=" + BEGIN, "c+1=" + BEGIN, "c-2=" + BEGIN, "c+2=" + BEGIN)
_END_ATTRIBUTES = ("c=" + END, "c-1=" + END, "c+1=" + END, "c-2=" + END, "c+2=" + END)


def _positions(length: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """Per character: ``B-tag``/``M-tag``/``E-tag``/``S-tag`` inside a span, ``""`` outside."""
    out = [""] * length
    for start, end, tag in spans:
        start, end = max(start, 0), min(end, length)
        if end - start == 1:
            out[start] = "S-" + tag
        elif end > start:
            out[start] = "B-" + tag
            for i in range(start + 1, end - 1):
                out[i] = "M-" + tag
            out[end - 1] = "E-" + tag
    return out


def sentence_features(text: str, words: Sequence[WordLike], marks: Sequence[Mark] = ()) -> list[list[str]]:
    """The attributes of each character of ``text``.

    ``words`` is LAC's analysis of exactly this text (offsets into it, covering
    it); ``marks`` are lexicon matches (see ``lexicon_marks``). The result has
    one list per character, in order.
    """
    return list(map(list, feature_rows(text, words, marks)))


def feature_rows(text: str, words: Sequence[WordLike], marks: Sequence[Mark] = ()) -> list[tuple[str, ...]]:
    """``sentence_features`` as tuples, which the tagger hands to crfsuite as they are.

    The unigram attributes come from a cache per character and the LAC ones
    from one pass over the words (a word's characters share most of theirs),
    so only the bigram, trigram and script-class attributes are built per
    character: about 15% faster than building every attribute of every row.
    """
    n = len(text)
    if n == 0:
        return []
    unigrams = _UNIGRAMS
    for ch in set(text).difference(unigrams):
        _add_unigrams(ch)
    # Each character's five unigram attributes (c= c-1= c+1= c-2= c+2=), padded.
    uni = [_BEGIN_ATTRIBUTES, _BEGIN_ATTRIBUTES, *map(unigrams.__getitem__, text), _END_ATTRIBUTES, _END_ATTRIBUTES]
    chars = [BEGIN, BEGIN, *map(_NORMAL.__getitem__, text), END, END]
    shapes = ["B", *map(_SHAPE.__getitem__, text), "E"]
    lac_t, lac_tp, lac_tn, lac_w = _lac_columns(text, words)
    rows: list[tuple[str, ...]] = []
    for i in range(n):
        j = i + 2  # index into the padded characters
        c0, cm1, c1 = chars[j], chars[j - 1], chars[j + 1]
        rows.append(
            (
                "b",
                uni[j][0],
                uni[j - 1][1],
                uni[j + 1][2],
                uni[j - 2][3],
                uni[j + 2][4],
                "cc-1=" + cm1 + c0,
                "cc+1=" + c0 + c1,
                "cc-2=" + chars[j - 2] + cm1,
                "cc+2=" + c1 + chars[j + 2],
                "ccc=" + cm1 + c0 + c1,
                "s=" + shapes[i] + shapes[i + 1] + shapes[i + 2],
                lac_t[i],
                lac_tp[i],
                lac_tn[i],
                lac_w[i],
            )
        )
    if marks:
        for i, mark in enumerate(_positions(n, marks)):
            if mark:
                rows[i] += ("x=" + mark,)
    return rows


def _lac_columns(text: str, words: Sequence[WordLike]) -> tuple[list[str], list[str], list[str], list[str]]:
    """The LAC attributes of each character: ``t=`` (its position in its word with the
    word's tag), ``tp=``/``tn=`` (that with the previous/next word's tag) and ``w=`` (the
    word itself when short).

    Words that tile the text in order (as LAC's do) are handled a word at a
    time; anything else (overlaps, empty words, offsets outside the text) by
    the general rule, which gives the same attributes for tiling words.
    """
    n = len(text)
    ordered = sorted(words, key=lambda w: w.start)
    t = ["t="] * n
    tp = ["tp=^|"] * n
    tn = ["tn=|$"] * n
    w = ["w="] * n
    position = 0
    for word in ordered:
        if word.start < position or word.end <= word.start or word.end > n:
            return _lac_columns_general(text, ordered)
        position = word.end
    previous = "^"
    last = len(ordered) - 1
    for k, word in enumerate(ordered):
        start, end, tag = word.start, word.end, word.tag
        following = ordered[k + 1].tag if k < last else "$"
        surface = "w=" + text[start:end] if end - start <= _WORD_FEATURE_MAX else "w=~"
        if end - start == 1:
            label = "S-" + tag
            t[start] = "t=" + label
            tp[start] = "tp=" + previous + "|" + label
            tn[start] = "tn=" + label + "|" + following
            w[start] = surface
        else:
            inner = end - start - 2
            b, m, e = "B-" + tag, "M-" + tag, "E-" + tag
            t[start:end] = ["t=" + b, *["t=" + m] * inner, "t=" + e]
            before = "tp=" + previous + "|"
            tp[start:end] = [before + b, *[before + m] * inner, before + e]
            after = "|" + following
            tn[start:end] = ["tn=" + b + after, *["tn=" + m + after] * inner, "tn=" + e + after]
            w[start:end] = [surface] * (end - start)
        previous = tag
    return t, tp, tn, w


def _lac_columns_general(
    text: str, ordered: Sequence[WordLike]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """``_lac_columns`` for any words (sorted by start), later words overriding earlier ones."""
    n = len(text)
    word_of = [""] * n
    before = ["^"] * n
    after = ["$"] * n
    previous = "^"
    for k, word in enumerate(ordered):
        following = ordered[k + 1].tag if k + 1 < len(ordered) else "$"
        surface = text[word.start : word.end] if word.end - word.start <= _WORD_FEATURE_MAX else "~"
        for i in range(max(word.start, 0), min(word.end, n)):
            word_of[i] = surface
            before[i] = previous
            after[i] = following
        previous = word.tag
    lac = _positions(n, [(w.start, w.end, w.tag) for w in ordered])
    return (
        ["t=" + x for x in lac],
        ["tp=" + b + "|" + x for b, x in zip(before, lac)],
        ["tn=" + x + "|" + a for x, a in zip(lac, after)],
        ["w=" + x for x in word_of],
    )


def lexicon_marks(text: str, lexicon: LexiconLike) -> list[Mark]:
    """Lexicon matches in ``text`` as marks typed PER/ORG/LOC/MODEL.

    ``lexicon`` is a ``graph.extract.lexicon.Lexicon`` (typed by a protocol,
    so that this module imports nothing of the pipeline).
    """
    marks: list[Mark] = []
    for match in lexicon.scan(text):
        kind = _LEXICON_TYPES.get(str(match.entry.entity_type), "OTHER")
        marks.append((match.start, match.end, kind))
    return marks


# The lexicon's entity types (schema.org local names) as mark types.
_LEXICON_TYPES = {"Person": "PER", "Organization": "ORG", "Place": "LOC", "SoftwareApplication": "MODEL"}
