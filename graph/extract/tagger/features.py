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
    n = len(text)
    if n == 0:
        return []
    chars = [BEGIN, BEGIN, *(normal_char(c) for c in text), END, END]
    shapes = ["B", *(char_shape(c) for c in text), "E"]
    # LAC: the tag and position of each character's word, the tags of the words
    # before and after it, and the word itself when short.
    word_of = [""] * n
    before = ["^"] * n
    after = ["$"] * n
    previous = "^"
    ordered = sorted(words, key=lambda w: w.start)
    for k, word in enumerate(ordered):
        following = ordered[k + 1].tag if k + 1 < len(ordered) else "$"
        surface = text[word.start : word.end] if word.end - word.start <= _WORD_FEATURE_MAX else "~"
        for i in range(max(word.start, 0), min(word.end, n)):
            word_of[i] = surface
            before[i] = previous
            after[i] = following
        previous = word.tag
    lac = _positions(n, [(w.start, w.end, w.tag) for w in ordered])
    lexicon = _positions(n, marks)
    rows: list[list[str]] = []
    for i in range(n):
        j = i + 2  # index into the padded characters
        c0, cm1, cm2, c1, c2 = chars[j], chars[j - 1], chars[j - 2], chars[j + 1], chars[j + 2]
        row = [
            "b",
            "c=" + c0,
            "c-1=" + cm1,
            "c+1=" + c1,
            "c-2=" + cm2,
            "c+2=" + c2,
            "cc-1=" + cm1 + c0,
            "cc+1=" + c0 + c1,
            "cc-2=" + cm2 + cm1,
            "cc+2=" + c1 + c2,
            "ccc=" + cm1 + c0 + c1,
            "s=" + shapes[i] + shapes[i + 1] + shapes[i + 2],
            "t=" + lac[i],
            "tp=" + before[i] + "|" + lac[i],
            "tn=" + lac[i] + "|" + after[i],
            "w=" + word_of[i],
        ]
        if lexicon[i]:
            row.append("x=" + lexicon[i])
        rows.append(row)
    return rows


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
