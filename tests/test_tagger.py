"""The CRF entity tagger (graph.extract.tagger) with the shipped model files."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest

from graph.extract.lexicon import LexiconMatch
from graph.extract.statistical import LacTagger
from graph.extract.tagger import EntitySpan, EntityTagger, TaggerModelError, sentence_features
from graph.extract.tagger.crf import MODEL_CARD, MODEL_DIR, NAMES_MODEL, TITLES_MODEL, decode_bio
from graph.extract.tagger.features import FEATURES_VERSION, WordLike
from training.tagger_corpora import NAME_TYPES, Sentence
from training.train_tagger import Prepared, TrainConfig, items, train_model


class _NoLexicon:
    """A lexicon that knows no name."""

    def scan(self, text: str) -> list[LexiconMatch]:
        return []


@pytest.fixture(scope="module")
def lac() -> LacTagger:
    return LacTagger.shared()


@pytest.fixture(scope="module")
def tagger() -> EntityTagger:
    return EntityTagger()


def _found(tagger: EntityTagger, lac: LacTagger, text: str) -> set[tuple[str, str]]:
    spans = tagger.tag([text], lac.tag_many([text]))[0]
    return {(text[s.start : s.end], s.label) for s in spans}


# Ordinary news sentences written for this test (not from the seeds or any corpus).
@pytest.mark.parametrize(
    ("text", "person", "organization"),
    [
        ("华为公司董事长梁华昨天在深圳会见了来访的德国客人。", "梁华", "华为公司"),
        ("清华大学教授王晓明表示，这项研究得到了国家自然科学基金委员会的支持。", "王晓明", "清华大学"),
        ("记者张伟从上海市教育委员会获悉，今年全市将新建二十所中小学。", "张伟", "上海市教育委员会"),
        ("中国科学院院长侯建国出席了在合肥举行的量子科技论坛。", "侯建国", "中国科学院"),
    ],
)
def test_finds_the_person_and_the_organization(
    tagger: EntityTagger, lac: LacTagger, text: str, person: str, organization: str
) -> None:
    found = _found(tagger, lac, text)
    assert (person, "PER") in found
    assert (organization, "ORG") in found


def test_finds_a_place_and_a_title(tagger: EntityTagger, lac: LacTagger) -> None:
    found = _found(tagger, lac, "阿里巴巴集团首席执行官吴泳铭在杭州宣布了新的组织架构调整。")
    assert ("杭州", "LOC") in found
    assert ("吴泳铭", "PER") in found
    assert any(label == "TITLE" and "执行官" in surface for surface, label in found)


def test_spans_are_character_offsets_into_each_text(tagger: EntityTagger, lac: LacTagger) -> None:
    # A leading space and a Latin name shift nothing: offsets are code points of the text given.
    texts = [" 据新华社报道，腾讯公司副总裁李明在深圳出席了AI发布会。", "李强在北京会见了法国总统。"]
    results = tagger.tag(texts, lac.tag_many(texts))
    assert len(results) == 2
    for spans in results:
        assert spans == sorted(spans)
        assert all(a.end <= b.start for a, b in pairwise(spans))  # never overlapping
    first, second = texts
    expected = {("新华社", "ORG"), ("腾讯公司", "ORG"), ("李明", "PER"), ("深圳", "LOC")}
    for surface, label in expected:
        start = first.index(surface)
        assert EntitySpan(start, start + len(surface), label) in results[0]
    assert {(second[s.start : s.end], s.label) for s in results[1]} >= {("李强", "PER"), ("北京", "LOC")}


def test_an_article_is_tagged_sentence_by_sentence(tagger: EntityTagger, lac: LacTagger) -> None:
    sentences = ["腾讯公司副总裁李明在深圳出席发布会。", "清华大学教授王晓明表示支持。"]
    text = sentences[0] + "\n\n" + sentences[1]
    bounds = [(0, len(sentences[0])), (len(sentences[0]) + 2, len(text))]
    one_by_one = tagger.tag(sentences, lac.tag_many(sentences))
    shifted = [
        EntitySpan(s.start + start, s.end + start, s.label)
        for (start, _), spans in zip(bounds, one_by_one)
        for s in spans
    ]
    assert tagger.tag_article(text, lac.tag(text), bounds) == shifted
    assert ("王晓明", "PER") in {(text[s.start : s.end], s.label) for s in shifted}


def test_empty_text_gives_no_spans(tagger: EntityTagger) -> None:
    assert tagger.tag([""], [[]]) == [[]]
    assert tagger.tag([], []) == []
    assert sentence_features("", []) == []


def test_features_are_the_same_for_the_same_input(lac: LacTagger) -> None:
    text = "百度创始人李彦宏在北京发布了文心一言。"
    words = lac.tag(text)
    marks = [(0, 2, "ORG"), (14, 18, "MODEL")]
    first = sentence_features(text, words, marks)
    assert first == sentence_features(text, list(words), list(marks))
    assert len(first) == len(text)
    # Training builds its features with the same function: one sentence through the trainer's path.
    sentence = Sentence("t-0", "msra", text, ((5, 8, "PER"),))
    data = Prepared([sentence], [words], [marks])
    [(xseq, yseq)] = list(items(data, NAME_TYPES, None, TrainConfig()))
    assert xseq == first
    assert yseq[5:8] == ["B-PER", "I-PER", "I-PER"] and yseq.count("O") == len(text) - 3


def test_shipped_model_matches_its_card() -> None:
    import hashlib

    card = json.loads((MODEL_DIR / MODEL_CARD).read_text(encoding="utf-8"))
    assert card["features_version"] == FEATURES_VERSION
    for name in (NAMES_MODEL, TITLES_MODEL):
        assert hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest() == card["sha256"][name]
    assert sum((MODEL_DIR / n).stat().st_size for n in (NAMES_MODEL, TITLES_MODEL)) <= 30_000_000


def test_copied_model_folder_tags_the_same(tmp_path: Path, tagger: EntityTagger, lac: LacTagger) -> None:
    for name in (NAMES_MODEL, TITLES_MODEL, MODEL_CARD):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    texts = ["清华大学教授王晓明表示，这项研究得到了国家自然科学基金委员会的支持。"]
    words = lac.tag_many(texts)
    assert EntityTagger(tmp_path, lexicon=tagger.lexicon).tag(texts, words) == tagger.tag(texts, words)


def test_a_trained_model_round_trips_through_its_file(tmp_path: Path) -> None:
    class Word:
        def __init__(self, start: int, end: int, tag: str) -> None:
            self.start, self.end, self.tag = start, end, tag

    text = "王芳在南京工作。"
    words: Sequence[WordLike] = [
        Word(0, 2, "PER"),
        Word(2, 3, "p"),
        Word(3, 5, "LOC"),
        Word(5, 7, "v"),
        Word(7, 8, "w"),
    ]
    sentence = Sentence("t-0", "msra", text, ((0, 2, "PER"), (3, 5, "LOC")))
    data = Prepared([sentence] * 5, [words] * 5, [[]] * 5)
    assert (
        train_model(
            items(data, NAME_TYPES, None, TrainConfig(min_freq=1)), tmp_path / NAMES_MODEL, TrainConfig(min_freq=1)
        )
        == 5
    )
    (tmp_path / MODEL_CARD).write_text(json.dumps({"features_version": FEATURES_VERSION}), encoding="utf-8")
    reloaded = EntityTagger(tmp_path, lexicon=_NoLexicon())
    assert reloaded.titles is None
    assert reloaded.tag([text], [words], [[]]) == [[EntitySpan(0, 2, "PER"), EntitySpan(3, 5, "LOC")]]


def test_a_model_with_other_features_is_refused(tmp_path: Path) -> None:
    shutil.copy(MODEL_DIR / NAMES_MODEL, tmp_path / NAMES_MODEL)
    (tmp_path / MODEL_CARD).write_text(json.dumps({"features_version": FEATURES_VERSION + 1}), encoding="utf-8")
    with pytest.raises(TaggerModelError, match="features version"):
        EntityTagger(tmp_path)


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / MODEL_CARD).write_text(json.dumps({"features_version": FEATURES_VERSION}), encoding="utf-8")
    with pytest.raises(TaggerModelError, match="no tagger model"):
        EntityTagger(tmp_path)


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "O"], []),
        (["B-PER", "I-PER", "O", "B-LOC"], [EntitySpan(0, 2, "PER"), EntitySpan(3, 4, "LOC")]),
        (["B-ORG", "B-ORG", "I-ORG"], [EntitySpan(0, 1, "ORG"), EntitySpan(1, 3, "ORG")]),
        (["O", "I-PER", "I-PER"], [EntitySpan(1, 3, "PER")]),  # a stray I- still starts a span
        (["B-PER", "I-LOC"], [EntitySpan(0, 1, "PER"), EntitySpan(1, 2, "LOC")]),
    ],
)
def test_decode_bio(labels: list[str], spans: list[EntitySpan]) -> None:
    assert decode_bio(labels) == spans
