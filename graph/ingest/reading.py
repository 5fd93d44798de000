"""Reading inputs: files or folders of .txt, .md, .html/.htm and .jsonl articles.

Every failure becomes a ``Problem`` record (path, reason, line), never an
exception, so a corpus with broken files still builds from the good ones.
``Article.text`` is the file's text exactly as decoded (newlines, markup and
all): every offset downstream refers to it, and cleaning removes debris with
an offset map instead of editing it.

Size limits keep a build bounded whatever it is given: an article longer
than ``MAX_ARTICLE_CHARS`` characters (``MAX_PAGE_CHARS`` for an HTML page,
whose markup cleaning removes) is a Problem, not an article; a file too
big to hold that few characters (over 4 bytes a character) is refused from
its size alone, unread, and so is a JSON line over ``MAX_JSONL_LINE_BYTES``.
News articles run to a few thousand characters and long features to some
tens of thousands; a text of hundreds of thousands is a dump of many, and
extraction would spend minutes on it as one. Split such a text into
articles (e.g. JSON lines) to build it.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from graph.core.records import Article, ArticleMeta, Problem
from graph.ingest.decoding import WORD_CHAR, decode_bytes
from graph.text.dates import iso_date

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
READABLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

# The longest article text read (see the module docstring), and page: a
# page's scripts, styles and navigation often outweigh its text tenfold.
MAX_ARTICLE_CHARS = 200_000
MAX_PAGE_CHARS = 2_000_000
# No encoding we read spends more than 4 bytes on a character (UTF-8,
# GB18030, UTF-16 pairs, UTF-32), plus a byte order mark.
_MAX_BYTES_PER_CHAR = 4
_BOM_BYTES = 4
# A JSON line may escape every character as \uXXXX (6 bytes) and carry other
# fields (a page's HTML, say): read, up to this, and judged by its text.
MAX_JSONL_LINE_BYTES = 16 << 20
_READ_CHUNK = 1 << 20
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)


def read_inputs(paths: Sequence[Path]) -> Iterator[Article | Problem]:
    """Articles and problems of ``paths`` (files or folders), in a deterministic order.

    Folders are read recursively, sorted by path; files there with other
    extensions are skipped. A file named explicitly with another extension,
    a missing path, or an unreadable, binary or empty file is a ``Problem``.
    """
    for item in iter_input_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item)


def iter_input_files(paths: Sequence[Path]) -> Iterator[Path | Problem]:
    """The readable files that ``paths`` name, in reading order, or problems.

    Separate from reading so that an incremental build can skip unchanged
    files without opening them.
    """
    for given in paths:
        path = Path(given)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as err:
            yield Problem(str(path), f"cannot access: {err.strerror or err}")
            continue
        if is_dir:
            yield from _folder_files(path)
        elif not exists:
            yield Problem(str(path), "no such file or folder")
        elif path.suffix.lower() not in READABLE_SUFFIXES:
            yield Problem(
                str(path),
                f"unsupported file type {path.suffix or '(none)'}; expected one of {', '.join(READABLE_SUFFIXES)}",
            )
        else:
            yield path


def _folder_files(folder: Path) -> Iterator[Path | Problem]:
    unreadable: list[OSError] = []
    found: list[Path] = []
    # os.walk does not follow symbolic links to folders, so a link loop cannot trap it.
    for root, _dirs, files in os.walk(folder, onerror=unreadable.append):
        found.extend(Path(root, name) for name in files if Path(name).suffix.lower() in READABLE_SUFFIXES)
    for err in unreadable:
        yield Problem(str(err.filename or folder), f"cannot read folder: {err.strerror or err}")
    yield from sorted(found, key=lambda p: p.parts)


def read_file(path: Path) -> Iterator[Article | Problem]:
    """The article (or, for .jsonl, articles) in one file, or problems."""
    suffix = path.suffix.lower()
    try:
        info = path.stat()
    except OSError as err:
        yield Problem(str(path), f"cannot read: {err.strerror or err}")
        return
    # A named pipe or a device would block the read or never end.
    if not stat.S_ISREG(info.st_mode):
        yield Problem(str(path), "not a regular file")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    is_html = suffix in HTML_SUFFIXES
    limit = MAX_PAGE_CHARS if is_html else MAX_ARTICLE_CHARS
    if info.st_size > limit * _MAX_BYTES_PER_CHAR + _BOM_BYTES:
        yield Problem(str(path), f"article too long ({info.st_size:,} bytes, more than {limit:,} characters)")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Problem(str(path), f"cannot read: {err.strerror or err}")
        return
    decoded = decode_bytes(data, html=is_html)
    if decoded is None:
        yield Problem(str(path), "binary or undecodable file")
        return
    text, encoding = decoded
    unusable = _emptiness(text) or _too_long(text, limit)
    if unusable:
        yield Problem(str(path), unusable)
        return
    yield Article(Article.id_for(text), str(path), text, encoding, html_meta(text) if is_html else ArticleMeta())


def _too_long(text: str, limit: int) -> str | None:
    return f"article too long ({len(text):,} characters > {limit:,})" if len(text) > limit else None


def _emptiness(text: str) -> str | None:
    """Why ``text`` is not an article (nothing, blanks, only punctuation), or None."""
    if not text:
        return "empty file"
    if not text.strip():
        return "empty: only whitespace"
    if not WORD_CHAR.search(text):
        return "no words: only punctuation or symbols"
    return None


def _read_jsonl(path: Path) -> Iterator[Article | Problem]:
    """One article per line; the ``text`` field is required."""
    any_record = False
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(_bounded_lines(handle, MAX_JSONL_LINE_BYTES), start=1):
                if raw is None:
                    any_record = True
                    yield Problem(str(path), f"line too long (more than {MAX_JSONL_LINE_BYTES:,} bytes)", number)
                    continue
                if number == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                if not raw.strip():
                    continue
                any_record = True
                yield _jsonl_record(path, number, raw)
    except OSError as err:
        yield Problem(str(path), f"cannot read: {err.strerror or err}")
        return
    if not any_record:
        yield Problem(str(path), "empty file: no JSON lines")


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of ``handle``; None for a line over ``max_bytes``, which is
    skipped without holding it in memory."""
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(_READ_CHUNK)
        yield None


def _jsonl_record(path: Path, number: int, raw: bytes) -> Article | Problem:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Problem(str(path), "line is not UTF-8", number)
    except json.JSONDecodeError as err:
        return Problem(str(path), f"malformed JSON: {err.msg}", number)
    if not isinstance(record, dict):
        return Problem(str(path), "line is not a JSON object", number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(str(path), "missing or empty 'text' field", number)
    if not WORD_CHAR.search(text):
        return Problem(str(path), "'text' has no words: only punctuation or symbols", number)
    if too_long := _too_long(text, MAX_ARTICLE_CHARS):
        return Problem(str(path), too_long, number)

    def field(name: str) -> str | None:
        value = record.get(name)
        return (value.strip() or None) if isinstance(value, str) else None

    date = field("date")
    meta = ArticleMeta(
        headline=field("title"),
        url=field("url"),
        date=iso_date(date) if date else None,
        publisher=field("source"),
    )
    return Article(Article.id_for(text), meta.url or f"{path}#L{number}", text, "utf-8", meta)


class _HeadParser(HTMLParser):
    """Collects <title>, <meta name|property=… content=…> and <link rel=canonical>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and values.get("href"):
            self.canonical = self.canonical or values["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)


def html_meta(page: str) -> ArticleMeta:
    """Headline, URL, date, publisher and authors from an HTML page's head."""
    end = _HEAD_END.search(page)
    parser = _HeadParser()
    parser.feed(page[: end.end() if end else 1 << 18])
    parser.close()
    meta = parser.meta
    title = " ".join("".join(parser.title).split())
    published = meta.get("article:published_time") or meta.get("pubdate") or meta.get("publishdate") or meta.get("date")
    author = meta.get("author") or meta.get("article:author")
    return ArticleMeta(
        headline=meta.get("og:title") or title or None,
        url=parser.canonical or meta.get("og:url"),
        date=iso_date(published) if published else None,
        publisher=meta.get("og:site_name"),
        authors=tuple(a for a in re.split(r"[,，、;；\s]+", author) if a) if author else (),
    )
