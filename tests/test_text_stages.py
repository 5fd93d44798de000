"""Unit tests of reading, cleaning, script conversion and the offset map."""

from __future__ import annotations

import pytest

from graph.core.records import Article, Problem
from graph.ingest.cleaning import clean
from graph.ingest.reading import read_inputs
from graph.text.offsets import MappedText
from graph.text.script import detect_script, to_simplified

SENTENCE = "全国政协委员、360集团创始人周鸿祎表示，大模型是生产力工具。"


def _article(text: str) -> Article:
    return Article(Article.id_for(text), "t.txt", text, "utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_each_encoding_is_decoded(tmp_path, encoding):
    text = "香港大學新興技術研究所所長席寧表示，人工智能發展迅速。" if encoding == "big5" else SENTENCE
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    (article,) = read_inputs([path])
    assert isinstance(article, Article) and article.text == text


@pytest.mark.parametrize(("content", "reason"), [(b"", "empty"), (b"  \n ", "empty"), (b"\x00\x01\x02binary", "binary"), ("。。！".encode(), "punctuation")])
def test_bad_files_are_problems(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    (problem,) = read_inputs([path])
    assert isinstance(problem, Problem) and reason in problem.reason


def test_jsonl_malformed_lines_are_problems(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(f'{{"text": "{SENTENCE}", "title": "T"}}\n{{oops\n{{"title": "no text"}}\n', encoding="utf-8")
    items = list(read_inputs([path]))
    assert isinstance(items[0], Article) and items[0].meta.headline == "T"
    assert [p.line for p in items[1:]] == [2, 3]


def test_missing_path_is_a_problem(tmp_path):
    (problem,) = read_inputs([tmp_path / "nope.txt"])
    assert "no such" in problem.reason


def test_mapped_text_points_back():
    original = "時(shí)尚<div>女性</div>"
    mapped = MappedText.without(original, [(1, 6), (7, 12), (14, 20)])
    assert mapped.text == "時尚女性"
    assert [original[mapped.to_original(i)] for i in range(4)] == list("時尚女性")
    assert mapped.span_to_original(2, 4) == (12, 14)


@pytest.mark.parametrize(
    ("raw", "kept", "gone"),
    [
        ("一位時(shí)尚女性走在街道上。", "一位時尚女性", "(shí)"),
        ("狼群?!?/div>\n下一段。", "下一段", "/div>"),
        ("正文。\n亚洲欧洲综合5388_97欧美激情超碰一区二区_性色生活毛片免费旡码\n", "正文", "激情"),
        ("正文。\n版权所有 © 2024 京ICP备12345号\n", "正文", "ICP"),
        ("人工智能(AI)很重要。", "(AI)", ""),
    ],
)
def test_cleaning_removes_debris_and_keeps_text(raw, kept, gone):
    cleaned = clean(_article(raw)).text.text
    assert kept in cleaned
    if gone:
        assert gone not in cleaned


def test_header_fields_become_metadata():
    raw = "标题: 国内大模型能达到Sora水平吗\n链接: https://example.com/a\n总结: 本报记者李明会 北京报道 周鸿祎表示。\n"
    cleaned = clean(_article(raw))
    assert cleaned.meta.headline == "国内大模型能达到Sora水平吗" and cleaned.meta.url == "https://example.com/a"
    assert "李明会" in cleaned.meta.authors and "标题" not in cleaned.text.text


def test_trailing_snippet_after_second_byline_is_cut():
    body = "文|罗曾\n" + "刘庆峰认为，人工智能很重要。" * 30 + "\n文|李振兴8月27日,源飞宠物发布半年报。\n"
    cleaned = clean(_article(body)).text.text
    assert "李振兴" not in cleaned and "刘庆峰" in cleaned


def test_simplified_keeps_length_and_detects_script():
    text = "周鴻禕表示，訊飛星火認知大模型"
    assert to_simplified(text) == "周鸿祎表示，讯飞星火认知大模型"
    assert len(to_simplified(text)) == len(text)
    assert detect_script(text) == "zh-Hant" and detect_script("周鸿祎表示") == "zh-Hans"
