"""Cleaning: remove the debris of web copies without losing article text.

Every rule only deletes characters of the original, so the result is a
``MappedText`` whose offsets lead back to the original. Header fields and
bylines become article metadata; bylines stay in the text, since they name
people the extractor needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph.model import Article, ArticleMeta
from graph.script import to_simplified
from graph.textmap import MappedText

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"


@dataclass(frozen=True)
class Removal:
    start: int
    end: int
    reason: str  # html, pinyin, footer, spam, mojibake, header, trailing-snippet


@dataclass(frozen=True)
class CleanedText:
    text: MappedText
    meta: ArticleMeta
    removed: tuple[Removal, ...]


_HTML_PAGE = re.compile(r"<(?:html|body|head|div|p)\b", re.I)
_HTML_BLOCKS = re.compile(r"<(script|style|nav|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HTML_TAG = re.compile(r"\??</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|\?/[A-Za-z]+>")
_HTML_ENTITY = re.compile(r"&(?:nbsp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);|(?<=&)amp;")
_PINYIN_GLOSS = re.compile(
    rf"(?<=[{CJK}])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,7}}\)"
)
_SPAM_WORDS = re.compile(r"欧美|激情|毛片|无码|无套|超碰|一区二区|成人|av|AV|彩票|博彩|娱乐城|黄色|色情|美女高潮")
_FOOTER = re.compile(
    r"版权所有|Copyright|©|ICP备|ICP证|公网安备|电子邮箱|Email|E-mail|法律顾问|联系电话|联系我们|电话[:：]|传真|地址[:：]|邮编|免责声明|未经授权|不得转载|本网站"
)
_FOOTER_HEADING = re.compile(r"^(?:相关文档|版权说明|版权声明|免责声明|声明[:：])")
_HEADER = re.compile(r"^(标题|链接|关键词|关键字|总结|摘要|来源|作者|日期|发布时间|时间)\s*[:：]\s*", re.M)
_BYLINE_WEN = re.compile(rf"^[ \t]*文\s*[|｜/]\s*([{CJK}]{{2,4}})", re.M)
_BYLINE_MEDIA = re.compile(
    rf"([{CJK}]{{2,8}}?(?:报|社|网|台))\s*(?:特约)?记者\s*([{CJK}]{{2,3}}?)\s*(?:报道|整理|摄|北京|上海|香港|\n|$)"
)
_BYLINE_OWN = re.compile(rf"本报(?:（[^）\n]*）|\([^)\n]*\))?\s*记者\s*([{CJK}]{{2,3}}?)(?=\s|报道|$)", re.M)
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def clean(article: Article) -> CleanedText:
    original = article.text
    # Stage 1: markup and pinyin glosses, which break words and lines apart.
    removals = _html(original)
    removals += [Removal(m.start(), m.end(), "pinyin") for m in _PINYIN_GLOSS.finditer(original)]
    stage1 = MappedText.without(original, [(r.start, r.end) for r in removals])
    # Stage 2: line and character rules on the Simplified stage-1 text.
    simplified = to_simplified(stage1.text)
    meta, header_removals = _header(simplified, article.meta)
    later = header_removals + _lines(simplified) + _mojibake(simplified) + _trailing_snippet(simplified)
    for r in later:
        start, end = stage1.span_to_original(r.start, r.end)
        removals.append(Removal(start, end, r.reason))
    meta = _bylines(simplified, meta)
    text = MappedText.without(original, [(r.start, r.end) for r in removals])
    return CleanedText(text, meta, tuple(sorted(removals, key=lambda r: (r.start, r.end))))


def _html(text: str) -> list[Removal]:
    found = []
    if _HTML_PAGE.search(text):
        found += [Removal(m.start(), m.end(), "html") for m in _HTML_BLOCKS.finditer(text)]
    found += [Removal(m.start(), m.end(), "html") for m in _HTML_TAG.finditer(text)]
    found += [Removal(m.start(), m.end(), "html") for m in _HTML_ENTITY.finditer(text)]
    return found


def _line_spans(text: str):  # type: ignore[no-untyped-def]
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, start + len(line), line
        start += len(line)


def _lines(simplified: str) -> list[Removal]:
    """Whole lines of spam keywords or of site footer; after a copyright
    notice heading, everything to the end is footer."""
    found = []
    for start, end, line in _line_spans(simplified):
        body = line.strip()
        if not body:
            continue
        if _FOOTER_HEADING.match(body):
            found.append(Removal(start, len(simplified), "footer"))
            break
        if len(_SPAM_WORDS.findall(body)) >= 2 and not re.search(r"[。，！？]", body):
            found.append(Removal(start, end, "spam"))
        elif _FOOTER.search(body) and len(body) < 300:
            found.append(Removal(start, end, "footer"))
    return found


def _is_rare(ch: str) -> bool:
    """Not a common Chinese character (GB2312 level 1), nor ASCII or punctuation."""
    if ch.isascii() or not ("\u3400" <= ch <= "\u9fff"):
        return False
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return b[0] >= 0xD8  # level 2: rare in news prose


def _mojibake(simplified: str) -> list[Removal]:
    """Clusters of rare characters (two or more, at most two apart): what a
    wrong decoding leaves behind (鳖櫷嗥饰龅). A lone rare character stays:
    names have them (朱弢)."""
    found = []
    cluster: list[int] = []
    for i, ch in enumerate(simplified):
        if not _is_rare(ch):
            continue
        if cluster and i - cluster[-1] > 2:
            found += _cluster_removal(cluster, simplified)
            cluster = []
        cluster.append(i)
    found += _cluster_removal(cluster, simplified)
    return found


def _cluster_removal(cluster: list[int], text: str) -> list[Removal]:
    # Two adjacent rare characters can be a name (杜奕瑾); only a pair with a
    # character outside GB2312 altogether is taken for debris.
    if len(cluster) >= 3 or (
        len(cluster) == 2 and cluster[1] - cluster[0] == 1 and any(_outside_gb2312(text[i]) for i in cluster)
    ):
        return [Removal(cluster[0], cluster[-1] + 1, "mojibake")]
    return []


def _outside_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _header(simplified: str, meta: ArticleMeta) -> tuple[ArticleMeta, list[Removal]]:
    """标题: / 链接: / 关键词: fields at the top become metadata."""
    removals = []
    fields: dict[str, str] = {}
    head = simplified[:2000]
    for m in _HEADER.finditer(head):
        line_end = simplified.find("\n", m.end())
        line_end = len(simplified) if line_end == -1 else line_end
        value = simplified[m.end() : line_end].strip()
        name = m.group(1)
        fields.setdefault(name, value)
        # A link or keyword list is not prose: drop the line; elsewhere keep the value.
        whole_line = name in ("链接", "关键词", "关键字", "日期", "发布时间", "时间")
        removals.append(Removal(m.start(), line_end if whole_line else m.end(), "header"))
    date = _iso_date(fields.get("日期") or fields.get("发布时间") or fields.get("时间") or "") or _iso_date(simplified[:300])
    headline = fields.get("标题") or meta.headline or _first_line_headline(simplified)
    return (
        replace(
            meta,
            headline=headline,
            url=meta.url or (fields.get("链接") or None),
            keywords=meta.keywords or tuple(k for k in re.split(r"[,，、;；\s]+", fields.get("关键词", "")) if k),
            summary=meta.summary or fields.get("总结") or fields.get("摘要"),
            publisher=meta.publisher or fields.get("来源") or None,
            authors=meta.authors or tuple(a for a in re.split(r"[,，、\s]+", fields.get("作者", "")) if a),
            date=meta.date or date,
        ),
        removals,
    )


def _first_line_headline(simplified: str) -> str | None:
    for line in simplified.splitlines():
        line = line.strip()
        if line and not (_BYLINE_WEN.match(line) or _BYLINE_OWN.match(line)):
            return line if len(line) <= 40 and not re.search(r"[。！？，,]", line) else None
    return None


def _iso_date(text: str) -> str | None:
    m = _DATE_CN.search(text) or _DATE_ISO.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _bylines(simplified: str, meta: ArticleMeta) -> ArticleMeta:
    authors = list(meta.authors)
    publisher = meta.publisher
    head = simplified[:3000]
    for m in _BYLINE_WEN.finditer(head[:200]):
        authors.append(m.group(1))
    for m in _BYLINE_MEDIA.finditer(simplified):
        if not m.group(1).startswith("本"):
            authors.append(m.group(2))
            publisher = publisher or m.group(1).strip()
    for m in _BYLINE_OWN.finditer(head):
        authors.append(m.group(1))
    unique = tuple(dict.fromkeys(a for a in authors if a))
    return replace(meta, authors=unique, publisher=publisher)


def _trailing_snippet(simplified: str) -> list[Removal]:
    """A second byline (文|…) after the body has begun starts unrelated news
    items that web copies append; they are cut off to the end."""
    for m in _BYLINE_WEN.finditer(simplified):
        if m.start() > max(200, len(simplified) // 3):
            return [Removal(m.start(), len(simplified), "trailing-snippet")]
    return []
