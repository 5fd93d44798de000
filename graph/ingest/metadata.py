"""What an article's text says about the article: header fields and bylines.

Both are found in the Simplified text (offsets are those of the text it was
converted from). Header fields (``标题: …``, ``链接: …``) are scraper output
and become ``ArticleMeta``; bylines (``大公报记者 张帅报道``, ``文|罗曾``)
give authors and a publisher, and also mark where another article starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from graph.ingest.debris import iter_lines
from graph.text.chars import CJK


class FieldKind(StrEnum):
    """The ``ArticleMeta`` attribute a header field fills."""

    HEADLINE = "headline"
    URL = "url"
    KEYWORDS = "keywords"
    SUMMARY = "summary"
    PUBLISHER = "publisher"
    AUTHORS = "authors"
    DATE = "date"


# Field labels (Simplified, lower case) → kind.
FIELD_LABELS: dict[str, FieldKind] = {
    **dict.fromkeys(("标题", "题目", "新闻标题", "title", "headline"), FieldKind.HEADLINE),
    **dict.fromkeys(("链接", "原文链接", "网址", "原文地址", "url", "link"), FieldKind.URL),
    **dict.fromkeys(
        ("关键词", "关键字", "标签", "tags", "keywords", "ai技术", "行业", "分类"), FieldKind.KEYWORDS
    ),
    **dict.fromkeys(("总结", "摘要", "内容摘要", "重大事件摘要", "概要", "summary"), FieldKind.SUMMARY),
    **dict.fromkeys(("来源", "出处", "source"), FieldKind.PUBLISHER),
    **dict.fromkeys(("作者", "author", "authors"), FieldKind.AUTHORS),
    **dict.fromkeys(("日期", "发布时间", "发布日期", "发表时间", "发表日期", "date", "published"), FieldKind.DATE),
}
# Kinds whose value is prose the extractor should read; for the others
# (a URL, a keyword list, a date, a source) the whole line goes.
PROSE_FIELDS = frozenset({FieldKind.HEADLINE, FieldKind.SUMMARY, FieldKind.AUTHORS})
_LABEL = re.compile(  # used with match(text, line_start), so no "^"
    r"[ \t\u3000]*(?P<label>" + "|".join(sorted(map(re.escape, FIELD_LABELS), key=len, reverse=True)) + r")"
    r"[ \t\u3000]*[:：][ \t\u3000]*",
    re.I,
)
# A metadata line is short; a long "来源: …" line is prose that starts oddly.
_MAX_FIELD_LINE = 200


@dataclass(frozen=True)
class Field:
    """A ``label: value`` line; ``[start, value_start)`` is the label, ``[value_start, end)`` the value."""

    kind: FieldKind
    start: int
    value_start: int
    end: int


def find_fields(simplified: str) -> list[Field]:
    """Lines that start with a known field label and a colon (``标题:``, ``關鍵詞：``…)."""
    fields = []
    for start, end in iter_lines(simplified):
        match = _LABEL.match(simplified, start, end)
        if match is None:
            continue
        kind = FIELD_LABELS[match.group("label").lower()]
        if kind not in PROSE_FIELDS and end - start > _MAX_FIELD_LINE:
            continue
        fields.append(Field(kind, start, match.end(), end))
    return fields


def split_list(value: str) -> tuple[str, ...]:
    """``"人工智能,  大模型、产业结合"`` → the items, without blanks and repeats."""
    return tuple(dict.fromkeys(item for item in re.split(r"[,，、;；|/\s]+", value) if item))


# --- bylines --------------------------------------------------------------------

# The most common Chinese surnames (Simplified); a byline name must start
# with one, which keeps "记者从…获悉" and "记者了解到" out.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆"
    "朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧"
    "闭由"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "夏侯", "宇文", "司徒")
_NAME = rf"[{CJK}]{{2,4}}"
# What may follow a byline name: a blank, the end, a digit (文|李振兴8月27日),
# or the words that close a byline.
_NAME_END = r"(?=[\s/／|｜、,，;；)）\]】0-9]|报道|整理|摄|采写|撰文|发自|通讯员|实习生|$)"
_NAMES = rf"(?P<names>{_NAME}?{_NAME_END}(?:[ \t\u3000、]+{_NAME}?{_NAME_END})*)"
_HELPERS = rf"(?:[ \t\u3000]*(?:通讯员|实习生)[ \t\u3000]*(?P<helpers>{_NAME}?{_NAME_END}(?:[ \t\u3000、]+{_NAME}?{_NAME_END})*))?"
# 文|罗曾, 文/张三, 文／图 李四: the opening of a column or feature.
_SEP = r"[ \t\u3000]*[/／|｜][ \t\u3000]*"
_WRITER_BYLINE = re.compile(
    rf"^[ \t\u3000]*[(（【]?文(?:{_SEP}图(?:{_SEP}|[ \t\u3000]*[:：]?[ \t\u3000]*)|{_SEP}|[ \t\u3000]*[:：][ \t\u3000]*){_NAMES}"
)
# 大公报记者 张帅报道, 本报（chinatimes.net.cn）记者李明会 北京报道, 记者 张三 通讯员 李四.
_REPORTER_BYLINE = re.compile(
    rf"^[ \t\u3000]*[(（【]?(?:(?P<own>本报|本刊|本台|本网)(?:[（(][^）)\n]{{0,40}}[）)])?|(?P<publisher>(?![据从在向对经])[{CJK}]{{2,8}}?(?:报|社|网|台|刊|杂志|新闻)))?"
    rf"[ \t\u3000]*(?:特约|见习|首席|驻[{CJK}]{{1,4}})?记者[ \t\u3000]*{_NAMES}{_HELPERS}"
    rf"(?P<closing>(?:[ \t\u3000]*[{CJK}]{{2,3}}?)?[ \t\u3000]*(?:报道|整理|摄|采写))?"
)
# 整理 and 摄 credit a compiler or photographer at the end of a piece.
_CREDIT_CLOSINGS = ("整理", "摄")
_MAX_BYLINE_PREFIX = 160


@dataclass(frozen=True)
class Byline:
    """A byline at ``[start, end)``; ``opening`` when it starts a piece rather than credits one."""

    start: int
    end: int
    names: tuple[str, ...]
    publisher: str | None
    opening: bool


def find_bylines(simplified: str, line_starts: Iterable[int] | None = None) -> list[Byline]:
    """Bylines at the start of lines (or at ``line_starts``, e.g. after a field label)."""
    starts = line_starts if line_starts is not None else (start for start, _ in iter_lines(simplified))
    bylines = []
    for start in starts:
        head = simplified[start : start + _MAX_BYLINE_PREFIX]
        byline = _writer_byline(head) or _reporter_byline(head)
        if byline is not None:
            bylines.append(Byline(start + byline.start, start + byline.end, byline.names, byline.publisher, byline.opening))
    return bylines


def _writer_byline(head: str) -> Byline | None:
    match = _WRITER_BYLINE.match(head)
    names = _person_names(match.group("names")) if match else ()
    return Byline(match.start(), match.end(), names, None, True) if match and names else None


def _reporter_byline(head: str) -> Byline | None:
    match = _REPORTER_BYLINE.match(head)
    if match is None:
        return None
    tokens = re.split(r"[ \t\u3000、]+", match.group("names"))
    if len(tokens) > 1 and head.startswith("报道", match.end("names")):
        tokens.pop()  # 记者 张三 北京报道: the word glued to 报道 is the place
    names = tuple(name for name in tokens if is_person_name(name))
    if not names:
        return None
    names += _person_names(match.group("helpers") or "")
    closing = match.group("closing") or ""
    publisher = match.group("publisher")
    return Byline(match.start(), match.end(), names, publisher, not closing.endswith(_CREDIT_CLOSINGS))


def _person_names(text: str) -> tuple[str, ...]:
    return tuple(name for name in re.split(r"[ \t\u3000、]+", text) if is_person_name(name))


def is_person_name(name: str) -> bool:
    """Whether ``name`` (Simplified) has the shape of a Chinese personal name:
    a common surname, then one or two characters."""
    if name.startswith(_COMPOUND_SURNAMES):
        return 3 <= len(name) <= 4
    return 2 <= len(name) <= 3 and name[0] in _SURNAMES
