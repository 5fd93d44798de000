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
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from graph.text.dates import iso_date
from graph.core.records import Article, ArticleMeta
from graph.text.script import to_simplified

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
READABLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

# Byte order marks, longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese encodings tried when the bytes are not UTF-8, best guess first.
_LEGACY_CODECS = ("gb18030", "big5", "cp950")
_UTF16 = ("utf-16-le", "utf-16-be")
# HTML charset labels → the codec used (GB18030 is a superset of GB2312 and GBK).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5"}
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SAMPLE_BYTES = 1 << 16
_SAMPLE_CHARS = 20_000
# A decoding whose sample scores below this is not text in that encoding.
_MIN_PLAUSIBILITY = 0.6
# More control characters than this share means binary data, whatever decoded.
_MAX_CONTROL_SHARE = 0.01
_WORD_CHAR = re.compile(r"[^\W_]")
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


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, and why (``line`` for JSON lines)."""

    path: str
    reason: str
    line: int | None = None


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
    if not _WORD_CHAR.search(text):
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
    if not _WORD_CHAR.search(text):
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


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str] | None:
    """``(text, encoding)`` of a file's bytes, or None for binary or undecodable data.

    Order: a byte order mark; the charset an HTML page declares; UTF-8; then
    the legacy encodings and UTF-16 without a mark (first where NUL bytes
    suggest it), each decoded strictly and scored by how much of the result is common
    Chinese, ASCII and punctuation: the right decoding of news text scores
    far above a wrong one.
    """
    if data == codecs.BOM_UTF32_LE:
        return None  # also UTF-16's mark and one NUL: nothing says which it is
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, codec)
    if html:
        declared = _declared_codec(data)
        # Valid non-ASCII UTF-8 is never an accident, while pages that declare
        # a wrong charset are common: only then is the declaration ignored.
        if declared and not (declared != "utf-8" and not data.isascii() and _strict(data, "utf-8", "utf-8")):
            decoded = _strict(data, declared, declared)
            if decoded is None and declared == "big5":
                decoded = _strict(data, "cp950", "cp950")
            if decoded is not None:
                return decoded
    sample = data[:_SAMPLE_BYTES]
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_binary(utf8):
            return utf8, "utf-8"
        # Valid UTF-8 full of control characters is binary, unless NULs make
        # it UTF-16 of ASCII text (which is valid UTF-8 too).
        if b"\x00" not in sample:
            return None
    # NUL bytes suggest UTF-16 (ASCII in it), which then wins ties; a stray
    # NUL in GBK text must not rule out GBK, nor all-Chinese UTF-16 (no NUL) UTF-16.
    candidates = _UTF16 + _LEGACY_CODECS if b"\x00" in sample else _LEGACY_CODECS + _UTF16
    scored = []
    for codec in candidates:
        text = _strict_prefix(sample, codec, final=len(sample) == len(data))
        if text is not None:
            scored.append((_plausibility(text), -candidates.index(codec), codec))
    for score, _, codec in sorted(scored, reverse=True):
        if score < _MIN_PLAUSIBILITY:
            break
        decoded = _strict(data, codec, codec)
        if decoded is not None:
            return decoded
    return None


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str] | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _looks_binary(text) else (text, name)


def _strict_prefix(sample: bytes, codec: str, *, final: bool) -> str | None:
    # An incremental decoder tolerates a character cut at the end of the sample.
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(sample, final=final)
    except UnicodeDecodeError:
        return None


def _declared_codec(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return {"gbk": "gb18030", "gb2312": "gb18030"}.get(codec, codec)


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0b\x0c")
    return controls > _MAX_CONTROL_SHARE * max(1, len(sample))


def _plausibility(text: str) -> float:
    """Share of ``text`` that is ASCII, punctuation or a common Chinese character.

    A Chinese character counts fully when its Simplified form is in GB2312
    level 1 (the 3,755 common characters), a little when in level 2; the
    characters a wrong decoding produces are mostly outside both.
    """
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    simplified = to_simplified(sample)
    score = 0.0
    for ch in simplified:
        if " " <= ch <= "~" or ch in "\t\n\r":
            score += 1
        elif "\u4e00" <= ch <= "\u9fff":
            score += _gb2312_weight(ch)
        elif unicodedata.category(ch).startswith(("P", "Z")):
            score += 1
    return score / len(sample)


def _gb2312_weight(ch: str) -> float:
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0.0
    return 1.0 if lead <= 0xD7 else 0.3


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
