"""Small text helpers shared by the extraction rules: keys, character classes, sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from graph.core.records import TextSpan
from graph.text.chars import has_cjk

_LATIN_CHAR = re.compile(r"[A-Za-z]")
# Characters that never change what a name refers to: spacing, dots, dashes, quotes.
_KEY_NOISE = re.compile(r"[\s《》「」『』“”\"'·•‧・\-_.()（）]")


def last_match(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The last non-overlapping match of ``pattern`` in ``text[start:end]``, or None."""
    found = None
    for found in pattern.finditer(text, start, len(text) if end is None else end):  # noqa: B007 (the last one is kept)
        pass
    return found


def is_latin_only(text: str) -> bool:
    return not has_cjk(text) and bool(_LATIN_CHAR.search(text))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Key under which two surface forms of one name compare equal.

    NFKC folds full-width forms, lower-casing folds Latin case, and spacing,
    middle dots, dashes and quotes are dropped (Open AI = OpenAI, GPT-4 = GPT4).
    The text must already be Simplified.
    """
    folded = unicodedata.normalize("NFKC", text).lower()
    # Format characters (bidi marks, zero-width joiners) are invisible: not part of a name.
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return _KEY_NOISE.sub("", folded)


# A sentence ends at 。！？!?； or a line break; a closing quote or bracket right
# after the terminator still belongs to the sentence.
_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


def split_sentences(text: str) -> Iterator[TextSpan]:
    """Sentence spans of ``text`` with surrounding whitespace trimmed; never empty."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[TextSpan]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield TextSpan(start, end)
