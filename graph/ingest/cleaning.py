"""Cleaning: remove the debris of web copies without losing article text.

Nothing is edited in place: cleaning decides which original characters to
delete (and which to stand in for by one other character), and the result
is a ``MappedText`` whose offsets lead back to ``Article.text``.

Two passes, because line rules need the lines that markup hides:

1. character rules on the original: HTML and Markdown markup, entities,
   pinyin glosses, mojibake (``graph.ingest.debris``);
2. line rules on the Simplified form of what pass 1 kept: header-field
   labels, spam lines, footer, and trailing snippets of other articles.

Header fields and bylines also become metadata (``graph.ingest.metadata``);
bylines stay in the text, since they name people the extractor needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graph.core.records import Article, ArticleMeta
from graph.ingest.debris import (
    Removal,
    footer_lines,
    iter_lines,
    looks_like_html_page,
    markdown,
    markup,
    mojibake,
    page_blanks,
    pinyin_glosses,
    spam_lines,
)
from graph.ingest.metadata import (
    PROSE_FIELDS,
    Byline,
    Field,
    FieldKind,
    find_bylines,
    find_fields,
    split_list,
)
from graph.text.chars import has_cjk
from graph.text.dates import iso_date
from graph.text.offsets import MappedText
from graph.text.script import to_simplified

__all__ = ["CleanedText", "Removal", "clean"]

_HTML_SUFFIXES = (".html", ".htm")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
# A "summary" field this long is the article body under a label, not a summary.
_MAX_SUMMARY = 500
# A first line this short without a sentence end is taken for the headline.
_MAX_HEADLINE = 60
_SENTENCE_END = re.compile(r"[。！？!?；;]|[：:]\s*$")
# Newspaper print credit: 《中国冶金报》(2024年02月20日 04版四版).
_PRINT_CREDIT = re.compile(r"\s*《(?P<publisher>[^》\n]{2,20})》\s*[（(](?P<issue>[^）)\n]{4,40}版[^）)\n]{0,10})[）)]\s*$")
_DATE_LINES = 3


@dataclass(frozen=True)
class CleanedText:
    """An article's text without debris, and what cleaning learnt and removed."""

    text: MappedText  # offsets map to Article.text
    meta: ArticleMeta  # the article's metadata, completed from header fields and bylines
    removed: tuple[Removal, ...]  # disjoint original spans, in text order


def clean(article: Article) -> CleanedText:
    """Remove markup, pinyin glosses, mojibake, spam, footer, header labels
    and trailing snippets of other articles from ``article.text``."""
    original = article.text
    # A local .html file is a page; a URL ending in .html (a JSON line's source) says nothing about the text.
    source = "" if "://" in article.source else article.source.lower().split("#", 1)[0]
    page = source.endswith(_HTML_SUFFIXES) or looks_like_html_page(original)

    removals, replacements = markup(original, page=page)
    removals += pinyin_glosses(original)
    removals += mojibake(original)
    if source.endswith(_MARKDOWN_SUFFIXES):
        removals += markdown(original)
    kept = MappedText.without(original, _spans(removals), replacements)

    simplified = to_simplified(kept.text)
    fields = find_fields(simplified)
    bylines = find_bylines(simplified, _byline_starts(simplified, fields))
    line_removals = _field_removals(fields, len(simplified))
    line_removals += spam_lines(simplified)
    line_removals += footer_lines(simplified)
    snippet = trailing_snippet(simplified, bylines)
    line_removals += snippet
    if snippet:  # the other article's byline does not name this one's authors
        bylines = [b for b in bylines if b.start < snippet[0].start]
    if page:
        line_removals += page_blanks(kept.text)
    removals += (Removal(*kept.span_to_original(r.start, r.end), r.reason) for r in line_removals)

    text = MappedText.without(original, _spans(removals), replacements)
    meta = _completed_meta(article.meta, kept.text, simplified, fields, bylines)
    return CleanedText(text, meta, disjoint(removals))


def _spans(removals: Iterable[Removal]) -> Iterator[tuple[int, int]]:
    return ((r.start, r.end) for r in removals)


def disjoint(removals: Iterable[Removal]) -> tuple[Removal, ...]:
    """The removals sorted and clipped so that none overlaps another; where
    two start together, the longer one keeps its reason."""
    result: list[Removal] = []
    reach = 0
    for r in sorted(removals, key=lambda r: (r.start, -r.end)):
        start = max(r.start, reach)
        if r.end > start:
            result.append(Removal(start, r.end, r.reason))
            reach = r.end
    return tuple(result)


def _byline_starts(simplified: str, fields: list[Field]) -> list[int]:
    # A byline can open a prose field's value: 总结: 本报记者李明会 北京报道…
    starts = {start for start, _ in iter_lines(simplified)}
    starts.update(f.value_start for f in fields if f.kind in PROSE_FIELDS)
    return sorted(starts)


def _field_removals(fields: list[Field], length: int) -> list[Removal]:
    """The label of a prose field (its value stays: titles and summaries hold
    facts); the whole line, newline included, of any other field."""
    removals = []
    for f in fields:
        if f.kind in PROSE_FIELDS:
            removals.append(Removal(f.start, f.value_start, "header"))
        else:
            removals.append(Removal(f.start, min(f.end + 1, length), "header"))
    return removals


def trailing_snippet(simplified: str, bylines: list[Byline]) -> list[Removal]:
    """Other articles that web copies append after the body.

    Rule: an opening byline (``文|李振兴``, ``记者 张三``, not a ``…整理``
    credit) that starts a line in the second half of the text, after an
    earlier byline, names none of the earlier byline's people and is
    followed by more text, starts another article: from its line to the end
    is removed.
    """
    seen: set[str] = set()
    for byline in bylines:
        line_start = simplified.rfind("\n", 0, byline.start) + 1
        if (
            byline.opening
            and seen
            and byline.start > len(simplified) // 2
            and simplified[line_start : byline.start].strip() == ""
            and not seen.intersection(byline.names)
            and has_cjk(simplified[byline.end :])
        ):
            return [Removal(line_start, len(simplified), "trailing-snippet")]
        seen.update(byline.names)
    return []


def _completed_meta(
    given: ArticleMeta, kept: str, simplified: str, fields: list[Field], bylines: list[Byline]
) -> ArticleMeta:
    """``given`` (what the file said) completed from the text: header
    fields first, then bylines, then the first lines and a print credit."""

    def values(kind: FieldKind, text: str) -> list[str]:
        return [v for f in fields if f.kind == kind and (v := text[f.value_start : f.end].strip())]

    credit = _print_credit(simplified)
    field_lines = {f.start for f in fields}
    headline = given.headline or next(iter(values(FieldKind.HEADLINE, kept)), None) or _first_line_headline(
        kept, simplified, field_lines, bylines
    )
    summaries = [s for s in values(FieldKind.SUMMARY, kept) if len(s) <= _MAX_SUMMARY]
    dates = [d for v in values(FieldKind.DATE, simplified) if (d := iso_date(v))]
    date = given.date or next(iter(dates), None) or _date_in_first_lines(simplified, field_lines)
    authors = list(given.authors)
    for value in values(FieldKind.AUTHORS, simplified):
        authors += split_list(value)
    for byline in bylines:
        authors += byline.names
    keywords = list(given.keywords)
    for value in values(FieldKind.KEYWORDS, simplified):
        keywords += split_list(value)
    publishers = values(FieldKind.PUBLISHER, simplified) + [b.publisher for b in bylines if b.publisher]
    return ArticleMeta(
        headline=headline,
        url=given.url or next(iter(values(FieldKind.URL, kept)), None),
        date=date or (credit[1] if credit else None),
        publisher=given.publisher or next(iter(publishers), None) or (credit[0] if credit else None),
        authors=tuple(dict.fromkeys(authors)),
        keywords=tuple(dict.fromkeys(keywords)),
        summary=given.summary or next(iter(summaries), None),
    )


def _first_line_headline(kept: str, simplified: str, field_lines: set[int], bylines: list[Byline]) -> str | None:
    """The first line, when it is short and not a sentence (nor a byline or field)."""
    byline_lines = {simplified.rfind("\n", 0, b.start) + 1 for b in bylines}
    for start, end in iter_lines(kept):
        line = kept[start:end].strip()
        if not line or start in field_lines or start in byline_lines:
            continue
        return line if len(line) <= _MAX_HEADLINE and not _SENTENCE_END.search(line) else None
    return None


def _date_in_first_lines(simplified: str, field_lines: set[int]) -> str | None:
    seen = 0
    for start, end in iter_lines(simplified):
        if not simplified[start:end].strip() or start in field_lines:
            continue
        if date := iso_date(simplified[start:end]):
            return date
        seen += 1
        if seen == _DATE_LINES:
            break
    return None


def _print_credit(simplified: str) -> tuple[str, str | None] | None:
    """Publisher and date of a newspaper print credit line, if the text has one."""
    for start, end in iter_lines(simplified):
        match = _PRINT_CREDIT.match(simplified, start, end)
        if match:
            return match.group("publisher"), iso_date(match.group("issue"))
    return None
