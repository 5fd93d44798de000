"""Rules that find the debris of web copies in an article's text.

Each rule returns ``Removal`` spans (and, for markup, one-character
replacements); none edits the text. Character rules run on the original
text: markup, entities, pinyin glosses, mojibake. Line rules run on the
Simplified text left after them (same length as its Traditional form, so
offsets are shared): spam and footer lines.

Every rule is conservative: losing a sentence of the article costs more
than keeping a line of debris.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.text.chars import CJK, is_cjk
from graph.text.script import to_simplified

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zü{_TONED}"


@dataclass(frozen=True)
class Removal:
    """Original characters ``[start, end)`` that cleaning removed, and why."""

    start: int
    end: int
    reason: str  # html, markdown, invisible, pinyin, mojibake, spam, footer, header, trailing-snippet


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line, ``end`` before its newline."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield start, end
        start = end + 1


# --- markup -------------------------------------------------------------------

_TAG_NAMES = (
    "a|abbr|address|article|aside|audio|b|big|blockquote|body|br|button|center|cite|code|dd|del|div|dl|dt|em|"
    "figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|link|main|"
    "mark|meta|nav|noscript|ol|option|p|picture|pre|q|s|script|section|select|small|source|span|strike|strong|"
    "style|sub|sup|svg|table|tbody|td|textarea|tfoot|th|thead|time|title|tr|tt|u|ul|video|wbr"
)
# Tags that break a line: their "<" becomes a newline, so paragraphs stay apart.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul".split()
)
# In plain text only tags with HTML names count, so "<AI发展>" or "a<b" stay;
# "?/div>" is a closing tag whose "<" a wrong decoding swallowed.
_TEXT_TAG = re.compile(
    rf"<(?P<name>/?(?:{_TAG_NAMES}))(?:\s[^<>\n]{{0,500}}?)?\s*/?>|\?/(?P<fragment>{_TAG_NAMES})\s*>", re.I
)
# A full page: whole elements whose content is never article text.
_DROPPED_ELEMENTS = re.compile(
    r"<(script|style|noscript|template|svg|nav|head|iframe|aside|form|select|button|object|canvas)\b[^>]*>.*?</\1\s*>",
    re.I | re.S,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_PAGE_TAG = re.compile(r"<(?P<name>/?[A-Za-z][A-Za-z0-9:-]*)\b[^<>]*>|<![^<>]*>|<\?[^<>]*>")
_PAGE_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Space-like characters become a plain space; invisible ones go.
_SPACE_LIKE = re.compile("[\u00a0\u2002-\u200a\u202f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]+")
# HTML source indentation: a newline with the blanks around it.
_PAGE_BLANKS = re.compile(r"[^\S\n]*\n\s*")


def looks_like_html_page(text: str) -> bool:
    """Whether ``text`` is a whole HTML document (starts with a doctype or <html>)."""
    return _PAGE_START.match(text[:4096]) is not None


def markup(text: str, *, page: bool) -> tuple[list[Removal], dict[int, str]]:
    """Tags, entities, invisible characters; and replacements (``<`` of a block tag → newline, NBSP → space).

    ``page``: ``text`` is a whole HTML document, so scripts, styles,
    navigation and the head go entirely, and any tag is markup.
    """
    removals: list[Removal] = []
    replacements: dict[int, str] = {}
    if page:
        removals += (Removal(m.start(), m.end(), "html") for m in _DROPPED_ELEMENTS.finditer(text))
        removals += (Removal(m.start(), m.end(), "html") for m in _COMMENT.finditer(text))
    for m in (_PAGE_TAG if page else _TEXT_TAG).finditer(text):
        name = (m.groupdict().get("name") or "").lstrip("/").lower()
        if name in _BLOCK_TAGS and (page or _inside_line(text, m.start(), m.end())):
            replacements[m.start()] = "\n"
            removals.append(Removal(m.start() + 1, m.end(), "html"))
        else:
            removals.append(Removal(m.start(), m.end(), "html"))
    for m in _ENTITY.finditer(text):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue  # not an entity HTML knows: leave the text alone
        if len(decoded) == 1:
            replacements[m.start()] = " " if _SPACE_LIKE.fullmatch(decoded) else decoded
            removals.append(Removal(m.start() + 1, m.end(), "html"))
        else:
            removals.append(Removal(m.start(), m.end(), "html"))
    for m in _SPACE_LIKE.finditer(text):
        replacements[m.start()] = " "
    removals += (Removal(m.start(), m.end(), "invisible") for m in _INVISIBLE.finditer(text))
    return removals, replacements


def _inside_line(text: str, start: int, end: int) -> bool:
    # A plain-text tag between two newlines need not become another one.
    return start > 0 and text[start - 1] != "\n" and end < len(text) and text[end] != "\n"


def page_blanks(text: str) -> list[Removal]:
    """In text left from an HTML page: source indentation and empty lines,
    keeping one newline at each line break."""
    removals = []
    for m in _PAGE_BLANKS.finditer(text):
        newline = text.index("\n", m.start())
        if m.start() == 0:
            removals.append(Removal(0, m.end(), "html"))
            continue
        if newline > m.start():
            removals.append(Removal(m.start(), newline, "html"))
        if m.end() > newline + 1:
            removals.append(Removal(newline + 1, m.end(), "html"))
    return removals


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)
_MD_EMPHASIS = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[(?P<label>[^\]\n]+)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")


def markdown(text: str) -> list[Removal]:
    """Markdown syntax: heading marks, bold marks, images, and link targets (the link text stays)."""
    removals = [Removal(m.start(), m.end(), "markdown") for m in _MD_HEADING.finditer(text)]
    removals += (Removal(m.start(), m.end(), "markdown") for m in _MD_EMPHASIS.finditer(text))
    removals += (Removal(m.start(), m.end(), "markdown") for m in _MD_IMAGE.finditer(text))
    for m in _MD_LINK.finditer(text):
        removals.append(Removal(m.start(), m.start() + 1, "markdown"))
        removals.append(Removal(m.end("label"), m.end(), "markdown"))
    return removals


# --- pinyin glosses -------------------------------------------------------------

# 時(shí)尚, 會(huì )兒: a parenthesised syllable with a tone mark after a
# character. Some sites gloss every polyphonic character this way.
_TONED_GLOSS = re.compile(
    rf"(?<=[{CJK}A-Za-z])\((?=[^()\n]{{0,30}}[{_TONED}])(?:[A-Z{_PINYIN_LETTERS}]{{1,8}}[ \t]?){{1,4}}\)"
)
_BARE_GLOSS = re.compile(rf"(?<=[{CJK}])\(([a-zü]{{1,6}})[ \t]?\)")
_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|in|un|ün|ia|ie|iu|ua|uo|ui|üe|er|a|o|e|i|u|ü)"
)
# Untoned glosses like 的(de) count only where the article glosses with tone marks this often.
_MIN_TONED_FOR_BARE = 3


def pinyin_glosses(text: str) -> list[Removal]:
    """Pinyin in parentheses after a character: ``時(shí)尚`` → ``時尚``. ``(AI)`` and ``(ASI)`` stay."""
    removals = [Removal(m.start(), m.end(), "pinyin") for m in _TONED_GLOSS.finditer(text)]
    if len(removals) >= _MIN_TONED_FOR_BARE:
        removals += (
            Removal(m.start(), m.end(), "pinyin")
            for m in _BARE_GLOSS.finditer(text)
            if _SYLLABLE.fullmatch(m.group(1))
        )
    return removals


# --- mojibake --------------------------------------------------------------------

# A GBK byte stream that lost one byte decodes as a run of wrong characters
# until it falls back into step, and the sentence end it broke leaves a "?":
# 。”顧廷權剖析道, → ?!鳖櫷嗥饰龅?, . A run starts right after such a "?"
# (an anchor); inside it, "odd" items show the misalignment: rare
# characters, lone Latin letters or "@" between characters, stray "?" or ")".
_MISALIGNED_QUOTE = re.compile(rf"\?!(?=[{CJK}A-Za-z?@])")
_GLUED_QUESTION = re.compile(rf"(?<=[{CJK}])\?(?=[{CJK}A-Za-z{_TONED}])")
_RUN = re.compile(rf"[{CJK}A-Za-z{_TONED}?@)]{{1,12}}")
_LATIN_GROUP = re.compile(rf"[A-Za-z{_TONED}]+")


def mojibake(text: str) -> list[Removal]:
    """Runs of misaligned double-byte characters after a broken sentence end.

    After ``?!`` (a mangled ``。”``) the run is debris when it has two odd
    items, or one among its first three characters. After a ``?`` glued
    between characters (a real question mark in half-width text looks the
    same) it needs three, one of them Latin. The run is removed up to its
    last odd item; a run of ordinary characters is never touched.
    """
    removals = []
    for anchor, strict in ((_MISALIGNED_QUOTE, False), (_GLUED_QUESTION, True)):
        for m in anchor.finditer(text):
            run = _RUN.match(text, m.end())
            if not run:
                continue
            odd = _odd_items(text, run.start(), run.end())
            if not odd:
                continue
            latin = any(not is_cjk(text[i]) for i, _ in odd)
            if strict:
                debris = len(odd) >= 3 and latin
                start = m.start()
            else:
                debris = len(odd) >= 2 or odd[0][0] - run.start() < 3
                start = run.start()
            if debris:
                removals.append(Removal(start, odd[-1][1], "mojibake"))
    return removals


def _odd_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the odd items in the run ``text[start:end]``."""
    simplified = to_simplified(text[start:end])
    odd = []
    i = start
    while i < end:
        ch = text[i]
        if is_cjk(ch):
            if _is_rare(simplified[i - start]):
                odd.append((i, i + 1))
            i += 1
        elif ch in "?@)":
            odd.append((i, i + 1))
            i += 1
        else:
            group = _LATIN_GROUP.match(text, i, end)
            assert group is not None
            stop = group.end()
            # The group may continue past the run (ChatGPT): judge it whole.
            whole = _LATIN_GROUP.match(text, i)
            assert whole is not None
            if _is_odd_latin(text, i, whole.end()):
                odd.append((i, stop))
            i = stop
    return odd


def _is_odd_latin(text: str, start: int, end: int) -> bool:
    """One or two Latin letters alone between characters, or a toned pinyin fragment."""
    if any(ch in _TONED for ch in text[start:end]):
        return True
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return end - start <= 2 and not before.isdigit() and not after.isdigit() and (is_cjk(before) or is_cjk(after))


def _is_rare(simplified_char: str) -> bool:
    """Not among the 3,755 common characters of GB2312 level 1."""
    try:
        return simplified_char.encode("gb2312")[0] > 0xD7
    except UnicodeEncodeError:
        return True


# --- spam lines -------------------------------------------------------------------

# Vocabulary of porn and gambling link farms. A strong word alone gives a
# line away; weak ones are ordinary words that only count beside a strong one.
_SPAM_STRONG = re.compile(
    r"毛片|无码|旡码|无套|超碰|一区二区|二区三区|激情|色情|性色|av在线|自拍偷拍|久久精品|伊人|百家乐|六合彩|时时彩|"
    r"娱乐城|博彩|赌场|老虎机|成人影|黄色网|裸聊",
    re.I,
)
_SPAM_WEAK = re.compile(r"亚洲|欧美|日韩|国产|成人|美女|高潮|在线观看|免费|福利|视频|综合|极品|精品|开户|彩票")
_SENTENCE_PUNCTUATION = re.compile(r"[。！？；，、：,!?;:“”\"]")
_MAX_SPAM_LINE = 300


def spam_lines(simplified: str) -> list[Removal]:
    """Lines of joined spam keywords (亚洲欧洲综合_97欧美激情超碰一区二区_…): no sentence
    punctuation, and two strong spam words, or one with two weak ones."""
    removals = []
    for start, end in iter_lines(simplified):
        line = simplified[start:end]
        if not line.strip() or len(line) > _MAX_SPAM_LINE or _SENTENCE_PUNCTUATION.search(line):
            continue
        strong = len(set(_SPAM_STRONG.findall(line)))
        weak = len(set(_SPAM_WEAK.findall(line)))
        if strong >= 2 or (strong == 1 and weak >= 2):
            removals.append(Removal(start, end, "spam"))
    return removals


# --- footer -----------------------------------------------------------------------

# Lines that are site footer wherever they are (short lines only).
_FOOTER_ANYWHERE = re.compile(r"版权所有|copyright|©|icp备|icp证|公网安备|不良信息举报", re.I)
_MAX_FOOTER_LINE = 200
# "责任编辑：…" glued to the last paragraph: from there to the line end.
_EDITOR_TAIL = re.compile(r"(?<=[。！？!?”」』）)])\s*(?:责任编辑|责编|编辑)\s*[:：][^\n]*")
# Credit lines (编辑：宋玉铮, 来源：中国冶金报), contact data with its colon,
# and notice headings: a line with one of these is footer for sure.
_CREDIT_LINE = re.compile(r"^\s*(?:责任编辑|责编|编辑|编审|校对|审核|监制|值班编辑|来源|出处)\s*[:：]")
_MAX_CREDIT_LINE = 60
_FOOTER_STRONG = re.compile(
    r"(?:电话|传真|地址|邮编|邮箱|e-?mail)\s*[:：]|版权声明|版权说明|免责声明|凡本网|本网注明|法律顾问", re.I
)
# Words of notices and site widgets: footer only inside the last block of
# lines, and only twice in a line or once in a line that is not a sentence.
_FOOTER_WEAK = re.compile(
    r"版权|转载|法律\s*责任|本网站?|联系我们|关于我们|广告服务|网站地图|未经.{0,6}授权|相关文档|扫一扫|二维码|"
    r"关注我们|返回顶部|打印本页|关闭窗口|分享到|举报",
    re.I,
)
# Footer lines at the end can be long notices, but not whole paragraphs.
_MAX_TAIL_LINE = 300
_NUMBERED_CLAUSE = re.compile(r"^\s*[【\[(（]\d{1,2}[】\])）]")
_SENTENCE_END = re.compile(r"[。！？!?]")


def footer_lines(simplified: str) -> list[Removal]:
    """Site footer: copyright and ICP lines anywhere; an editor credit glued
    to the last paragraph; and the last block of lines, scanning up from the
    end, while they are credit, contact or notice lines (numbered clauses of
    a notice included), provided one of them is a sure footer line."""
    removals = []
    for start, end in iter_lines(simplified):
        line = simplified[start:end]
        if len(line) <= _MAX_FOOTER_LINE and _FOOTER_ANYWHERE.search(line):
            removals.append(Removal(start, end, "footer"))
        elif tail := _EDITOR_TAIL.search(line):
            removals.append(Removal(start + tail.start(), end, "footer"))
    block_start: int | None = None
    sure = clauses = False
    for start, end in reversed(list(iter_lines(simplified))):
        line = simplified[start:end]
        if not line.strip():
            continue
        numbered = _NUMBERED_CLAUSE.match(line) is not None
        if len(line) > _MAX_TAIL_LINE:
            break  # a paragraph, even one that ends with contact data
        if _is_sure_footer(line):
            sure = True
        elif not (_is_notice_line(line, numbered) or (clauses and numbered)):
            break
        block_start = start
        clauses = clauses or numbered
    if block_start is not None and sure:
        removals.append(Removal(block_start, len(simplified), "footer"))
    return removals


def _is_sure_footer(line: str) -> bool:
    return (
        (len(line) <= _MAX_CREDIT_LINE and _CREDIT_LINE.match(line) is not None)
        or _FOOTER_STRONG.search(line) is not None
        or _FOOTER_ANYWHERE.search(line) is not None
    )


def _is_notice_line(line: str, numbered: bool) -> bool:
    hits = {m.group().lower() for m in _FOOTER_WEAK.finditer(line)}
    return len(hits) >= 2 or (len(hits) == 1 and (numbered or not _SENTENCE_END.search(line)))
