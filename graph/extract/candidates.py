"""Mention candidates: every place some rule or model thinks a name starts and ends.

Each rule is a small generator over the Simplified text that yields
``Candidate`` records naming the rule; ``choose_mentions`` keeps the best
non-overlapping ones. Offsets are into the Simplified (cleaned) text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.lexicon import Lexicon
from graph.extract.resolve import is_subsequence, org_core
from graph.extract.statistical import TaggedWord
from graph.extract.text import last_match
from graph.text.chars import CJK, has_cjk

# Rule priorities: a curated name beats a context rule beats the tagger alone.
PRIORITY_LEXICON = 3
PRIORITY_RULE = 2
PRIORITY_TAGGER = 1

_LAC_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}
_BOUNDARY = set("，。、；：:,;！？!?（）()“”「」『』《》【】[]—…·\n\r\t 　|/")
_NAME_END = re.compile(
    r"(?:[，。、；：:,;！？!?（）()“”「」\s]|表示|认为|指出|说|告诉|坦言|称|强调|介绍|透露|建议|提出|呼吁|宣布|出席|担任|主持|会见|"
    r"参加|访问|带领|率领|发表|回应|提醒|共同|一起|也|在|的|等|和|与|及|则|就|曾|对|向|将|于|是|[0-9])"
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    entity_type: EntityType
    rule: str
    priority: int
    lexicon_id: str | None = None


# A version after a well-known Latin name makes another model: DeepSeek-V3,
# Llama 3.1 405B, Claude 3.5 Sonnet, Gemini 1.5 Pro (a year is not a version).
_VERSION_TAIL = re.compile(
    r"(?:-[Vv]?\d+(?:\.\d+)*[A-Za-z]?|-[A-Z][0-9]|[ ]?[Vv]\d+(?:\.\d+)*|[ ]?\d{1,2}(?:\.\d+)+|(?<=[0-9])\.\d+|[ ]\d{1,2})"
    r"(?:[ \-](?:Sonnet|Opus|Haiku|Pro|Turbo|Max|Ultra|Mini|Flash|Plus|Lite|Instruct|Chat|Coder|Vision|\d{1,4}[BbMm]))*"
    r"(?![A-Za-z0-9.年月日号个天])"
)


def lexicon_candidates(text: str, lexicon: Lexicon) -> Iterator[Candidate]:
    """Names from the curated lexicon, and versioned models of a Latin one."""
    for match in lexicon.scan(text):
        yield Candidate(
            match.start, match.end, match.entry.entity_type, f"lexicon-{match.reason}", PRIORITY_LEXICON, match.entry.lexicon_id
        )
        if match.entry.entity_type in (EntityType.SOFTWARE, EntityType.ORGANIZATION) and text[match.end - 1 : match.end].isascii():
            version = _VERSION_TAIL.match(text, match.end)
            if version and (match.entry.entity_type is EntityType.SOFTWARE or version.group(0).startswith("-")):
                yield Candidate(match.start, version.end(), EntityType.SOFTWARE, "lexicon-versioned", PRIORITY_RULE)


def tagger_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """PER/ORG/LOC names from the statistical tagger, tidied at their edges."""
    for word in _whole_person_words(text, _lists_apart(text, words)):
        entity_type = _LAC_TYPES.get(word.tag)
        if entity_type is None:
            continue
        start, end = word.start, word.end
        if entity_type is EntityType.PERSON:
            end = _trim_person(text, start, end)
            start = _after_measure_word(text, start, end)
        elif entity_type is EntityType.ORGANIZATION:
            if text.startswith("任", start) and text[start - 1 : start] in _BEFORE_POST_VERB:
                start += 1  # 2010年起|任|锦程证券: the verb, not the name
            end = _before_verb_phrase(text, start, end)
            end = _without_kin_word(text, start, end)
            if not has_cjk(text[start:end]) or _names_a_tool(text[start:end]) or _country_and_field(text[start:end]):
                continue
            end = _without_trailing_role(text, start, end)
            end = _without_research_sector(text, start, end)
            end = _before_verb_phrase(text, start, _extend_to_org_suffix(text, end))  # 甲乙 + 布局: no 局
            start = _after_descriptor(text, start, end)
            end = _without_role_opener(text, start, end)
            end = _without_relative_particle(text, start, end)
        if entity_type is EntityType.PLACE and (verb := _TRAILING_VERB.search(text, start, end)):
            end = verb.start()  # 信义区兴建/LOC: the verb after the district
        if entity_type is EntityType.ORGANIZATION and text[start:end] in P.COUNTRY_PREFIXES:
            entity_type = EntityType.PLACE  # 德国/ORG 基督教民主联盟/ORG: a country is a place
        elif entity_type is EntityType.ORGANIZATION:
            end = _without_delegation(text, start, end)
        if entity_type is EntityType.PLACE and (country := _country_before_place(text, start, end)):
            yield Candidate(start, start + len(country), entity_type, "tagger-country", PRIORITY_TAGGER)
            start += len(country)
        if end - start >= 2:
            yield Candidate(start, end, entity_type, "tagger", PRIORITY_TAGGER)
        elif entity_type is EntityType.PLACE and text[start:end] in P.PLACE_ABBREVIATIONS:
            yield Candidate(start, end, entity_type, "tagger-place-abbreviation", PRIORITY_TAGGER)


# Lists the tagger read as one name: 甲乙科技及丙丁电子, 甲乙、丙丁.
_LIST_INSIDE = re.compile(r"及|、")


def _lists_apart(text: str, words: Sequence[TaggedWord]) -> list[TaggedWord]:
    """An organization of the tagger's that lists two (甲乙及丙丁) is the two."""
    apart: list[TaggedWord] = []
    for word in words:
        if word.tag != "ORG" or not _LIST_INSIDE.search(text, word.start, word.end):
            apart.append(word)
            continue
        start = word.start
        for joiner in _LIST_INSIDE.finditer(text, word.start, word.end):
            apart.append(TaggedWord(start, joiner.start(), "ORG"))
            start = joiner.end()
        apart.append(TaggedWord(start, word.end, "ORG"))
    return [w for w in apart if w.end > w.start]


# A name glued to the verb phrase after it: 甲乙布局于, 甲乙如何布局, 甲乙集团进军, 让我司.
_VERB_PHRASE_OPENER = re.compile(r"如何|怎样|怎么|为何|为什么|布局|进军|入局|押注|发力|加码|涉足|抢滩|一方面|让")


def _before_verb_phrase(text: str, start: int, end: int) -> int:
    match = _VERB_PHRASE_OPENER.search(text, start + 2, end)
    return match.start() if match else end


# A word for the body's tie to the name before it: Acme 母公司 is not a company named so.
_KIN_WORD = re.compile(r"[ 　]*(?:母公司|子公司|关联公司|旗下公司|合作伙伴)$")


def _without_kin_word(text: str, start: int, end: int) -> int:
    match = _KIN_WORD.search(text, start, end)
    return match.start() if match and match.start() > start else end


# 所 before a verb is the particle of 所推出的, not an institute's 所.
_VERB_AFTER_PARTICLE = re.compile(
    r"推出|开发|研发|发布|提供|打造|生产|制造|使用|采用|拥有|带来|面临|需要|设计|创造|构建|主导|收购|投资|做|说|写|称"
)


def _without_relative_particle(text: str, start: int, end: int) -> int:
    if end - start >= 3 and text.endswith("所", start, end) and _VERB_AFTER_PARTICLE.match(text, end):
        return end - 1
    return end


# Tools the tagger takes for bodies: 代码解释器, 浏览器插件 (电器 names makers: 某某电器).
_TOOL_ENDING = re.compile(r"(?<!电)器$|插件$|工具$")


def _names_a_tool(surface: str) -> bool:
    return _TOOL_ENDING.search(surface) is not None


# A country and a field: 中国科技, 美国金融 (a sector, not a body; 美国银行 ends as a body does).
_FIELDS = frozenset("科技 金融 经济 制造 制造业 产业 市场 企业 互联网 人工智能 半导体 芯片 汽车 AI 大模型 教育 医疗".split())


def _country_and_field(surface: str) -> bool:
    country = next((c for c in P.COUNTRY_PREFIXES if surface.startswith(c)), None)
    return country is not None and surface[len(country) :] in _FIELDS


_TRAILING_VERB = re.compile(r"(?<=[区县市镇乡州省])(?:兴建|建设|设立|举办|举行|召开|成立|开设|投资|落地|推进|开展)$")


_DELEGATION = re.compile(r"(?:代表团|考察团|访问团|访华团|一行)$")


def _without_delegation(text: str, start: int, end: int) -> int:
    """英国牛津大学代表团 → 英国牛津大学: a delegation of the body, not the body."""
    match = _DELEGATION.search(text, start, end)
    return match.start() if match and match.start() - start >= 2 else end


# Bodies of a state, named with their country: 英国内政部, 印度外交部, 法国雇主协会.
_NATIONAL_BODY_SUFFIXES = ("部", "局", "署", "厅", "委员会", "议会", "国会", "协会", "联合会", "政府", "使馆", "军")


def _foreign_country_before_org(text: str, start: int, end: int) -> str | None:
    """新加坡淡马锡控股公司 → 新加坡 + 淡马锡控股公司: a foreign country before a
    body's own name. Not when what is left only says what the body does
    (英国广播公司, 美国银行), and never 中国 (中国银行 is a name)."""
    country = _leading_country(text, start, end)
    if country is None or country == "中国":
        return None
    rest = text[start + len(country) : end]
    if rest.startswith(("国家", "联邦")) or rest.endswith(_NATIONAL_BODY_SUFFIXES):
        # 某国国家安全委员会, 某国联邦调查局, 英国内政部: the country's own body, named with
        # it (内政部 alone would name every country's ministry).
        return None
    core = org_core(rest)
    for suffix in P.ORG_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    for word in P.TRADE_WORDS:  # 国家石油公司: only what the body does
        core = core.replace(word, "")
    if rest.endswith(P.ORG_SUFFIXES) and rest not in P.ORG_SUFFIXES and len(core) >= 2:
        return country
    return None


def _leading_country(text: str, start: int, end: int) -> str | None:
    """The country ``text[start:end]`` starts with, the longest that fits (沙特阿拉伯 before 沙特)."""
    return next((c for c in P.COUNTRY_PREFIXES if text.startswith(c, start, end)), None)


def with_countries_apart(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Organizations found by context or the tagger that start with a foreign
    country are the country and the body (新加坡 + 淡马锡控股公司)."""
    apart = []
    for c in candidates:
        country = None
        if c.entity_type is EntityType.ORGANIZATION and c.priority < PRIORITY_LEXICON:
            country = _foreign_country_before_org(text, c.start, c.end)
        if country:
            apart.append(replace(c, end=c.start + len(country), entity_type=EntityType.PLACE))
            apart.append(replace(c, start=c.start + len(country)))
        else:
            apart.append(c)
    return apart


def _country_before_place(text: str, start: int, end: int) -> str | None:
    """意大利米兰 → 意大利 + 米兰: a country the tagger joined to the place in it."""
    country = _leading_country(text, start, end)
    if country is None:
        return None
    rest = text[start + len(country) : end]
    if len(rest) >= 2 and rest not in P.NOT_PLACE_AFTER_COUNTRY and not rest.startswith(P.COUNTRY_PREFIXES):
        return country
    return None


def _whole_person_words(text: str, words: Sequence[TaggedWord]) -> list[TaggedWord]:
    """The tagger's words with the names it cut in two joined again: a
    surname tagged apart from its given name (司徒/PER 卓熙/PER), a
    transliterated name cut at its dot (桑达尔·/PER 皮查伊/PER, 阿依古丽·/PER 买买提/v),
    and an organization whose first character stands alone (特/ORG 区政府/ORG)."""
    joined: list[TaggedWord] = []
    for word in words:
        previous = joined[-1] if joined else None
        if previous is not None and previous.end == word.start:
            first, second = text[previous.start : previous.end], text[word.start : word.end]
            if previous.tag == "PER" and _continues_name(first, second, word.tag):
                joined[-1] = TaggedWord(previous.start, word.end, "PER")
                continue
            if previous.tag == word.tag == "ORG" and len(first) == 1 and first not in _NOT_NAME_OPENERS:
                joined[-1] = TaggedWord(previous.start, word.end, "ORG")
                continue
        joined.append(word)
    return joined


# Characters after which 任 is the verb "to hold a post": 起任, 曾任, 现任, 并任, 后任.
_BEFORE_POST_VERB = frozenset("起曾现并后又还兼即再历")
# Single characters that modify a name rather than start it: 前华为, 该公司, 新东方 aside.
_NOT_NAME_OPENERS = frozenset("前原该本这那其各全老")


def _continues_name(first: str, second: str, second_tag: str) -> bool:
    if first.endswith("·") or second.startswith("·"):
        rest = second.lstrip("·")
        return second_tag == "PER" or (0 < len(rest) <= 5 and all(ch in P.TRANSLITERATION_CHARS for ch in rest))
    if "·" in first:  # 柯丝蒂·考文/PER 垂/v: the last syllable of a transliterated name
        return len(second) == 1 and second in P.TRANSLITERATION_CHARS and len(first) < 16
    if second_tag != "PER" or re.fullmatch(f"[{CJK}]+", first + second) is None:
        return False
    if len(first) == 1 and (first + second)[:2] in P.COMPOUND_SURNAMES:  # 令/PER 狐嘉言/PER
        return len(second) <= 3
    is_surname = first in P.COMPOUND_SURNAMES or (len(first) == 1 and first in P.SINGLE_SURNAMES)
    return is_surname and 1 <= len(second) <= 2


# 国泰君安证券电力/ORG 设备行业首席分析师: a broker's research desk, not its name.
_RESEARCH_HOUSE = re.compile(r"证券|期货|基金|研究所|资本|研究院")
_RESEARCH_DESK_AFTER = re.compile(r"设备|行业|板块|首席|分析师|研究员|团队|组")


def _without_research_sector(text: str, start: int, end: int) -> int:
    if not _RESEARCH_DESK_AFTER.match(text, end):
        return end
    house = last_match(_RESEARCH_HOUSE, text, start, end)
    if house is not None and house.end() < end and house.end() - start >= 4:
        return house.end()
    return end


def _without_trailing_role(text: str, start: int, end: int) -> int:
    """海南省委书记 → 海南省委, 鸿海创办人 → 鸿海: a role the tagger glued to the
    organization before it; a role that shares the body's last character
    keeps it (经济部长 → 经济部)."""
    for role in P.ROLE_WORDS:
        if len(role) >= 2 and text.endswith(role, start, end):
            cut = end - len(role)
            if role[0] in _SHARED_SUFFIX_CHARS and role != "院士" and not text.endswith(role[0], start, cut):
                cut += 1
            return cut if cut - start >= 2 else end
    return end


_COUNTED = re.compile(r"[一两二三四五六七八九十几这那每某]$")


def _after_measure_word(text: str, start: int, end: int) -> int:
    """一张|伊隆·马斯克的图片: 张 after a numeral counts the picture, it is no surname.
    Only for a name that stays two characters or a transliteration with its dot."""
    rest = text[start + 1 : end]
    if text[start] == "张" and _COUNTED.search(text, 0, start) and ("·" in rest or len(rest) >= 2):
        return start + 1
    return start


def _trim_person(text: str, start: int, end: int) -> int:
    """Drop a speech verb the tagger glued to a name (杨瑞临说 → 杨瑞临)."""
    surface = text[start:end]
    for verb in P.SPEECH_VERBS:
        if surface.endswith(verb) and len(surface) - len(verb) >= 2:
            return end - len(verb)
    return end


_DESCRIPTOR = re.compile(r"执政党|在野党|初创公司|创业公司|公司|独角兽|研究机构|机构|媒体")


def _without_role_opener(text: str, start: int, end: int) -> int:
    """中芯国际联合 + 首席执行官 → 中芯国际: the role's first word is not the name's."""
    for opener in P.ROLE_OPENERS:
        if (
            text.endswith(opener, start, end)
            and end - len(opener) - start >= 2
            and (P.ROLE_PATTERN.match(text, end) or P.ROLE_PATTERN.match(text, end - len(opener)))
        ):
            return end - len(opener)
    return end


def _after_descriptor(text: str, start: int, end: int) -> int:
    """日本执政党自民党 → 自民党: a name after a word that describes it."""
    last = None
    for match in _DESCRIPTOR.finditer(text, start, end):
        last = match
    if last is not None and end - last.end() >= 2:
        return last.end()
    return start


_ORG_TAIL = re.compile(rf"(?:(?![的在是等多及])[{CJK}]){{1,5}}?(?:研究所|研究院|司|局|处|所|中心|办公室)")


# Words a tagger leaves out of the name they end: 趋势/ORG 科技/n.
_NAME_ENDING_WORDS = re.compile(r"股份有限公司|有限公司|科技|集团|控股|公司|银行|证券|生物医药|生物|医药|药业")


def _extend_to_org_suffix(text: str, end: int) -> int:
    """Complete an organization the tagger cut short: 商务部电子商务 + 和信息司, 趋势 + 科技."""
    ending = _NAME_ENDING_WORDS.match(text, end)
    if ending:
        return ending.end()
    match = _ORG_TAIL.match(text, end)
    if match is None or P.ROLE_PATTERN.match(text, end) or text.startswith("长", match.end()):
        return end  # 局 + 长 is a role (副局长), not a unit
    if text[end : end + 1] in P.FORMER_MARKERS and P.ROLE_PATTERN.match(text, end + 1):
        return end
    return match.end()


def role_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """Names found next to a role word: ORG + role + PERSON (科大讯飞董事长刘庆峰)."""
    person_ends = {w.start: w.end for w in words if w.tag == "PER"}
    for match in P.ROLE_PATTERN.finditer(text):
        if text.startswith("会", match.end()):
            continue  # 第五届董事会, 理事会: a body, not a role
        name_start = _skip_parenthetical(text, match.end())
        tagged_end = person_ends.get(name_start)
        # The tagger's name stands unless it stops where no name can end
        # (校长韩杰|才与: the tagger cut 韩杰才 short).
        if tagged_end is None or not _NAME_END.match(text, tagged_end):
            name = _context_person(text, name_start) or _transliterated_name(text, name_start)
            if name and (tagged_end is None or name_start + len(name) > tagged_end):
                yield Candidate(name_start, name_start + len(name), EntityType.PERSON, "role-then-name", PRIORITY_RULE)
        org = _org_before(text, match.start())
        if (
            org is None
            and match.group(0)[0] in _SHARED_SUFFIX_CHARS
            and match.group(0) != "院士"  # 樊致远院士: a person's title, not 院 + 院士
            and not text.endswith((*P.ORG_SUFFIXES, *P.FORMER_MARKERS), 0, match.start())
        ):
            # 经济部长: the body's last character opens the role (经济部 + 部长).
            org = _org_before(text, match.start() + 1)
        org = org or _brand_before(text, words, match)
        if org:
            yield Candidate(org[0], org[1], EntityType.ORGANIZATION, "org-before-role", PRIORITY_TAGGER)


_SHARED_SUFFIX_CHARS = frozenset("部局院所台社厅处司")
# 该公司, 这家公司, 其公司: a body named before; 我司, 本院, 贵校: the speaker's or listener's own.
_ANAPHOR_BEFORE = re.compile(r"(?:该|这家|那家|这|那|其|此|本|我|贵)$")
_OWN_BODY = re.compile(r"(?:我|本|贵|该|我们)(?:公司|司|院|校|所|局|行|部|厅|社|台)$")
# Posts only a company has: the name before one may be a brand with no company word (甲乙 CEO 丙丁).
_COMPANY_ROLE = re.compile(r"CEO|CTO|COO|CFO|首席执行官|联合创始人|创始人|董事长|总裁|执行长")
_BRAND_TAGS = frozenset({"ORG", "nz", "nw", "an"})


def _brand_before(text: str, words: Sequence[TaggedWord], role: re.Match[str]) -> tuple[int, int] | None:
    """A brand that opens a clause right before a company's post held by a named
    person (。甲乙 CEO 丙丁表示): one word the tagger marks as a proper name."""
    if not _COMPANY_ROLE.fullmatch(role.group(0)):
        return None
    end = role.start()
    while end > 0 and text[end - 1] in " 　":
        end -= 1
    word = next((w for w in words if w.end == end), None)
    if word is None or word.tag not in _BRAND_TAGS or not 2 <= end - word.start <= 4:
        return None
    surface = text[word.start : end]
    if word.start > 0 and text[word.start - 1] not in _BOUNDARY:
        return None
    if not re.fullmatch(f"[{CJK}]+", surface) or surface in P.NOT_ORGANIZATION or surface in P.ORG_SUFFIXES:
        return None
    person = _skip_parenthetical(text, role.end())
    if not any(w.start == person and w.tag == "PER" for w in words):
        return None
    return word.start, end

# A biography opens with the name, then the sex: 贺建林，男，汉族，1962年生.
_BIOGRAPHY_OPENING = re.compile(rf"(?:^|(?<=[\n。！？]))[ 　]*([{CJK}]{{2,4}})(?={P.BIOGRAPHY_SEX.pattern})")


def biography_candidates(text: str) -> Iterator[Candidate]:
    """The person a biography is about (贺建林，男，…; 东方晓岚，女，…)."""
    for match in _BIOGRAPHY_OPENING.finditer(text):
        yield Candidate(match.start(1), match.end(1), EntityType.PERSON, "biography-opening", PRIORITY_RULE)


# A short name declared after the full one: 江苏澜海新材料股份有限公司（以下简称“澜海新材”）,
# 北京智源人工智能研究院（智源研究院）.
_SHORT_NAME_DECLARATION = re.compile(
    r"[（(][ 　]*(?P<said>(?:以下|下文)?(?:简称为|简称|下称|统称)[：:]?)?[ 　]*[“\"「『]?"
    rf"(?P<short>[{CJK}A-Za-z0-9]{{2,10}})[”\"」』]?[ 　]*[）)]"
)


@dataclass(frozen=True)
class ShortName:
    """A short name the text declares for the organization whose name ends at
    ``full_end``; ``full_start`` is where the shortest name that holds the
    short one's characters in order begins (远扬金融控股公司 for 远扬金控)."""

    full_start: int
    full_end: int
    short: str


def declared_short_names(text: str) -> list[ShortName]:
    """Short names declared in brackets after an organization's full name.
    Without 简称 the bracket only declares a Chinese name whose characters
    come, in order, from the name before it (智源研究院 from
    北京智源人工智能研究院; not AI after 人工智能研究院)."""
    found = []
    for match in _SHORT_NAME_DECLARATION.finditer(text):
        short, before = match.group("short"), text[max(0, match.start() - 24) : match.start()]
        if not before.endswith(P.ORG_SUFFIXES) or short in P.ORG_SUFFIXES or short in P.NOT_ORGANIZATION:
            continue
        if match.group("said") or (has_cjk(short) and is_subsequence(short, before) and not before.endswith(short)):
            found.append(ShortName(match.start() - _shortest_holder(short, before), match.start(), short))
    return found


def _shortest_holder(short: str, before: str) -> int:
    """The length of the shortest end of ``before`` that holds ``short``'s
    characters in order, starting with its first (0 when none does)."""
    for start in range(len(before) - 1, -1, -1):
        if before[start] == short[0] and is_subsequence(short, before[start:]):
            return len(before) - start
    return 0


def short_name_candidates(text: str, declared: Sequence[ShortName]) -> Iterator[Candidate]:
    """Every use of a declared short name is the organization (澜海新材2021年在北交所上市),
    and the name it was declared for is one too (远扬/v 金融控股公司/ORG（远扬金控）)."""
    for d in declared:
        if d.full_end - d.full_start > len(d.short):
            yield Candidate(d.full_start, d.full_end, EntityType.ORGANIZATION, "declared-full-name", PRIORITY_RULE)
    for short in {d.short for d in declared}:
        for match in re.finditer(re.escape(short), text):
            yield Candidate(match.start(), match.end(), EntityType.ORGANIZATION, "declared-short-name", PRIORITY_RULE)


def listed_person_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """A name listed right after a tagged one that the tagger missed: 褚一鸣、苗苑共同创立."""
    tagged_at = {w.start: w.tag for w in words}
    for word in words:
        if word.tag != "PER" or not text.startswith("、", word.end):
            continue
        start = word.end + 1
        if tagged_at.get(start) in ("PER", "ORG", "LOC"):
            continue
        name = _context_person(text, start)
        if name:
            yield Candidate(start, start + len(name), EntityType.PERSON, "listed-person", PRIORITY_RULE)


def _skip_parenthetical(text: str, i: int) -> int:
    """Skip spaces and a bracketed gloss: CEO（首席执行官）张鹏."""
    while i < len(text) and text[i] in " 　":
        i += 1
    if i < len(text) and text[i] in "（(":
        close = text.find("）" if text[i] == "（" else ")", i, i + 20)
        if close != -1:
            i = close + 1
    while i < len(text) and text[i] in " 　":
        i += 1
    return i


def _context_person(text: str, i: int) -> str | None:
    """A Chinese personal name at ``i``: surname + given name, then a boundary."""
    for surname_len in (2, 1):
        surname = text[i : i + surname_len]
        if (surname_len == 2 and surname in P.COMPOUND_SURNAMES) or (
            surname_len == 1 and surname in P.SINGLE_SURNAMES
        ):
            for given_len in (2, 1):
                name = text[i : i + surname_len + given_len]
                if (
                    len(name) == surname_len + given_len
                    and re.fullmatch(f"[{CJK}]+", name)
                    and _NAME_END.match(text, i + len(name))
                    and name not in P.NOT_PERSON
                ):
                    return name
    return None


def _transliterated_name(text: str, i: int) -> str | None:
    """A foreign name after a role, written in transliteration characters
    (总裁格奥尔基耶娃表示): three to eight of them, then a boundary."""
    end = i
    while end < len(text) and end - i < 8 and text[end] in P.TRANSLITERATION_CHARS:
        end += 1
    if end - i >= 3 and _NAME_END.match(text, end):
        return text[i:end]
    return None


def _org_before(text: str, role_start: int) -> tuple[int, int] | None:
    """The organization name right before a role word, when its shape says so:
    it ends in an organization suffix or follows a word like 公司 or 独角兽."""
    end = role_start
    while end > 0 and text[end - 1] in " 　":
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in _BOUNDARY and end - start < 16:
        start -= 1
    segment = text[start:end]
    descriptor = None
    for match in re.finditer(r"公司|企业|独角兽|机构|媒体|大厂|平台|厂商|创企|初创公司", segment):
        descriptor = match
    if descriptor is not None and descriptor.end() < len(segment):
        if _ANAPHOR_BEFORE.search(segment, 0, descriptor.start()):
            return None  # 该公司同时向…: what the body named before does, not a name
        start += descriptor.end()
        segment = text[start:end]
        if len(segment) > 8:  # a department after the company, not a name
            return None
    elif not segment.endswith(P.ORG_SUFFIXES):
        return None
    dateline = last_match(_DATELINE, segment)
    if dateline is not None:  # 新华社北京5月7日电|国务院副总理: the body starts after the dateline
        start += dateline.end()
        segment = text[start:end]
    lead = _LEADING_FUNCTION_WORDS.match(segment)
    if lead:
        start += lead.end()
        segment = text[start:end]
    post = last_match(_POST_VERB_INSIDE, segment)
    if post is not None:  # 卢思远曾任东陵大学, 凌霄被任命为东陵大学: the name starts after the verb
        start += post.end()
        segment = text[start:end]
    if not 2 <= len(segment) <= 14 or segment in P.NOT_ORGANIZATION or segment in P.ORG_SUFFIXES or "的" in segment:
        return None
    if _OWN_BODY.search(segment):
        return None  # 让我司首席科学家: the speaker's own company, not a name
    if P.NOT_IN_ORG_NAME.search(segment) or _holds_role(segment):
        return None  # 红杉中国合伙人孙凯在接受本报, 董事长兼: words around a name, not a name
    if P.SPEECH_VERB_PATTERN.search(segment) or not (has_cjk(segment) or segment.isascii()):
        return None
    return start, end


_DATELINE = re.compile(r"[0-9０-９一二三四五六七八九十]+日电")
_LEADING_FUNCTION_WORDS = re.compile(
    # A function word that also starts a name's word is kept: 经济部, 同济大学, 和平饭店, 对外经济贸易大学.
    r"(?:以及|及|和(?!平|谐|睦)|与|同(?!济|仁|方)|并且|并|由|在|对(?!外)|向|据|为|是|即|包括|其中|而|但|经(?!济|贸|营|管|信)|被|从|于|兼"
    r"|现任|曾任|历任|时任|担任|出任|兼任|升任|接任|就任|加入|任职于|供职于|就职于)+"
)


_POST_VERB_INSIDE = re.compile(r"被任命为|被选为|当选为|当选|任命为|现任|曾任|历任|时任|担任|出任|兼任|升任|接任|就任|起任")


def _holds_role(segment: str) -> bool:
    """A role word inside a would-be name, not as part of a body's name (委员会, 董事会)."""
    for match in P.ROLE_PATTERN.finditer(segment):
        if match.end() < len(segment) and segment[match.end()] not in "会团处室部办局组":
            return True
        if match.end() == len(segment) and not segment.endswith(P.ORG_SUFFIXES):
            return True
    return False


_BOOK_TITLE = re.compile(r"《([^《》\n]{2,20})》")
_MEDIA_BYLINE = re.compile(
    rf"(?:^|(?<=[\n，。、；：:,;\s（(]))([{CJK}]{{2,8}}?(?:日报|时报|晚报|晨报|周刊|报|通讯社|社|电视台|新闻网|网))(?=记者|特约记者|通讯员|首席记者)"
)


_LATIN_ORG_AFTER_DESCRIPTOR = re.compile(
    r"(?:公司|企业|独角兽|机构|媒体|平台|实验室)([A-Z][A-Za-z0-9]*[A-Za-z](?: [A-Z][A-Za-z0-9]*[A-Za-z])*)(?![A-Za-z0-9])"
)
_QUOTED_ORG = re.compile(rf"[“「]([{CJK}A-Za-z0-9]{{2,14}}(?:研究所|研究院|研究中心|实验室|基金会|协会|学会|大学|学院|集团|公司))[”」]")


def descriptor_org_candidates(text: str) -> Iterator[Candidate]:
    """研究机构PitchBook, 独角兽KoBold Metals, “信息与战略研究所”."""
    for match in _LATIN_ORG_AFTER_DESCRIPTOR.finditer(text):
        if P.ROLE_PATTERN.fullmatch(match.group(1)):
            continue  # 公司CEO: the company's chief, not a company
        yield Candidate(match.start(1), match.end(1), EntityType.ORGANIZATION, "descriptor-latin-org", PRIORITY_RULE)
    for match in _QUOTED_ORG.finditer(text):
        yield Candidate(match.start(1), match.end(1), EntityType.ORGANIZATION, "quoted-org", PRIORITY_RULE)
    yield from _glossed_orgs(text)


# A Chinese name glossed by its Latin one: 资讯公司甲乙（Acme）, 和甲乙丙（Acme）董事长.
_GLOSSED = re.compile(rf"([{CJK}]{{2,6}})[（(][ 　]*([A-Z][A-Za-z0-9.&'’\- ]{{1,30}}?)[ 　]*[）)]")
_DESCRIPTOR_END = re.compile(r"(?:公司|企业|机构|媒体|网站|集团|厂商|平台|独角兽)")
_LIST_WORD = re.compile(r"[和与及、]")


def _glossed_orgs(text: str) -> Iterator[Candidate]:
    """A Chinese name with a Latin gloss in brackets, after a word for a company
    (财经资讯公司甲乙（Acme）) or before a post (甲乙丙（Acme）董事长), and every
    other place the article names it."""
    names = set()
    for match in _GLOSSED.finditer(text):
        run, gloss = match.group(1), match.group(2)
        descriptor = last_match(_DESCRIPTOR_END, run)
        if descriptor is not None:
            name = run[descriptor.end() :]
        elif P.ROLE_PATTERN.match(text, match.end()) and " " not in gloss:
            joiner = last_match(_LIST_WORD, run)
            name = run[joiner.end() :] if joiner else run
        else:
            continue
        if 2 <= len(name) <= 6 and name not in P.NOT_ORGANIZATION and "的" not in name:
            names.add(name)
    for name in names:
        for found in re.finditer(re.escape(name), text):
            yield Candidate(found.start(), found.end(), EntityType.ORGANIZATION, "glossed-org", PRIORITY_RULE)


# What a publication does after its name, besides P.MEDIA_FOLLOWERS: 《甲乙》盘点, 《甲乙》指出.
_MORE_MEDIA_FOLLOWERS = re.compile(r"盘点|指出|报导|披露|获悉|统计|调查发现")
# An article credits the medium it first ran in: 本文为甲乙原创文章.
_CREDITED_MEDIUM = re.compile(rf"本文(?:为|是|系|来自|转载自|来源于)[ 　]*([{CJK}A-Za-z0-9]{{2,10}}?)[ 　]*(?:原创|独家|首发|授权)")


def media_candidates(text: str) -> Iterator[Candidate]:
    """Newspapers, magazines and agencies: 《华夏时报》执行总编辑, 大公报记者;
    the medium an article credits (本文为甲乙原创), wherever it names it."""
    for name in {m.group(1) for m in _CREDITED_MEDIUM.finditer(text)} - P.NOT_ORGANIZATION:
        for found in re.finditer(re.escape(name), text):
            yield Candidate(found.start(), found.end(), EntityType.ORGANIZATION, "media-credited", PRIORITY_RULE)
    for match in _BOOK_TITLE.finditer(text):
        name = match.group(1)
        follower = text[match.end() : match.end() + 4]
        if P.MEDIA_SUFFIXES.search(name) or P.MEDIA_FOLLOWERS.match(follower) or _MORE_MEDIA_FOLLOWERS.match(follower):
            yield Candidate(match.start(1), match.end(1), EntityType.ORGANIZATION, "media-title", PRIORITY_RULE)
    for match in _MEDIA_BYLINE.finditer(text):
        if match.group(1) not in P.NOT_ORGANIZATION and not match.group(1).startswith("本"):
            yield Candidate(match.start(1), match.end(1), EntityType.ORGANIZATION, "media-byline", PRIORITY_RULE)


_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9\-])([A-Z][A-Za-z0-9]*(?:[\-. ][A-Za-z0-9]+)*)")
_QUOTED_MODEL = re.compile(rf"[「“\"《]([{CJK}A-Za-z0-9\-. ]{{1,16}}?(?:大模型|模型))[」”\"》]")
# ‘远航天枢’模型, “珞珈灵眸”大模型: the quoted name alone.
_QUOTED_NAME_BEFORE_MODEL = re.compile(rf"[「“‘\"]([{CJK}A-Za-z0-9\-. ]{{2,12}})[」”’\"](?=大模型|模型|大语言模型|语言模型)")
# 大型语言模型FoxBrain, 对话引擎TAIDE, 遥感大模型“珞珈灵眸”.
_NAME_AFTER_MODEL_WORD = re.compile(
    rf"(?:模型|对话引擎|聊天机器人|智能体|AI助手|智能助手)[ 　]?(?:(?P<latin>[A-Za-z][A-Za-z0-9]*(?:[\-. ][A-Za-z0-9]+)*)(?![A-Za-z0-9])"
    rf"|[「“‘\"](?P<quoted>[{CJK}A-Za-z0-9\-. ]{{2,12}})[」”’\"])"
)


def model_candidates(text: str) -> Iterator[Candidate]:
    """AI models by shape: a Latin name before 模型 (Etna文生视频模型), a quoted
    「交通大模型」, a proper name before 大模型 (盘古气象大模型)."""
    for match in _LATIN_NAME.finditer(text):
        name = match.group(1).rstrip(" .-")
        if name in P.NOT_MODEL or len(name) < 2:
            continue
        if P.MODEL_CUE.match(text, match.start(1) + len(name)):
            yield Candidate(match.start(1), match.start(1) + len(name), EntityType.SOFTWARE, "latin-before-model-word", PRIORITY_RULE)
    for match in _QUOTED_MODEL.finditer(text):
        if re.fullmatch(f"[{CJK}]{{2}}模型", match.group(1)):
            continue  # 「世界模型」, 「最强模型」: a kind of model, not one
        yield Candidate(match.start(1), match.end(1), EntityType.SOFTWARE, "quoted-model", PRIORITY_RULE)
    for match in _QUOTED_NAME_BEFORE_MODEL.finditer(text):
        if not _name_like(match.group(1)):
            continue  # 「恶意」大模型: scare quotes round an adjective
        yield Candidate(match.start(1), match.end(1), EntityType.SOFTWARE, "quoted-name-model", PRIORITY_RULE)
    for match in _NAME_AFTER_MODEL_WORD.finditer(text):
        name = (match.group("latin") or match.group("quoted")).rstrip(" .-")
        start = match.start("latin") if match.group("latin") else match.start("quoted")
        if name in P.NOT_MODEL or len(name) < 2:
            continue
        # A two-character quoted word is a name when the model is being released
        # (研发的调度大模型“锦云”), not when it is scare-quoted.
        if match.group("quoted") and not (_name_like(name) or P.RELEASE_VERBS.search(text, max(0, match.start() - 30), match.start())):
            continue
        yield Candidate(start, start + len(name), EntityType.SOFTWARE, "model-word-then-name", PRIORITY_RULE)


def _name_like(quoted: str) -> bool:
    """A quoted product name, not a quoted word: three characters or more, or Latin."""
    return len(quoted) >= 3 or not has_cjk(quoted)


# A Chinese model name and its version: 云穹-3, 云穹2.0, 云穹大模型3.0, 云穹-3 Lite, 云穹 5o.
_CJK_MODEL_VERSION = re.compile(
    r"(?:大模型|[ ])?-?\d{1,2}(?:\.\d{1,2})*[a-z]?(?:[ ](?:Lite|Pro|Max|Mini|Turbo|Plus|Ultra|Flash))?"
    r"(?![0-9A-Za-z.%/年月日号个亿万元倍岁])"
)
# Words that are no name, whatever number a space puts after them (便宜 1/10, 提升 2 倍).
_NOT_NAME_TAGS = frozenset("a ad an d v vd vn u p c f q r".split())
_MODEL_WORD_BEFORE = re.compile(r"(?:大模型|模型|版本|版)$")
# 模型 after the name, maybe after the quote round it: 「云穹 5o」模型.
_MODEL_WORD_AFTER = re.compile(r"[」”\"]?[ 　]?(?:大模型|模型)")


def versioned_model_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """A Chinese name with a version that the article shows is a model: right
    before 大模型 (发布云穹-3大模型) or right after a model word (上一代模型云穹2.0);
    once shown, every versioned use of the name is one (接入云穹-3)."""
    found: list[tuple[int, int, str]] = []
    for word in words:
        stem = text[word.start : word.end]
        if not (2 <= len(stem) <= 4 and re.fullmatch(f"[{CJK}]+", stem)) or word.tag in ("LOC", "TIME", "m", "w"):
            continue
        version = _CJK_MODEL_VERSION.match(text, word.end)
        if version and version.group().startswith(" ") and word.tag in _NOT_NAME_TAGS:
            continue
        if version and version.end() - word.end >= 1 and not P.GENERIC_MODEL_MODIFIERS.match(stem):
            found.append((word.start, version.end(), stem))
    found.extend(_quoted_versioned_names(text))
    shown = {
        stem
        for start, end, stem in found
        if _MODEL_WORD_AFTER.match(text, end) or _MODEL_WORD_BEFORE.search(text, max(0, start - 4), start)
    }
    for start, end, stem in found:
        if stem in shown:
            yield Candidate(start, end, EntityType.SOFTWARE, "versioned-model-name", PRIORITY_RULE)


# A quoted Chinese name and its version, whatever words the tagger cut it into: 「云穹 5o」.
_QUOTED_VERSIONED = re.compile(rf"[「“\"]([{CJK}]{{2,4}})({_CJK_MODEL_VERSION.pattern})(?=[」”\"])")


def _quoted_versioned_names(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _QUOTED_VERSIONED.finditer(text):
        if not P.GENERIC_MODEL_MODIFIERS.match(match.group(1)):
            yield match.start(1), match.end(2), match.group(1)


def named_model_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """A proper name the tagger marks as such right before 大模型 (盘古大模型)."""
    for before, word in pairwise(words):
        if text.startswith("大模型", word.start) and before.tag in ("nz", "nw"):
            prefix = text[before.start : before.end]
            if not P.GENERIC_MODEL_MODIFIERS.match(prefix):
                yield Candidate(before.start, word.start + 3, EntityType.SOFTWARE, "name-before-dmx", PRIORITY_TAGGER)


def completed_person_names(candidates: list[Candidate], text: str) -> list[Candidate]:
    """A name cut short where the article spells it whole elsewhere is that
    name: 温景/PER 行/v when 市长温景行 names him (one character more, same place)."""
    full_names = {text[c.start : c.end] for c in candidates if c.entity_type is EntityType.PERSON}
    completed = []
    for c in candidates:
        if c.entity_type is EntityType.PERSON and c.end - c.start in (2, 3):
            longer = text[c.start : c.end + 1]
            if longer in full_names and longer != text[c.start : c.end]:
                c = replace(c, end=c.end + 1)
        completed.append(c)
    return completed


def choose_mentions(candidates: Iterable[Candidate], text: str) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then by priority; junk removed."""
    kept: list[Candidate] = []
    taken = bytearray(len(text) + 1)
    pool = [c for c in (_without_format_edges(c, text) for c in candidates) if _plausible(c, text)]
    pool = _without_rule_orgs_over_people(pool)
    pool = _without_words_listed_among_words(pool, text)
    pool.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.rule))
    by_priority = sorted(pool, key=lambda c: (-c.priority, -(c.end - c.start), c.start, c.rule))
    for candidate in _prefer_curated(pool, by_priority, text):
        if any(taken[candidate.start : candidate.end]):
            continue
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _without_words_listed_among_words(pool: list[Candidate], text: str) -> list[Candidate]:
    """金融、工业、汽车、政务、教育: a short word the tagger calls an organization, in a
    、 list whose neighbours no rule takes for a name, is one sector among others.
    A list of brands (华为、小米、荣耀) has its neighbours found too."""
    starts = {c.start for c in pool}
    ends = {c.end for c in pool}
    kept = []
    for c in pool:
        if c.rule == "tagger" and c.entity_type is EntityType.ORGANIZATION and c.end - c.start <= 2:
            before = text[c.start - 1 : c.start] == "、" and (c.start - 1) not in ends
            after = text[c.end : c.end + 1] == "、" and (c.end + 1) not in starts
            if before and after:
                continue
        kept.append(c)
    return kept


def _without_rule_orgs_over_people(pool: list[Candidate]) -> list[Candidate]:
    """A context rule's organization that holds a name the tagger reads as a
    person's loses to it: 路甬祥是在接受本报 (a byline shape), 李振成局 (before
    局长). Curated names are left alone: a lexicon name is known to be whole."""
    people = [c for c in pool if c.entity_type is EntityType.PERSON and c.rule == "tagger"]
    if not people:
        return pool
    return [
        c
        for c in pool
        if not (
            c.entity_type is EntityType.ORGANIZATION
            and c.priority < PRIORITY_LEXICON
            and c.rule != "tagger"
            and any(c.start <= p.start and p.end <= c.end and (p.start, p.end) != (c.start, c.end) for p in people)
        )
    ]


def _without_format_edges(c: Candidate, text: str) -> Candidate:
    """A name never starts or ends with an invisible format character (a bidi
    mark glued to 刘庆峰 by the tagger)."""
    start, end = c.start, c.end
    while start < end and unicodedata.category(text[start]) == "Cf":
        start += 1
    while end > start and unicodedata.category(text[end - 1]) == "Cf":
        end -= 1
    return c if (start, end) == (c.start, c.end) else replace(c, start=start, end=end)


# A curated name with its version and tier (Stable Diffusion 3 Medium) is a name of its own.
# So is a product named after a curated maker or product (Google Vertex AI, Copilot Studio).
_VERSIONS_OF_CURATED = frozenset(
    {
        "lexicon-versioned", "latin-model-versioned", "latin-model-tier-of-known",
        "latin-model-maker-prefix", "latin-model-product-of-known", "latin-model-for-product",
        "versioned-model-name",
    }
)


def _prefer_curated(by_length: list[Candidate], by_priority: list[Candidate], text: str) -> list[Candidate]:
    """Longest first, except that a tagger span made of a lexicon name plus
    trailing words that are not a unit name (国家网信办会同) yields to the name."""
    curated = sorted((c for c in by_priority if c.priority == PRIORITY_LEXICON), key=lambda c: c.start)
    curated_starts = [c.start for c in curated]
    ordered = []
    for c in by_length:
        if c.priority < PRIORITY_LEXICON and c.rule not in _VERSIONS_OF_CURATED:
            nearby = curated[bisect_left(curated_starts, c.start) : bisect_left(curated_starts, c.end)]
            inner = [k for k in nearby if k.end <= c.end and (k.start, k.end) != (c.start, c.end)]
            if inner and not _is_unit_of(c, inner, text):
                continue
        ordered.append(c)
    return ordered


def _is_unit_of(outer: Candidate, inner: list[Candidate], text: str) -> bool:
    # 香港大学新兴技术研究所 holds 香港大学 and is a unit of it: keep the outer span.
    # 北京字节跳动科技有限公司 is 字节跳动's full legal name: keep it (it resolves to the entry).
    if outer.entity_type is not EntityType.ORGANIZATION:
        return False
    name = text[outer.start : outer.end]
    if any(org_core(name) == text[k.start : k.end] for k in inner if k.entity_type is EntityType.ORGANIZATION):
        return True
    return name.endswith(P.ORG_SUFFIXES) and any(
        k.start == outer.start and k.entity_type is EntityType.ORGANIZATION for k in inner
    )


_GENERIC_COMPANY = ("创业公司", "初创公司", "新创公司", "科技公司", "上市公司", "多家公司", "上百家公司", "该公司", "这家公司")


# Words that say what a company does or how big it is, not which one it is.
_KIND_OF_COMPANY_WORDS = frozenset(
    P.GENERIC_ORG_MODIFIERS
    | P.TRADE_WORDS
    | set(
        """大 小 新 老 头部 财经 资讯 设备 硬件 芯片 半导体 互联网 游戏 电商 云计算 云 安全 咨询 技术 手机 终端 消费电子 通信
        医疗 健康 零售 外国 海外 国外 本土 科创 初创 创业 分析 研究 数字 服务 解决方案 平台 内容 社交 支付 电池 新能源
        智能 设计 制药 药企 应用 模型 大模型 算力 数据中心 市场调研 调研 广告 营销 出行 物流 外卖""".split()
    )
)
_COMPANY_WORDS = ("公司", "企业", "厂商", "机构")


def _names_a_kind_of_company(surface: str) -> bool:
    """财经资讯公司, 智能设备公司, 大公司: words for what a company does, then 公司."""
    head = next((surface[: -len(w)] for w in _COMPANY_WORDS if surface.endswith(w)), None)
    return head is not None and head != "" and _made_of(head, _KIND_OF_COMPANY_WORDS)


def _made_of(text: str, vocabulary: frozenset[str]) -> bool:
    """``text`` is a run of words from ``vocabulary`` (words of up to six characters)."""
    ends = {0}
    for i in range(1, len(text) + 1):
        if any(j in ends and text[j:i] in vocabulary for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(text) in ends


_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十百千]+[届次期批个]")


def _names_a_kind(surface: str) -> bool:
    """科技集团, 新能源汽车, 人工智能研究中心: generic words and an organization
    suffix, which name a kind of body, not one."""
    if P.MEDIA_SUFFIXES.search(surface):
        return False  # 科技日报, 金融时报: a paper's name may be generic words
    rest = surface
    while suffix := next((x for x in P.ORG_SUFFIXES if rest.endswith(x) and len(rest) > len(x)), None):
        rest = rest[: -len(suffix)]
        if rest in P.GENERIC_ORG_MODIFIERS:
            return True
    return False


_MODIFIED_FIELDS = ("人工智能", "大模型", "模型", "AI", "智能", "数据", "GPU", "CPU", "芯片", "算力", "技术", "能力", "平台", "底座")
# 通用|人工智能, 通用|和行业大模型: the field right after, or after one more modifier.
_FIELD_AFTER = re.compile(rf"(?:[和与及、][{CJK}]{{1,4}}?)?(?:{'|'.join(_MODIFIED_FIELDS)})")


def _modifies_a_field(surface: str, c: Candidate, text: str) -> bool:
    """通用|人工智能, 通用人工智能 (AGI), 通用|GPU: a word that qualifies a model, a field or a technology is no company
    (通用 is also General Motors' name, which the tagger learnt)."""
    if c.priority != PRIORITY_TAGGER:
        return False
    field = next((f for f in _MODIFIED_FIELDS if surface.endswith(f) and len(surface) > len(f)), None)
    modifier = surface[: -len(field)] if field else surface
    return P.GENERIC_MODEL_MODIFIERS.fullmatch(modifier) is not None and (
        field is not None or _FIELD_AFTER.match(text, c.end) is not None
    )


def _plausible(c: Candidate, text: str) -> bool:
    surface = text[c.start : c.end]
    if not surface.strip() or surface != surface.strip():
        return False
    if c.entity_type is EntityType.PERSON:
        return _plausible_person(surface, c) and not (
            c.priority == PRIORITY_TAGGER and (_scare_quoted(text, c) or _AFTER_NUMBER.search(text, 0, c.start))
        )
    if c.entity_type is EntityType.ORGANIZATION:
        return (
            surface not in P.NOT_ORGANIZATION
            and not P.ETHNIC_GROUP.fullmatch(surface)
            and not _ORDINAL.match(surface)
            and not P.ANAPHORIC_BODY.fullmatch(surface)
            and not P.BILATERAL_FIELD.fullmatch(surface)
            and (c.priority == PRIORITY_LEXICON or not _names_a_kind(surface))
            and not surface.endswith(_GENERIC_COMPANY)
            and not _modifies_a_field(surface, c, text)
            and surface not in P.ORG_SUFFIXES
            and not (c.priority < PRIORITY_LEXICON and _names_a_kind_of_company(surface))
            and re.fullmatch(rf"[{CJK}A-Za-z0-9À-ÿ][{CJK}A-Za-z0-9À-ÿ .&·'’\-]*", surface) is not None
            and not re.fullmatch(r"[a-z]+|[0-9]+", surface)
        )
    if c.entity_type is EntityType.PLACE:
        return (
            has_cjk(surface)
            and (len(surface) >= 2 or c.rule == "tagger-place-abbreviation")
            and not P.COUNTRY_PAIR.match(surface)
        )
    return True


# 1.7 马赫, 3 伏特: a word right after a number is its unit, whatever the tagger says.
_AFTER_NUMBER = re.compile(r"[0-9][0-9.]*[ 　]?$")
_OPENING_QUOTES = frozenset("“「『‘\"'")
_CLOSING_QUOTES = frozenset("”」』’\"'")


def _scare_quoted(text: str, c: Candidate) -> bool:
    """“王炸”: a word alone in quotes is a term set apart, not a person's name,
    whatever the tagger says (news quotes what people say, not their names)."""
    return c.start > 0 and text[c.start - 1] in _OPENING_QUOTES and text[c.end : c.end + 1] in _CLOSING_QUOTES


# Rules that find Latin-script people (graph.extract.latin), which check their shape themselves.
LATIN_PERSON_RULE_PREFIX = "latin-person-"


def _plausible_person(surface: str, c: Candidate) -> bool:
    if not has_cjk(surface):
        return c.rule.startswith(LATIN_PERSON_RULE_PREFIX) and surface not in P.NOT_PERSON
    if surface in P.NOT_PERSON or any(ch in surface for ch in "|/"):
        return False
    if "·" in surface:
        return 3 <= len(surface) <= 16
    if len(surface) <= 8 and all(ch in P.TRANSLITERATION_CHARS for ch in surface):
        return len(surface) >= 2  # 格奥尔基耶娃: a foreign name written without its dot
    # The trained tagger knows longer names (桥本龙太郎, 松下幸之助); rules stop at four.
    return 2 <= len(surface) <= (_LONGEST_TAGGED_NAME if c.rule == "tagger" else 4)


_LONGEST_TAGGED_NAME = 6
