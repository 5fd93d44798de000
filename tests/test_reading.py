"""Reading input files and folders: encodings, formats, and every kind of bad input."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from graph.core.records import Article, ArticleMeta, Problem
from graph.ingest.decoding import decode_bytes
from graph.ingest.reading import (
    MAX_ARTICLE_CHARS,
    MAX_JSONL_LINE_BYTES,
    MAX_PAGE_CHARS,
    read_inputs,
)

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"

# Real sentences from the seed articles, with ASCII and newlines as news text has.
SIMPLIFIED = (
    "全国人大代表、科大讯飞董事长刘庆峰带来了一份沉甸甸的建议，即制定国家《通用人工智能发展规划》。\n"
    "360集团创始人周鸿祎表示，中国大模型的水平相当于美国GPT-3.5的水平。\n"
)
# GB2312 lacks 祎: the first sentence alone.
SIMPLIFIED_GB2312 = SIMPLIFIED.splitlines(keepends=True)[0]
TRADITIONAL = (
    "全國政協委員、360集團創始人周鴻禕表示，目前，美國產業界已經開始步入「All in AI」。\n"
    "香港大學新興技術研究所所長席寧表示，應用範圍會更廣泛。\n"
)


def _read_one(path: Path) -> Article | Problem:
    items = list(read_inputs([path]))
    assert len(items) == 1
    return items[0]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "data", "expected_encoding"),
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8-sig"), "utf-8-sig"),
        (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030"),
        (SIMPLIFIED_GB2312, SIMPLIFIED_GB2312.encode("gb2312"), "gb18030"),
        (TRADITIONAL, TRADITIONAL.encode("gb18030"), "gb18030"),
        (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
        (SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
        (TRADITIONAL, codecs.BOM_UTF16_BE + TRADITIONAL.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),  # no byte order mark
        (TRADITIONAL, TRADITIONAL.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb2312", "gb18030-traditional", "big5", "utf16le-bom", "utf16be-bom",
         "utf16le", "utf16be"],
)
def test_file_is_decoded_exactly_and_its_encoding_reported(tmp_path, text, data, expected_encoding):
    article = _read_one(_write(tmp_path, "article.txt", data))
    assert isinstance(article, Article)
    assert (article.text, article.encoding) == (text, expected_encoding)


def test_article_id_is_the_hash_of_the_decoded_text(tmp_path):
    article = _read_one(_write(tmp_path, "article.txt", SIMPLIFIED.encode("gbk")))
    assert article.article_id == Article.id_for(SIMPLIFIED)


def test_newlines_are_kept_as_decoded(tmp_path):
    text = SIMPLIFIED.replace("\n", "\r\n")
    assert _read_one(_write(tmp_path, "crlf.txt", text.encode("utf-8"))).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n\xe3\x80\x80\n", "empty: only whitespace"),
        ("。，！？……——\n「」《》\n".encode(), "no words: only punctuation or symbols"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary or undecodable file"),
        (bytes(range(256)) * 8, "binary or undecodable file"),
        (b"\x80\xff" * 100, "binary or undecodable file"),  # no encoding decodes it
        # Valid UTF-8 of control characters, not UTF-16 "〟" (found by hypothesis).
        (b"0\x1f", "binary or undecodable file"),
    ],
    ids=["empty", "whitespace", "punctuation", "png", "all-bytes", "undecodable", "controls-not-utf16"],
)
def test_unusable_text_file_is_a_problem(tmp_path, data, reason):
    path = _write(tmp_path, "bad.txt", data)
    assert _read_one(path) == Problem(str(path), reason)


def test_missing_path_is_a_problem(tmp_path):
    path = tmp_path / "missing.txt"
    assert _read_one(path) == Problem(str(path), "no such file or folder")


def test_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    # chmod 000 does not stop root (CI runs as root), so the refusal is simulated.
    path = _write(tmp_path, "locked.txt", SIMPLIFIED.encode("utf-8"))
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert _read_one(path) == Problem(str(path), "cannot read: Permission denied")


def test_unreadable_jsonl_file_is_a_problem(tmp_path, monkeypatch):
    path = _write(tmp_path, "locked.jsonl", b'{"text": "\xe6\x96\x87"}\n')

    def refuse(self: Path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert _read_one(path) == Problem(str(path), "cannot read: Permission denied")


def test_explicit_file_with_another_extension_is_a_problem(tmp_path):
    path = _write(tmp_path, "report.pdf", b"%PDF-1.7")
    problem = _read_one(path)
    assert isinstance(problem, Problem) and problem.reason.startswith("unsupported file type .pdf")


def test_folder_is_read_recursively_in_sorted_order_skipping_other_files(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "b").mkdir(parents=True)
    (corpus / "a").mkdir()
    for name in ("b/2.txt", "b/1.md", "a/z.HTML", "c.txt", "notes.pdf", "b/image.png"):
        (corpus / name).write_text(f"<p>{name} 人工智能</p>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sources = [item.source for item in read_inputs([Path("corpus")])]
    # Paths stay relative when given relative.
    assert sources == ["corpus/a/z.HTML", "corpus/b/1.md", "corpus/b/2.txt", "corpus/c.txt"]


def test_several_paths_are_read_in_the_order_given(tmp_path):
    first = _write(tmp_path, "z.txt", "周鸿祎".encode())
    second = _write(tmp_path, "a.txt", "刘庆峰".encode())
    assert [item.text for item in read_inputs([first, second])] == ["周鸿祎", "刘庆峰"]


# --- size limits -----------------------------------------------------------------

SENTENCE = "科大讯飞董事长刘庆峰表示，通用人工智能是全球科技竞争的焦点。"


def test_a_50_mb_single_line_file_is_refused_from_its_size_unread(tmp_path, monkeypatch):
    line = SENTENCE * 560_000  # ~50 MB of UTF-8, no newline
    path = _write(tmp_path, "huge.txt", line.encode("utf-8"))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    reason = f"article too long ({path.stat().st_size:,} bytes, more than {MAX_ARTICLE_CHARS:,} characters)"
    assert _read_one(path) == Problem(str(path), reason)


def _long_text(length: int) -> str:
    # 3 bytes a character: under the byte bound, so the file is decoded and counted.
    return ("刘庆峰" * length)[:length]


def test_text_at_the_limit_is_an_article(tmp_path):
    article = _read_one(_write(tmp_path, "long.txt", _long_text(MAX_ARTICLE_CHARS).encode("utf-8")))
    assert isinstance(article, Article) and len(article.text) == MAX_ARTICLE_CHARS


def test_text_one_character_over_the_limit_is_a_problem(tmp_path):
    path = _write(tmp_path, "long.txt", _long_text(MAX_ARTICLE_CHARS + 1).encode("utf-8"))
    reason = f"article too long ({MAX_ARTICLE_CHARS + 1:,} characters > {MAX_ARTICLE_CHARS:,})"
    assert _read_one(path) == Problem(str(path), reason)


def test_html_page_may_be_longer_than_an_article(tmp_path):
    # Scripts and styles make pages long; cleaning removes them.
    script = "<script>" + "x" * (2 * MAX_ARTICLE_CHARS) + "</script>"
    page = f"<html><head>{script}</head><body><p>{SENTENCE}</p></body></html>"
    article = _read_one(_write(tmp_path, "long.html", page.encode("utf-8")))
    assert isinstance(article, Article) and len(article.text) == len(page)


def test_html_page_longer_than_the_page_limit_is_a_problem(tmp_path):
    page = f"<html><body><p>{'x' * MAX_PAGE_CHARS}</p></body></html>"
    path = _write(tmp_path, "huge.html", page.encode("utf-8"))
    assert _read_one(path) == Problem(str(path), f"article too long ({len(page):,} characters > {MAX_PAGE_CHARS:,})")


def test_jsonl_record_longer_than_the_limit_is_a_problem_of_its_line(tmp_path):
    records = [{"text": "刘" * (MAX_ARTICLE_CHARS + 1)}, {"text": SENTENCE}]
    path = _write(tmp_path, "long.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode())
    first, second = read_inputs([path])
    assert first == Problem(str(path), f"article too long ({MAX_ARTICLE_CHARS + 1:,} characters > {MAX_ARTICLE_CHARS:,})", 1)
    assert second.text == SENTENCE


def test_jsonl_line_over_the_byte_bound_is_skipped_and_the_next_line_read(tmp_path):
    huge = json.dumps({"text": "刘庆峰", "html": "x" * MAX_JSONL_LINE_BYTES})
    path = _write(tmp_path, "huge.jsonl", (huge + "\n" + json.dumps({"text": SENTENCE}) + "\n").encode())
    first, second = read_inputs([path])
    assert first == Problem(str(path), f"line too long (more than {MAX_JSONL_LINE_BYTES:,} bytes)", 1)
    assert (second.text, second.source) == (SENTENCE, f"{path}#L2")


def test_named_pipe_with_a_text_name_is_a_problem_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    assert list(read_inputs([tmp_path])) == [Problem(str(tmp_path / "pipe.txt"), "not a regular file")]


# --- JSON lines -------------------------------------------------------------------


def test_jsonl_gives_one_article_per_good_line_and_a_problem_per_bad_line():
    path = INPUTS / "articles.jsonl"
    items = list(read_inputs([path]))
    summary = [(type(i).__name__, i.source if isinstance(i, Article) else (i.line, i.reason)) for i in items]
    assert summary == [
        ("Article", "https://news.example.com/a/1"),
        ("Article", f"{path}#L2"),
        ("Problem", (3, "malformed JSON: Expecting ',' delimiter")),
        ("Problem", (4, "missing or empty 'text' field")),
        ("Problem", (5, "missing or empty 'text' field")),
        ("Problem", (7, "line is not a JSON object")),
        ("Article", f"{path}#L8"),
    ]


def test_jsonl_fields_become_article_meta():
    article = next(iter(read_inputs([INPUTS / "articles.jsonl"])))
    assert article.meta == ArticleMeta(
        headline="刘庆峰的建议", url="https://news.example.com/a/1", date="2024-03-05", publisher="中华网"
    )
    assert article.text == "全国人大代表、科大讯飞董事长刘庆峰建议制定国家《通用人工智能发展规划》。"


def test_jsonl_chinese_date_is_normalised():
    last = list(read_inputs([INPUTS / "articles.jsonl"]))[-1]
    assert last.meta.date == "2024-04-13"


def test_jsonl_line_that_is_not_utf8_is_a_problem(tmp_path):
    data = '{"text": "刘庆峰"}\n'.encode() + '{"text": "周鸿祎"}\n'.encode("gbk")
    path = _write(tmp_path, "mixed.jsonl", data)
    assert list(read_inputs([path]))[1] == Problem(str(path), "line is not UTF-8", 2)


def test_jsonl_with_a_byte_order_mark_reads_its_first_line(tmp_path):
    path = _write(tmp_path, "bom.jsonl", '{"text": "刘庆峰"}\n'.encode("utf-8-sig"))
    assert _read_one(path).text == "刘庆峰"


def test_empty_jsonl_is_a_problem(tmp_path):
    path = _write(tmp_path, "empty.jsonl", b"\n\n")
    assert _read_one(path) == Problem(str(path), "empty file: no JSON lines")


# --- HTML -------------------------------------------------------------------------


def test_html_article_text_is_the_whole_page():
    path = INPUTS / "article.html"
    article = _read_one(path)
    assert article.text == path.read_text(encoding="utf-8")


def test_html_head_gives_headline_url_date_and_publisher():
    meta = _read_one(INPUTS / "article.html").meta
    assert (meta.headline, meta.url, meta.date, meta.publisher) == (
        "刘庆峰：建议制定国家通用人工智能发展规划",  # og:title, not the <title> with the site name
        "https://tech.example.com/2024/0305/001.html",  # canonical before og:url
        "2024-03-05",
        "中华网财经",
    )


def test_html_title_is_the_headline_without_og_title(tmp_path):
    page = "<html><head><title> 周鸿祎：\n大模型 </title></head><body><p>正文</p></body></html>"
    assert _read_one(_write(tmp_path, "p.html", page.encode("utf-8"))).meta.headline == "周鸿祎： 大模型"


@pytest.mark.parametrize(
    ("meta_tag", "codec", "text", "expected_encoding"),
    [
        ('<meta charset="big5">', "big5", TRADITIONAL, "big5"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312", SIMPLIFIED_GB2312, "gb18030"),
        ('<meta charset="GBK">', "gbk", TRADITIONAL, "gb18030"),
        # A page that declares a wrong charset: the bytes are valid UTF-8, which wins.
        ('<meta charset="gbk">', "utf-8", SIMPLIFIED, "utf-8"),
        # A declaration the bytes contradict: detection decides.
        ('<meta charset="utf-8">', "gbk", SIMPLIFIED, "gb18030"),
    ],
    ids=["big5", "gb2312-http-equiv", "gbk-traditional", "wrong-declaration-utf8", "contradicted-declaration"],
)
def test_html_declared_charset_is_honoured(tmp_path, meta_tag, codec, text, expected_encoding):
    page = f"<html><head>{meta_tag}<title>Sora</title></head><body><p>{text}</p></body></html>"
    article = _read_one(_write(tmp_path, "page.htm", page.encode(codec)))
    assert (article.text, article.encoding) == (page, expected_encoding)


@pytest.mark.parametrize(
    ("text", "codec", "expected_encoding"),
    [
        # One stray NUL in a long article is damage, not a sign of UTF-16 or of binary data.
        ((SIMPLIFIED * 2).replace("360", "\x00360", 1), "utf-8", "utf-8"),
        ((SIMPLIFIED * 2).replace("360", "\x00360", 1), "gbk", "gb18030"),
        # UTF-16 of Chinese alone has no NUL byte to give it away.
        ("科大讯飞董事长刘庆峰表示通用人工智能是全球科技竞争的焦点", "utf-16-le", "utf-16-le"),
        ("香港大學新興技術研究所所長席寧表示應用範圍會更廣泛", "utf-16-be", "utf-16-be"),
    ],
    ids=["utf8-stray-nul", "gbk-stray-nul", "utf16le-chinese-only", "utf16be-chinese-only"],
)
def test_decode_bytes_without_the_usual_clues(text, codec, expected_encoding):
    assert decode_bytes(text.encode(codec)) == (text, expected_encoding)


def test_decode_bytes_returns_text_and_encoding():
    assert decode_bytes(SIMPLIFIED.encode("utf-8")) == (SIMPLIFIED, "utf-8")


def test_decode_bytes_refuses_invalid_bytes_after_a_byte_order_mark():
    assert decode_bytes(codecs.BOM_UTF8 + "刘庆峰".encode("gbk")) is None
