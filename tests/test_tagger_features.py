"""The tagger's features as built for speed are those of the plain per-character definition."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import pairwise

import pytest

from graph.extract.statistical import LacTagger
from graph.extract.tagger import EntityTagger, sentence_features
from graph.extract.tagger.features import BEGIN, END, Mark, Word, WordLike, char_shape, feature_rows, normal_char
from graph.extract.text import split_sentences

TEXTS = (
    "百度创始人李彦宏在北京发布了文心一言。",
    "ＯｐｅｎＡＩ在２０２４年\u200b发布了GPT-4o，　Hello world!",
    "华为公司董事长梁华昨天在深圳会见了来访的德国客人。",
    "中",
)


def _spans(length: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
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


def reference_features(text: str, words: Sequence[WordLike], marks: Sequence[Mark] = ()) -> list[list[str]]:
    """The features as first written, one character's row at a time (FEATURES_VERSION 1)."""
    n = len(text)
    chars = [BEGIN, BEGIN, *(normal_char(c) for c in text), END, END]
    shapes = ["B", *(char_shape(c) for c in text), "E"]
    word_of, before, after = [""] * n, ["^"] * n, ["$"] * n
    previous = "^"
    ordered = sorted(words, key=lambda w: w.start)
    for k, word in enumerate(ordered):
        following = ordered[k + 1].tag if k + 1 < len(ordered) else "$"
        surface = text[word.start : word.end] if word.end - word.start <= 6 else "~"
        for i in range(max(word.start, 0), min(word.end, n)):
            word_of[i], before[i], after[i] = surface, previous, following
        previous = word.tag
    lac = _spans(n, [(w.start, w.end, w.tag) for w in ordered])
    lexicon = _spans(n, marks)
    rows = []
    for i in range(n):
        j = i + 2
        c0, cm1, cm2, c1, c2 = chars[j], chars[j - 1], chars[j - 2], chars[j + 1], chars[j + 2]
        row = [
            "b", "c=" + c0, "c-1=" + cm1, "c+1=" + c1, "c-2=" + cm2, "c+2=" + c2,
            "cc-1=" + cm1 + c0, "cc+1=" + c0 + c1, "cc-2=" + cm2 + cm1, "cc+2=" + c1 + c2,
            "ccc=" + cm1 + c0 + c1, "s=" + shapes[i] + shapes[i + 1] + shapes[i + 2],
            "t=" + lac[i], "tp=" + before[i] + "|" + lac[i], "tn=" + lac[i] + "|" + after[i], "w=" + word_of[i],
        ]  # fmt: skip
        if lexicon[i]:
            row.append("x=" + lexicon[i])
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def lac() -> LacTagger:
    return LacTagger.shared()


def test_features_of_lac_words_are_the_reference(lac: LacTagger) -> None:
    for text in TEXTS:
        words = lac.tag(text)
        marks = [(0, 2, "ORG"), (len(text) - 3, len(text) + 2, "MODEL")]
        assert sentence_features(text, words, marks) == reference_features(text, words, marks)
        assert [list(row) for row in feature_rows(text, words)] == reference_features(text, words)


def test_features_of_any_words_are_the_reference() -> None:
    # Overlapping, empty, unsorted words and offsets outside the text take the general path.
    draw = random.Random(7)
    for _ in range(400):
        text = draw.choice(TEXTS)
        n = len(text)
        words = [
            Word(draw.randint(-2, n + 1), draw.randint(-2, n + 2), draw.choice(("n", "PER", "v")))
            for _ in range(draw.randint(0, 6))
        ]
        marks = [(draw.randint(-1, n), draw.randint(-1, n + 1), "ORG") for _ in range(draw.randint(0, 3))]
        assert sentence_features(text, words, marks) == reference_features(text, words, marks)
        cuts = sorted(set(draw.sample(range(n + 1), min(n + 1, 6))))
        tiles = [Word(a, b, draw.choice(("n", "ORG"))) for a, b in pairwise(cuts) if draw.random() < 0.8]
        draw.shuffle(tiles)
        assert sentence_features(text, tiles, marks) == reference_features(text, tiles, marks)


def test_spans_without_confidence_are_the_same(lac: LacTagger) -> None:
    tagger = EntityTagger.shared()
    text = "".join(TEXTS)
    sentences = [(s.start, s.end) for s in split_sentences(text)]
    with_confidence = tagger.tag_article(text, lac.tag(text), sentences, titles=False)
    without = tagger.tag_article(text, lac.tag(text), sentences, titles=False, confidence=False)
    assert with_confidence == without and with_confidence
    assert {s.confidence for s in without} == {1.0}
    assert any(s.confidence < 1.0 for s in with_confidence)
