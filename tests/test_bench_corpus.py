"""bench/corpus.py: the generated benchmark corpus is deterministic, sized, varied and partly Traditional."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import (
    MAX_ARTICLE_BYTES,
    MIN_ARTICLE_BYTES,
    GeneratedArticle,
    find_slots,
    generate_articles,
    write_corpus,
)
from graph.core.records import EntityType
from graph.text.script import detect_script, to_simplified

SMALL_MB = 0.05


@pytest.fixture(scope="module")
def articles() -> list[GeneratedArticle]:
    return list(generate_articles(SMALL_MB, seed=11))


def test_same_seed_gives_the_same_articles(articles: list[GeneratedArticle]) -> None:
    assert list(generate_articles(SMALL_MB, seed=11)) == articles


def test_another_seed_gives_other_articles(articles: list[GeneratedArticle]) -> None:
    assert [a.text for a in generate_articles(SMALL_MB, seed=12)] != [a.text for a in articles]


def test_articles_are_between_one_and_five_kilobytes(articles: list[GeneratedArticle]) -> None:
    sizes = [len(a.text.encode("utf-8")) for a in articles]
    assert all(MIN_ARTICLE_BYTES <= size <= MAX_ARTICLE_BYTES for size in sizes), sizes


def test_the_corpus_stops_once_the_size_is_reached(articles: list[GeneratedArticle]) -> None:
    total = sum(len(a.text.encode("utf-8")) for a in articles)
    assert SMALL_MB * 1e6 <= total < SMALL_MB * 1e6 + MAX_ARTICLE_BYTES


@pytest.mark.parametrize(("share", "expected_scripts"), [(0.0, {"zh-Hans"}), (1.0, {"zh-Hant"})])
def test_traditional_share_decides_the_script(share: float, expected_scripts: set[str]) -> None:
    generated = list(generate_articles(0.02, seed=3, traditional_share=share))
    assert {detect_script(a.text) for a in generated} == expected_scripts


def test_articles_are_labelled_with_the_script_they_are_in(articles: list[GeneratedArticle]) -> None:
    assert all(detect_script(a.text) == a.script for a in articles)


@pytest.mark.parametrize(
    "seed_name",
    ["刘庆峰", "周鸿祎", "科大讯飞", "广州七火山科技", "Sora"],  # a person, a company, a model
)
def test_seed_names_are_replaced(articles: list[GeneratedArticle], seed_name: str) -> None:
    assert not any(seed_name in to_simplified(a.text) for a in articles)


def test_institutions_are_kept(articles: list[GeneratedArticle]) -> None:
    assert any("全国人大" in to_simplified(a.text) for a in articles)


def test_a_bigger_corpus_names_more_organizations() -> None:
    def organizations(megabytes: float) -> set[str]:
        pattern = re.compile(r"[\u4e00-\u9fff]{2}(?:科技|集团|研究院)")
        return {m for a in generate_articles(megabytes, seed=5) for m in pattern.findall(to_simplified(a.text))}

    assert len(organizations(0.2)) > 1.5 * len(organizations(0.05))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全国人大代表、科大讯飞董事长刘庆峰表示", [("科大讯飞", EntityType.ORGANIZATION), ("刘庆峰", EntityType.PERSON)]),
        ("广州七火山科技发布了Etna文生视频模型", [("广州七火山科技", EntityType.ORGANIZATION), ("Etna", EntityType.SOFTWARE)]),
        ("OpenAI推出Sora", [("OpenAI", EntityType.ORGANIZATION), ("Sora", EntityType.SOFTWARE)]),
        ("记者在北京报道", [("北京", EntityType.PLACE)]),
        ("新华社记者采访了国务院", []),
    ],
)
def test_find_slots(sentence: str, expected: list[tuple[str, EntityType]]) -> None:
    slots = find_slots(sentence, frozenset({"刘庆峰"}))
    assert [(sentence[s.start : s.end], s.kind) for s in slots] == expected


def test_write_corpus_writes_one_utf8_file_per_article(tmp_path: Path) -> None:
    summary = write_corpus(tmp_path / "corpus", 0.02, seed=4)
    files = sorted((tmp_path / "corpus").iterdir())
    assert len(files) == summary.files
    assert sum(f.stat().st_size for f in files) == summary.bytes
    assert [f.read_text(encoding="utf-8") for f in files] == [a.text for a in generate_articles(0.02, seed=4)]
