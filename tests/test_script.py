"""Script detection and length-preserving Traditional ↔ Simplified conversion."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from graph.text import script
from graph.text.script import detect_script, to_simplified, to_traditional

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("周鴻禕", "周鸿祎"),
        ("訊飛星火認知大模型", "讯飞星火认知大模型"),
        ("劉慶峰", "刘庆峰"),
        ("全國人大代表、科大訊飛董事長劉慶峰：", "全国人大代表、科大讯飞董事长刘庆峰："),
        ("香港大學新興技術研究所所長席寧表示", "香港大学新兴技术研究所所长席宁表示"),
        ("工業4.0研究院院長胡權告訴《中國冶金報》記者", "工业4.0研究院院长胡权告诉《中国冶金报》记者"),
    ],
)
def test_to_simplified_converts_traditional_sentences(traditional, simplified):
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize(
    "text",
    [
        "全国人大代表、科大讯飞董事长刘庆峰带来了一份沉甸甸的建议。",
        "360集团创始人周鸿祎、国产大模型独角兽智谱AI CEO张鹏",
        "OpenAI发布Sora, GPT-4/4V",
        "",
    ],
)
def test_to_simplified_leaves_simplified_text_unchanged(text):
    assert to_simplified(text) == text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_conversion_keeps_the_length_of_every_seed(prefix):
    text = _seed(prefix)
    assert (len(to_simplified(text)), len(to_traditional(text))) == (len(text), len(text))


class _PhraseConverter:
    """A stand-in for OpenCC whose phrase table changes lengths."""

    table: ClassVar[dict[str, str]] = {"乾隆皇帝": "乾隆帝", "乾": "干", "頭": "头", "髮": "发", "瞭": "了解"}

    def convert(self, text: str) -> str:
        for source, target in self.table.items():
            text = text.replace(source, target)
        return text


@pytest.fixture
def phrase_converter(monkeypatch):
    monkeypatch.setattr(script, "_converter", lambda config: _PhraseConverter())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The line is retried clause by clause, the clause character by character.
        ("頭髮\n乾隆皇帝，頭髮。", "头发\n干隆皇帝，头发。"),
        ("瞭頭", "瞭头"),  # a character whose conversion is longer stays
    ],
)
def test_length_changing_conversion_falls_back_to_smaller_pieces(phrase_converter, text, expected):
    assert to_simplified(text) == expected


def test_to_traditional_gives_the_other_script():
    assert to_traditional("科大讯飞董事长、周鸿祎") == "科大訊飛董事長、周鴻禕"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("000", "zh-Hant"), ("001", "zh-Hans"), ("002", "zh-Hans"), ("003", "zh-Hant"), ("004", "zh-Hans")],
)
def test_detect_script_of_the_seeds(prefix, expected):
    assert detect_script(_seed(prefix)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("劉慶峰", "zh-Hant"),
        ("刘庆峰", "zh-Hans"),
        ("OpenAI Sora", "zh-Hans"),  # no Chinese at all
        ("", "zh-Hans"),
        # One Traditional name quoted in a long Simplified text does not make it Traditional.
        ("他在接受采访时引用了台湾媒体的报道，称这个市场正在迅速增长，未来几年还有很大的空间。" * 3 + "劉", "zh-Hans"),
    ],
)
def test_detect_script_of_short_texts(text, expected):
    assert detect_script(text) == expected


@pytest.mark.parametrize(
    ("taiwan", "mainland"),
    [
        ("新創公司釋出新軟體", "新创公司发布新软件"),
        # 輝達 → 英伟达 would change the length: that clause goes character by character.
        ("輝達釋出新軟體", "辉达释出新软体"),
        ("位於矽谷的新創公司", "位于硅谷的新创公司"),
        ("模型的參數量與資料庫", "模型的参数量与数据库"),
    ],
)
def test_taiwan_words_become_the_mainlands(taiwan, mainland):
    assert script.to_mainland_simplified(taiwan) == mainland


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_mainland_conversion_keeps_the_length_of_traditional_seeds(prefix):
    text = _seed(prefix)
    assert len(script.to_mainland_simplified(text)) == len(text)


def test_a_taiwan_worded_article_names_the_mainlands_entities():
    from graph.core.records import Article
    from graph.extract.article import ArticleExtractor

    text = "位於矽谷的新創公司星瀾科技今天釋出了新軟體，輝達執行長黃仁勳出席。"
    result = ArticleExtractor().extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    labels = {e.label for e in result.entities}
    assert {"英伟达", "硅谷", "黄仁勋"} <= labels
    surfaces = {m.surface for m in result.mentions}
    assert {"輝達", "矽谷"} <= surfaces  # mentions keep the article's own characters
