"""From candidates to mentions: the best non-overlapping ones, junk removed
(kinds of bodies, sectors, qualifiers, units after numbers, scare-quoted words)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.candidates.base import (
    PRIORITY_LEXICON,
    PRIORITY_TAGGER,
    Candidate,
)
from graph.extract.resolve import org_core
from graph.text.chars import CJK, has_cjk


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


# Rules that find Latin-script people (graph.extract.candidates.latin), which check their shape themselves.
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
