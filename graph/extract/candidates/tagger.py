"""Names from the curated lexicon and from the statistical taggers, tidied at
their edges: a verb, a role, a delegation or a country the tagger glued on."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.candidates.base import (
    LAC_TYPES,
    PRIORITY_LEXICON,
    PRIORITY_RULE,
    PRIORITY_TAGGER,
    SHARED_SUFFIX_CHARS,
    Candidate,
)
from graph.extract.lexicon import Lexicon
from graph.extract.resolve import org_core
from graph.extract.statistical import TaggedWord
from graph.extract.text import last_match
from graph.text.chars import CJK, has_cjk

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
        entity_type = LAC_TYPES.get(word.tag)
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
            if role[0] in SHARED_SUFFIX_CHARS and role != "院士" and not text.endswith(role[0], start, cut):
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


_DESCRIPTOR = re.compile(r"执政党|在野党|初创公司|创业公司|公司|独角兽|研究机构|机构|媒体|网站")


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
    """日本执政党自民党 → 自民党, 新闻业网站尼曼实验室 → 尼曼实验室: a name after a word that describes it."""
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
