"""Reading inputs: files or folders of .txt, .md, .html/.htm and .jsonl articles.

Every failure becomes a ``Problem`` record (path and reason), never an
exception: a corpus with broken files still builds from the good ones.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.model import Article, ArticleMeta

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
READABLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
_MEANINGFUL = re.compile(r"[\w\u3400-\u9fff]")


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, and why."""

    path: str
    reason: str
    line: int | None = None


def read_inputs(paths: Sequence[Path]) -> Iterator[Article | Problem]:
    """Articles and problems of ``paths`` in a deterministic order."""
    for path in paths:
        path = Path(path)
        if not path.exists():
            yield Problem(str(path), "no such file or folder")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in READABLE_SUFFIXES:
                    yield from read_file(child)
        elif path.suffix.lower() not in READABLE_SUFFIXES:
            yield Problem(str(path), f"unsupported file type {path.suffix or '(none)'}; expected one of {', '.join(READABLE_SUFFIXES)}")
        else:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[Article | Problem]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Problem(str(path), f"cannot read: {err.strerror or err}")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, data)
        return
    decoded = decode(data, html_page=suffix in HTML_SUFFIXES)
    if decoded is None:
        yield Problem(str(path), "binary or undecodable file")
        return
    text, encoding = decoded
    if not _MEANINGFUL.search(text):
        yield Problem(str(path), "empty: no text" if not text.strip() else "no words, only punctuation or symbols")
        return
    meta = _html_meta(text) if suffix in HTML_SUFFIXES else ArticleMeta()
    yield Article(Article.id_for(text), str(path), text, encoding, meta)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Article | Problem]:
    decoded = decode(data)
    if decoded is None:
        yield Problem(str(path), "binary or undecodable file")
        return
    for number, line in enumerate(decoded[0].splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(str(path), f"malformed JSON: {err.msg}", number)
            continue
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str) or not _MEANINGFUL.search(text):
            yield Problem(str(path), "missing or empty 'text' field", number)
            continue
        field = lambda name: record.get(name) if isinstance(record.get(name), str) else None  # noqa: E731
        meta = ArticleMeta(headline=field("title"), url=field("url"), date=field("date"), publisher=field("source"))
        source = field("url") or f"{path}#L{number}"
        yield Article(Article.id_for(text), source, text, decoded[1], meta)


def decode(data: bytes, *, html_page: bool = False) -> tuple[str, str] | None:
    """Text and encoding name, or None for binary data."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    if _looks_utf16(data):
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if _cjk_share(text) > 0.2:
                return text, name
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html_page:
        declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", data[:4096], re.I)
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii")), declared.group(1).decode("ascii").lower()
            except (LookupError, UnicodeDecodeError):
                pass
    best: tuple[float, str, str] | None = None
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _common_share(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    return (best[1], best[2]) if best else None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:2000]
    return len(sample) >= 4 and sample.count(b"\x00") > len(sample) // 4


def _cjk_share(text: str) -> float:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") / max(1, len(text))


def _common_share(text: str) -> float:
    """Share of characters that are common Chinese (GB2312 level 1) or ASCII:
    the right decoding of real news text scores far higher than a wrong one."""
    good = 0
    for ch in text[:20000]:
        if ch.isascii():
            good += 1
            continue
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            # A Traditional character is fine too; its simplified form is common.
            from graph.script import to_simplified

            try:
                b = to_simplified(ch).encode("gb2312")
            except UnicodeEncodeError:
                continue
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7 or len(b) == 2 and 0xA1 <= b[0] <= 0xA9:
            good += 1
    return good / max(1, min(len(text), 20000))


def _html_meta(page: str) -> ArticleMeta:
    def meta(prop: str) -> str | None:
        m = re.search(rf"""<meta[^>]+(?:property|name)=["']{re.escape(prop)}["'][^>]*content=["']([^"']*)""", page, re.I)
        return html.unescape(m.group(1)).strip() if m else None

    title = meta("og:title")
    if not title:
        m = re.search(r"<title[^>]*>(.*?)</title>", page, re.I | re.S)
        title = html.unescape(re.sub(r"\s+", " ", m.group(1))).strip() if m else None
    canonical = re.search(r"""<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)""", page, re.I)
    date = meta("article:published_time")
    return ArticleMeta(
        headline=title or None,
        url=meta("og:url") or (canonical.group(1) if canonical else None),
        date=date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else None,
    )
