"""Names found by the words around them: an organization and a person on either
side of a role word, a biography's opening, a declared short name, a name listed
after a tagged one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.candidates.base import (
    BOUNDARY,
    NAME_END,
    PRIORITY_RULE,
    PRIORITY_TAGGER,
    SHARED_SUFFIX_CHARS,
    Candidate,
)
from graph.extract.resolve import is_subsequence
from graph.extract.statistical import TaggedWord
from graph.extract.text import last_match
from graph.text.chars import CJK, has_cjk


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
        if tagged_end is None or not NAME_END.match(text, tagged_end):
            name = _context_person(text, name_start) or _transliterated_name(text, name_start)
            if name and (tagged_end is None or name_start + len(name) > tagged_end):
                yield Candidate(name_start, name_start + len(name), EntityType.PERSON, "role-then-name", PRIORITY_RULE)
        org = _org_before(text, match.start())
        if (
            org is None
            and match.group(0)[0] in SHARED_SUFFIX_CHARS
            and match.group(0) != "院士"  # 樊致远院士: a person's title, not 院 + 院士
            and not text.endswith((*P.ORG_SUFFIXES, *P.FORMER_MARKERS), 0, match.start())
        ):
            # 经济部长: the body's last character opens the role (经济部 + 部长).
            org = _org_before(text, match.start() + 1)
        org = org or _brand_before(text, words, match)
        if org:
            yield Candidate(org[0], org[1], EntityType.ORGANIZATION, "org-before-role", PRIORITY_TAGGER)


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
    if word.start > 0 and text[word.start - 1] not in BOUNDARY:
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
                    and NAME_END.match(text, i + len(name))
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
    if end - i >= 3 and NAME_END.match(text, end):
        return text[i:end]
    return None


def _org_before(text: str, role_start: int) -> tuple[int, int] | None:
    """The organization name right before a role word, when its shape says so:
    it ends in an organization suffix or follows a word like 公司 or 独角兽."""
    end = role_start
    while end > 0 and text[end - 1] in " 　":
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in BOUNDARY and end - start < 16:
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
