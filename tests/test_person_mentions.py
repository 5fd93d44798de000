"""People the trained tagger reads around numbers, measure words and describing brackets."""

from __future__ import annotations

import pytest

from graph.core.records import ArticleResult, EntityType
from graph.extract.article import ArticleExtractor
from graph.extract.statistical import TaggedWord
from graph.extract.tagger.words import words_with_names
from tests.extracted import extract


def _people(result: ArticleResult) -> dict[str, set[str]]:
    return {e.label: {a.text for a in e.aliases} for e in result.entities if e.entity_type is EntityType.PERSON}


def test_a_name_described_in_brackets_up_to_the_latin_name_is_that_person(extractor: ArticleExtractor) -> None:
    text = "黄仁勋（英伟达创始人兼 CEO Jensen Huang）昨天在台北发表了演讲。后来 Jensen Huang 又接受了采访。"
    people = _people(extract(extractor, text))
    assert "Jensen Huang" in people
    assert "黄仁勋" in people["Jensen Huang"]
    assert "黄仁勋" not in people


def test_a_bracket_that_closes_on_no_latin_name_joins_nobody(extractor: ArticleExtractor) -> None:
    text = "黄仁勋（英伟达创始人）昨天在台北发表了演讲，Jensen Huang 则没有出席。"
    people = _people(extract(extractor, text))
    assert "黄仁勋" not in people.get("Jensen Huang", set())


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("他展示了一张比尔·盖茨的照片。", "比尔·盖茨"),
        ("展台上挂着两张马化腾的海报。", "马化腾"),
    ],
)
def test_zhang_after_a_numeral_counts_a_picture(extractor: ArticleExtractor, text: str, person: str) -> None:
    people = _people(extract(extractor, text))
    assert person in people
    assert "张" + person not in people


def test_zhang_as_a_surname_stays(extractor: ArticleExtractor) -> None:
    assert "张一鸣" in _people(extract(extractor, "字节跳动创始人张一鸣今天发表了公开信。"))


@pytest.mark.parametrize("text", ["这架飞机的巡航速度可达 2.2 马赫，远超普通客机。", "电压升到 5 伏特以后，设备开始工作。"])
def test_a_word_right_after_a_number_is_its_unit(extractor: ArticleExtractor, text: str) -> None:
    assert not _people(extract(extractor, text))


def test_a_person_of_lacs_whose_post_a_bracket_gives_stands_where_the_tagger_has_none() -> None:
    text = "外界认为，悟空(Zentrix CEO)是个出色的运营者。"
    start = text.index("悟空")
    lac = [TaggedWord(0, start, "v"), TaggedWord(start, start + 2, "PER"), TaggedWord(start + 2, len(text), "w")]
    kept = words_with_names(text, lac, [])  # the tagger found no name here
    assert TaggedWord(start, start + 2, "PER") in kept
    plain = "外界认为，悟空是个出色的运营者。"
    lac_plain = [TaggedWord(0, start, "v"), TaggedWord(start, start + 2, "PER"), TaggedWord(start + 2, len(plain), "w")]
    assert TaggedWord(start, start + 2, "PER") not in words_with_names(plain, lac_plain, [])
