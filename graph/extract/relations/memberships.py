"""Membership rules: a person's post in an organization, said by a chain of
roles before the name, a role after it, a verb (担任, 创办), an appointment,
or the affiliation model (trained on DuIE) and a role word."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from graph.core.records import EntityType, Fact, Predicate
from graph.extract import patterns as P
from graph.extract.affiliation import AffiliationModel, joining_roles
from graph.extract.relations.context import (
    Located,
    RelationContext,
    Sentence,
    make_fact,
    previous_sentence,
    skip_spaces,
    subject_org,
)
from graph.extract.text import last_match
from graph.text.chars import CJK

# Characters between an organization and the role the model may join it by: 的, a space.
_ROLE_AFTER_ORG_GAP = 2


def learned_memberships(ctx: RelationContext, s: Sentence, known: set[tuple[str, str | None]]) -> Iterator[Fact]:
    """Posts the patterns below missed, where the affiliation model (trained on DuIE) joins a
    person to an organization and a role word of the sentence says which post it is."""
    persons = [m for m in s.mentions if m.entity_type is EntityType.PERSON]
    orgs = [m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION]
    if not persons or not orgs:
        return
    text = ctx.text[s.start : s.end]
    if not P.ROLE_PATTERN.search(text):
        return  # no role word: nothing the model could join a person by
    spans = [(m.start - s.start, m.end - s.start, m.entity_type.value) for m in s.mentions]
    person_spans = [(m.start - s.start, m.end - s.start) for m in persons]
    org_spans = [(m.start - s.start, m.end - s.start) for m in orgs]
    for pi, oi, score in AffiliationModel.shared().best_pairs(text, person_spans, org_spans, spans):
        person, org = persons[pi], orgs[oi]
        if (person.entity_id, org.entity_id) in known:
            continue
        org_end = org_spans[oi][1]
        for role in joining_roles(text, person_spans[pi], org_spans[oi], spans):
            if len(orgs) > 1 and not 0 <= role.start - org_end <= _ROLE_AFTER_ORG_GAP:
                continue  # a bare role after two bodies (台积电与英伟达……，董事长X) names neither for sure
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "learned-affiliation", round(score, 2),
                        role=role.word, former=role.former)

_GAP = re.compile(r"[ 　]*")
_ROLE_JOINER = re.compile(r"[ 　]*(?:、|兼|及|和|/)[ 　]*$")
_CHAIN_SEPARATOR = re.compile(r"[ 　]*(?:、|兼|和|及|，|,)?[ 　]*")


def memberships(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """Chains of ORG + role before a person: 全国政协委员、360集团创始人周鸿祎,
    科大讯飞董事长刘庆峰, 智谱AI CEO（首席执行官）张鹏, 原司长 (former)."""
    text = ctx.text
    by_end = {m.end: m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION}
    # A unit name may share its last character with the role: 央视总台 + 台长.
    by_end_shared = {m.end - 1: m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION}
    org_of_person_ending: dict[int, Located] = {}  # a listed person's organization, by where the person ends
    for person in (m for m in s.mentions if m.entity_type is EntityType.PERSON):
        cursor = _skip_gloss_backwards(text, person.start, s.start)
        roles: list[tuple[str, bool]] = []  # a chain of roles before one organization
        while True:
            role = _role_ending_at(text, cursor, s.start)
            if role is None:
                break
            role_start, role_word, former = role
            roles.append((role_word, former))
            org_end = role_start
            while org_end > s.start and text[org_end - 1] in " 　的”」』\"（(":  # 台湾“中央研究院”院长, 俱乐部(董事长徐明)
                org_end -= 1
            org = by_end.get(org_end)
            if org is None:
                # 北京智源人工智能研究院（智源研究院）研究员尉迟静: a bracket between.
                org = by_end.get(_skip_gloss_backwards(text, org_end, s.start))
            if org is None and text.startswith(role_word[0], role_start):
                org = by_end_shared.get(role_start)
                if org is not None and text[org.end - 1] != role_word[0]:
                    org = None
            rule, confidence = "org-role-person", 0.9
            if org is None:
                # Roles joined to another role: 百度创始人、董事长兼首席执行官李彦宏.
                joined = _ROLE_JOINER.search(text, s.start, role_start)
                if joined and _role_ending_at(text, joined.start(), s.start):
                    cursor = joined.start()
                    continue
                # A department, a place or a closing bracket may stand between:
                # 华为技术有限公司运营商…规划部客户技术总监, 《华夏时报》执行总编辑.
                org = _nearest_org_before(text, s, role_start)
                rule, confidence = "org-department-role-person", 0.75
            if org is None and not roles[:-1] and text[role_start - 1 : role_start] == "、":
                # 党委书记郜晓峰、校长阎卓然: a list of posts in the organization before the first.
                org = org_of_person_ending.get(role_start - 1)
                rule, confidence = "org-role-person-list", 0.75
            if org is None and not roles[:-1]:
                # 台积电昨日举行法说会，董事长魏哲家表示: a bare role after a clause
                # break belongs to the one organization the sentence is about.
                org = _sentence_subject_org(text, s, role_start)
                rule, confidence = "subject-org-role-person", 0.6
            if org is None:
                # 公司首席科学家阮星野, 该院副院长岳川, 该行党委书记、董事长彭纯: the organization named before.
                org = _anaphor_org(ctx, s, role_start)
                rule, confidence = "anaphor-role-person", 0.6
            if org is None:
                break
            org_of_person_ending[person.end] = org
            # 前 Tesla AI 总监: a former post, the marker before the organization.
            former_org, org_open = _former_before(text, org.start, s.start)
            for word, was in roles:
                yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, rule, confidence, role=word,
                                former=was or former_org)
            roles = []
            cursor = _sep_start(text, org_open, s.start)
            sep = _CHAIN_SEPARATOR.fullmatch(text, cursor, org_open)
            if sep is None or cursor == org_open:
                break
    yield from _person_then_role(ctx, s)
    yield from _stated_memberships(ctx, s)
    yield from _appointments(ctx, s)
    yield from _led_by_people(ctx, s)
    yield from _pronoun_posts(ctx, s)
    yield from _org_of_person(ctx, s)
    yield from _its_role_person(ctx, s)
    yield from _listed_people_posts(ctx, s)
    yield from _moves(ctx, s)
    yield from _org_person_role(ctx, s)
    yield from _cofounders(ctx, s)


def _former_before(text: str, start: int, floor: int) -> tuple[bool, int]:
    """Whether 前/原 stands right before an organization (、前 Tesla), and where the name's phrase opens."""
    i = start
    while i > floor and text[i - 1] in " 　":
        i -= 1
    if i > floor and text[i - 1] in P.FORMER_MARKERS and (i - 1 == floor or text[i - 2] in "、，,；; 　（(兼和及"):
        return True, i - 1
    return False, start


# 公司 / 该院 / 本行 … before a role: the organization of that kind named last.
_ANAPHOR = re.compile(r"(?:^|(?<=[，。；：、,;:\s（(]))(?:该|本|这家|这所)?(公司|集团|研究院|学院|大学|学校|银行|医院|院|校|行)$")
_ANAPHOR_NAME_ENDINGS = {
    "公司": ("公司", "集团", "科技", "控股", "股份", "智能"),
    "集团": ("集团", "公司", "控股"),
    "研究院": ("研究院",),
    "院": ("研究院", "学院", "医院", "院"),
    "学院": ("学院",),
    "大学": ("大学",),
    "学校": ("大学", "学院", "学校", "中学", "小学"),
    "校": ("大学", "学院", "学校", "中学", "小学"),
    "银行": ("银行",),
    "行": ("银行",),
    "医院": ("医院",),
}


def _anaphor_org(ctx: RelationContext, s: Sentence, role_start: int) -> Located | None:
    """The organization a word like 公司 or 该院 right before a role stands for:
    the last one named before it, in this sentence or earlier, whose name ends
    like that kind of body."""
    anaphor = _ANAPHOR.search(ctx.text, max(s.start, role_start - 4), role_start)
    if anaphor is None:
        return None
    endings = _ANAPHOR_NAME_ENDINGS[anaphor.group(1)]
    earlier = [
        m
        for sentence in ctx.sentences
        if sentence.start <= s.start
        for m in sentence.mentions
        if m.entity_type is EntityType.ORGANIZATION and m.end <= anaphor.start()
    ]
    # A short name stands for its organization: any name of it may end like the kind.
    kinds = {m.entity_id for m in earlier if ctx.text[m.start : m.end].endswith(endings)}
    if not kinds:
        return None
    # The body the article is about: named most often so far, then most recently.
    mentioned = Counter(m.entity_id for m in earlier if m.entity_id in kinds)
    last_at = {m.entity_id: i for i, m in enumerate(earlier)}
    best = max(kinds, key=lambda entity_id: (mentioned[entity_id], last_at[entity_id]))
    return earlier[last_at[best]]


# 董事会选举顾岚为董事长、诸葛睿为副董事长，并聘任包世航为总经理.
_APPOINTING = re.compile(r"(?:选举|推选|选任|聘任|聘请|任命|委任|增补|提名)$")
_APPOINTMENT_LINK = re.compile(r"[ 　]*(?:为|担任|出任)[ 　]*")
# From one appointed person to the next in a list: 为董事长、 / 为副董事长，并
_NEXT_APPOINTMENT = re.compile(rf"{_APPOINTMENT_LINK.pattern}[^，。；、]{{2,12}}?[、，,][ 　]*(?:并|同时)?[ 　]*")


def _appointments(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """PERSON appointed (选举/聘任/任命 …) as ROLE, one or several in a list: a
    post in the organization the sentence names before the appointment."""
    text = ctx.text
    persons = [m for m in s.mentions if m.entity_type is EntityType.PERSON]
    for i, person in enumerate(persons):
        link = _APPOINTMENT_LINK.match(text, person.end)
        role = P.ROLE_PATTERN.match(text, link.end()) if link else None
        if role is None:
            continue
        # The verb opens the list this person is in: 选举A为董事长、B为副董事长.
        opener = person.start
        for previous in reversed(persons[:i]):
            gap = text[previous.end : opener]
            if not _NEXT_APPOINTMENT.fullmatch(gap):
                break
            opener = previous.start
        verb = _APPOINTING.search(text, max(s.start, opener - 4), opener)
        if verb is None:
            verb = _APPOINTING.search(text, max(s.start, person.start - 4), person.start)
        if verb is None:
            continue
        orgs = [m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION and m.end <= verb.start()]
        if not orgs:
            continue
        yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, orgs[-1], "appointed-person-role", 0.7, role=role.group(0))


def _nearest_org_before(text: str, s: Sentence, role_start: int) -> Located | None:
    orgs = [m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION and m.end <= role_start]
    if not orgs:
        return None
    org = orgs[-1]
    between = text[org.end : role_start]
    others = [m for m in s.mentions if org.end <= m.start < role_start and m.entity_type is not EntityType.PLACE]
    if len(between) > 20 or others or re.search(r"[，。、；;：:,“”「」（）()的和与及]", between):
        return None
    return org


def _sentence_subject_org(text: str, s: Sentence, role_start: int) -> Located | None:
    if role_start == s.start or text[role_start - 1] not in "，,；;：:":
        return None
    before = [m for m in s.mentions if m.end <= role_start and m.entity_type in (EntityType.ORGANIZATION, EntityType.PERSON)]
    if len(before) != 1 or before[0].entity_type is not EntityType.ORGANIZATION:
        return None
    org = before[0]
    # The organization opens the sentence (after a date at most): it is what the sentence is about.
    if not re.fullmatch(r"[^，,。]{0,10}?", text[s.start : org.start]):
        return None
    return org


def _sep_start(text: str, i: int, floor: int) -> int:
    j = i
    while j > floor and text[j - 1] in " 　":
        j -= 1
    if j > floor and text[j - 1] in "、兼和及，,":
        j -= 1
    while j > floor and text[j - 1] in " 　":
        j -= 1
    return j


def _skip_gloss_backwards(text: str, i: int, floor: int) -> int:
    while i > floor and text[i - 1] in " 　":
        i -= 1
    if i > floor and text[i - 1] in "）)":
        opening = max(text.rfind("（", floor, i), text.rfind("(", floor, i))
        if opening != -1 and i - opening <= 20:
            i = opening
    while i > floor and text[i - 1] in " 　":
        i -= 1
    return i


def _role_ending_at(text: str, end: int, floor: int) -> tuple[int, str, bool] | None:
    for word in P.ROLE_WORDS:
        start = end - len(word)
        if start >= floor and text.startswith(word, start):
            former = start - 1 >= floor and text[start - 1] in P.FORMER_MARKERS
            return (start - 1 if former else start), word, former
    return None


def _person_then_role(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """PERSON，ORG + role (杜奕瑾，台湾AI实验室创办人) and PERSON（ORG role）."""
    text = ctx.text
    mentions = list(s.mentions)
    for i, person in enumerate(mentions[:-1]):
        if person.entity_type is not EntityType.PERSON:
            continue
        org = mentions[i + 1]
        if org.entity_type is not EntityType.ORGANIZATION:
            continue
        gap = text[person.end : org.start]
        plain = gap in ("，", ",", "（", "(")
        stated = None if plain else _PERSON_ORG_GAP.fullmatch(gap)
        if not plain and stated is None:
            continue
        # 华辰集团创始人、董事长兼总裁: every role of the chain; Tom Baker，Acme 的 CEO: after 的 and spaces.
        after_org = _OF_BETWEEN.match(text, org.end)
        lead = after_org.end() if after_org else org.end
        former = bool(after_org and after_org.group("former")) or bool(stated and (stated.group("was") or stated.group("former")))
        roles, chain_end = _role_chain(text, lead)
        rule = "person-org-role" if plain and not former else "person-org-qualified-role"
        if not roles:
            # 田渊栋（Meta AI 科学家）, 正是 OpenAI 前开发者关系负责人: a unit or field before the role.
            roles, chain_end = _qualified_role_chain(ctx, s, lead)
            rule = "person-org-qualified-role"
        if not roles:
            continue
        # 雷振东，湖北省科学技术厅厅长汪建华: the role is the next person's.
        if any(m.entity_type is EntityType.PERSON and m.start == skip_spaces(text, chain_end) for m in mentions):
            continue
        confidence = 0.75 if rule == "person-org-role" else 0.7
        for word in roles:
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, rule, confidence, role=word, former=former)


# Spaces and 的 between an organization and its role: Acme 的 CEO, 前 (a past post).
_OF_BETWEEN = re.compile(r"[ 　]*的?[ 　]*(?P<former>前|原)?[ 　]*")
# Between a person and the organization of an apposition that says what the person is or was:
# Logan Kilpatrick，正是 OpenAI 前…负责人 / 林晓峰，曾任远川科技董事长.
_PERSON_ORG_GAP = re.compile(
    r"[ 　]*[，,（(][ 　]*(?:(?:正|也|就|即|则|现|(?P<was>曾(?:经)?))?(?:是|为|系|任)|现任|作为|身为|(?P<former>前|原))?[ 　]*"
)
# A unit or field between an organization and its role: AI, 开发者关系, 数字文娱事业部.
_QUALIFIER = re.compile(rf"(?:[{CJK}]|[A-Za-z0-9][A-Za-z0-9.+&-]*)(?:[ 　]*(?:[{CJK}]|[A-Za-z0-9][A-Za-z0-9.+&-]*)){{0,7}}[ 　]*")
# Where an apposition's role ends: the bracket or clause closes.
_APPOSITION_END = re.compile(r"[ 　]*(?:[，,。；;）)、！？!?]|$)")


def _qualified_role_chain(ctx: RelationContext, s: Sentence, start: int) -> tuple[list[str], int]:
    """The roles after a short unit or field that ends an apposition (Meta AI 科学家）): none
    when a name stands in the qualifier or the chain does not close the clause."""
    text = ctx.text
    role = P.ROLE_PATTERN.search(text, start, min(s.end, start + 16))
    if role is None or role.start() == start or not _QUALIFIER.fullmatch(text, start, role.start()):
        return [], start
    if "的" in text[start : role.start()] or any(start <= m.start < role.start() for m in s.mentions):
        return [], start
    roles, end = _role_chain(text, role.start())
    if not _APPOSITION_END.match(text, end, s.end):
        return [], start
    return roles, end


_ROLE_AFTER_ORG = re.compile(r"[ 　]*的?[ 　]*(?:主要|联合|首任|现任|第一任|新任|时任)?")
_FOUNDER_AFTER_ORG_BY = re.compile(r"[^。；！？]{0,12}?由$")


def _stated_memberships(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """Posts and foundings said with a verb, as benchmarks and news write them:
    张一鸣于2012年创办字节跳动 / 阿里巴巴由马云等人创立 (创始人);
    马化腾担任腾讯公司董事会主席, 李彦宏是百度创始人之一, 曾任 (former);
    腾讯的创始人是马化腾, 研究院院长由钟毓秀担任."""
    text = ctx.text
    mentions = s.mentions
    persons = [m for m in mentions if m.entity_type is EntityType.PERSON]
    orgs = [m for m in mentions if m.entity_type is EntityType.ORGANIZATION]
    role: str | None  # bound by several rules below, some of which may find none
    for person in persons:
        # 贺建林，男，汉族，…，现任湘南重工集团董事长: a biography's posts are far from its name.
        biography = P.BIOGRAPHY_SEX.match(text, person.end) is not None
        reach = 80 if biography else 24
        for org in orgs:
            if org.start >= person.end and _listed_with_founder(mentions, person, org, text):
                # PERSON 和 PERSON (共同) 创办(了) ORG: the first of the founders
                yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "person-founded-org", 0.8, role="创始人")
            elif org.start >= person.end:
                between = text[person.end : org.start]
                if len(between) > reach or _BREAK.search(between):
                    continue
                # A biography lists a career (毕业于复旦大学，2010年起任锦程证券董事长): other
                # organizations may come between, people may not.
                if _others_between(mentions, person, org, only_people=biography):
                    continue
                # PERSON (于2012年) 创办(了) ORG
                founding = P.FOUNDING_VERBS.search(between)
                if founding and re.fullmatch(r"[了的]?[ 　]*", between[founding.end() :]):
                    yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "person-founded-org", 0.8, role="创始人")
                    continue
                # PERSON 担任/是/曾任 ORG (的) ROLE
                post = last_match(P.POST_VERBS, between)  # the last: 被任命为, not its 任
                if post and post.end() == len(between.rstrip(" 　")):
                    former = post.group(0).startswith(("曾", "历"))
                    for role in _roles_after(text, org.end):
                        yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "person-post-org", 0.75,
                                    role=role, former=former)
            elif org.end <= person.start:
                between = text[org.end : person.start]
                if len(between) > 40 or _BREAK.search(between):
                    continue
                # ORG 由 (浙江大学校友) PERSON (、PERSON) (等人) 创办: the verb comes after the people
                if _founders_from(mentions, org, person, text):
                    after = text[person.end : min(s.end, person.end + 16)]
                    verb = P.FOUNDING_VERBS.search(after)
                    if verb and not _BREAK.search(after[: verb.start()]) and not _org_between(mentions, person.end, person.end + verb.start()):
                        yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "org-founded-by-person", 0.8, role="创始人")
                        continue
                if _others_between(mentions, org, person) or len(between) > 24:
                    continue
                if _FOUNDER_AFTER_ORG_BY.search(between):
                    after = text[person.end : min(s.end, person.end + 16)]
                    held = re.match(r"[^，。；]{0,6}?担任", after)
                    role = _role_after(text, org.end)
                    if held and role:
                        yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "org-role-held-by-person", 0.75, role=role)
                        continue
                # 作为华辰网络的创始人，邬子健…
                acting = _AS_ROLE.fullmatch(between)
                if acting and text.endswith(("作为", "身为"), s.start, org.start):
                    yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "as-org-role-person", 0.7, role=acting.group("role"))
                    continue
                # ORG成立于2001年，创始人为PERSON: a later clause of a sentence about ORG
                said = _ROLE_IS_AT_END.search(between)
                if said and org is orgs[0] and org.start - s.start <= 12:
                    yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "org-clause-role-is-person", 0.7,
                                role=said.group("role"))
                    continue
                # ORG (的) ROLE 是/为 PERSON
                role = _role_after(text, org.end)
                if role and re.fullmatch(
                    rf"{_ROLE_AFTER_ORG.pattern}{re.escape(role)}(?:之一)?[ 　]*(?:是|为|系|：|:)[ 　]*", between
                ):
                    yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "org-role-is-person", 0.75, role=role)


_BREAK = re.compile(r"[。；;！？!?]")
_ROLE_IS_AT_END = re.compile(
    rf"[，,][ 　]*(?:现任|首任|第一任|主要)?(?P<role>{P.ROLE_PATTERN.pattern})(?:之一)?[ 　]*(?:是|为)[ 　]*$"
)
_FOUNDER_JOINER = re.compile(r"[ 　]*(?:、|和|与|及)[ 　]*")
_AS_ROLE = re.compile(rf"[ 　]*的?[ 　]*(?:主要|联合)?(?P<role>{P.ROLE_PATTERN.pattern})(?:之一)?[ 　]*[，,][ 　]*")


def _listed_with_founder(mentions: Sequence[Located], person: Located, org: Located, text: str) -> bool:
    """PERSON 和 PERSON (共同) 创办 ORG: ``person`` opens a list of people that founded ``org``."""
    i = person.end
    listed = [m for m in mentions if person.end <= m.start and m.end <= org.start]
    if not listed or any(m.entity_type is not EntityType.PERSON for m in listed):
        return False
    for m in listed:
        if not _FOUNDER_JOINER.fullmatch(text, i, m.start):
            return False
        i = m.end
    rest = text[i : org.start]
    founding = P.FOUNDING_VERBS.search(rest)
    return bool(founding and re.fullmatch(r"[^，。；]{0,12}?", rest[: founding.start()])
                and re.fullmatch(r"[了的]?[ 　]*", rest[founding.end() :]))
# What may stand between 由 and the founders: who they were (浙江大学校友, 博士, 教授).
_FOUNDER_DESCRIPTION = re.compile(
    rf"[ 　]*(?:[{CJK}]{{0,8}}?(?:校友|博士|硕士|教授|学生|毕业生|团队|工程师|科学家|研究员|院士|员工|高管|"
    rf"企业家|实业家|教育家|慈善家|投资人|重臣|大臣|人士|专家|会长|先生|女士))?[ 　]*"
)


def _founders_from(mentions: Sequence[Located], org: Located, person: Located, text: str) -> bool:
    """ORG 由 (an organization and a description) PERSON, or a list of people
    ending with PERSON (由褚一鸣、苗苑共同创立): the person is one of the founders."""
    by = text.rfind("由", org.end, person.start)
    if by == -1 or by - org.end > 24 or _BREAK.search(text, org.end, by):
        return False
    if any(org.end <= m.start and m.end <= by and m.entity_type is not EntityType.PLACE for m in mentions):
        return False  # 由 belongs to another organization or person
    i = by + 1
    inside = [m for m in mentions if by < m.start and m.end <= person.start]
    for m in inside:
        gap = text[i : m.start]
        if (m.entity_type is EntityType.PERSON and (_FOUNDER_JOINER.fullmatch(gap) or _FOUNDER_DESCRIPTION.fullmatch(gap))) or (m.entity_type is EntityType.ORGANIZATION and i == by + 1 and re.fullmatch(r"[ 　]*", gap)):
            i = m.end
        elif m.entity_type is EntityType.PLACE:
            continue
        else:
            return False
    gap = text[i : person.start]
    return bool(_FOUNDER_JOINER.fullmatch(gap) or _FOUNDER_DESCRIPTION.fullmatch(gap))


def _org_between(mentions: Sequence[Located], start: int, end: int) -> bool:
    """An organization between the founder and the verb: the verb is about it."""
    return any(start <= m.start < end and m.entity_type is EntityType.ORGANIZATION for m in mentions)


def _others_between(mentions: Sequence[Located], first: Located, second: Located, *, only_people: bool = False) -> bool:
    kinds = (EntityType.PERSON,) if only_people else (EntityType.PERSON, EntityType.ORGANIZATION)
    return any(first.end <= m.start and m.end <= second.start and m.entity_type in kinds for m in mentions)


def _roles_after(text: str, org_end: int) -> list[str]:
    """The chain of roles after an organization and its modifiers: ORG(的)(主要)党委书记、董事长 → both."""
    modifiers = _ROLE_AFTER_ORG.match(text, org_end)
    return _role_chain(text, modifiers.end() if modifiers else org_end)[0]


def _role_chain(text: str, start: int) -> tuple[list[str], int]:
    """The roles joined into a chain at ``start`` (创始人、董事长兼总裁), and where it ends."""
    role = P.ROLE_PATTERN.match(text, start)
    if role is None:
        return [], start
    roles, end = [role.group(0)], role.end()
    while joined := _CHAINED_ROLE.match(text, end):
        roles.append(joined.group("role"))
        end = joined.end()
    return roles, end


_CHAINED_ROLE = re.compile(rf"[ 　]*(?:、|兼|和|及|/)[ 　]*(?P<role>{P.ROLE_PATTERN.pattern})")


def _role_after(text: str, org_end: int) -> str | None:
    """The role right after an organization: ORG(的)(主要)ROLE(之一)."""
    modifiers = _ROLE_AFTER_ORG.match(text, org_end)
    role = P.ROLE_PATTERN.match(text, modifiers.end() if modifiers else org_end)
    return role.group(0) if role else None



# --- posts said across a list, a pronoun, a possessive or 其 ------------------------

# Verbs of leading an organization, after the people who lead it: 由 A、B 和 C 领导.
_LEADING_VERBS = re.compile(r"领导|带领|率领|执掌|掌舵|掌管|主导")
# Between an organization and 由: spaces, a time word (目前, 现在).
_BEFORE_BY = re.compile(r"[ 　]*(?:目前|现在|如今|当前|现|则|将)?[ 　]*由[ 　]*")
_AFTER_LEADERS = re.compile(r"[ 　]*(?:等人|等|几人|三人|两人|二人)?[ 　]*(?:共同|联合|一起|一同)?[ 　]*")


def _listed_people(text: str, mentions: Sequence[Located], start: int) -> list[Located]:
    """The people listed from ``start`` on, joined by 、/和/与/及 (A、B 和 C)."""
    listed: list[Located] = []
    i = start
    for m in mentions:
        if m.start < i:
            continue
        if m.entity_type is not EntityType.PERSON or not (m.start == i or _FOUNDER_JOINER.fullmatch(text, i, m.start)):
            break
        if listed and m.start == i:
            break
        listed.append(m)
        i = m.end
    return listed


def _led_by_people(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """ORG 由 A、B 和 C 领导 / 共同创立: every person of the list leads or founded it."""
    text = ctx.text
    for org in (m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION):
        by = _BEFORE_BY.match(text, org.end)
        if by is None:
            continue
        people = _listed_people(text, s.mentions, by.end())
        if len(people) < 2:
            continue  # one person: org-founded-by-person reads it
        after = _AFTER_LEADERS.match(text, people[-1].end)
        verb_at = after.end() if after else people[-1].end
        founding = P.FOUNDING_VERBS.match(text, verb_at)
        leading = _LEADING_VERBS.match(text, verb_at)
        if founding is None and leading is None:
            continue
        rule, role = ("org-founded-by-person", "创始人") if founding else ("org-led-by-people", "领导")
        for person in people:
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, rule, 0.8 if founding else 0.75, role=role)


# 他们都是 Stability AI 的前工程师 / 她曾是远川科技董事长: a pronoun for the people named before.
_PRONOUN_POST = re.compile(
    r"(?P<who>他们|她们|他|她|二人|两人|三人|几人)[ 　]*(?:都|均|皆|也|同样|此前|之前|以前)*[ 　]*"
    r"(?:(?P<was>曾(?:经)?(?:是|为|任|担任))|是|为|系|现任|担任|出任)[ 　]*$"
)


def _pronoun_posts(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """PRONOUN 是 ORG (的)(前) ROLE: the people the pronoun stands for hold the post."""
    text = ctx.text
    for org in (m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION):
        said = _PRONOUN_POST.search(text, max(s.start, org.start - 12), org.start)
        if said is None:
            continue
        after = _OF_BETWEEN.match(text, org.end)
        roles, _ = _role_chain(text, after.end() if after else org.end)
        if not roles:
            continue
        former = bool(said.group("was")) or bool(after and after.group("former"))
        for person in _pronoun_people(ctx, s, said.start(), plural=said.group("who") not in ("他", "她")):
            for role in roles:
                yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "pronoun-org-role", 0.65,
                                role=role, former=former)


def _pronoun_people(ctx: RelationContext, s: Sentence, at: int, *, plural: bool) -> list[Located]:
    """Who a pronoun at ``at`` stands for: the list of people last named before it in the
    sentence (他们), or the last person (他), else the previous sentence's last person."""
    before = [m for m in s.mentions if m.end <= at]
    people = [m for m in before if m.entity_type is EntityType.PERSON]
    if not people:
        previous = previous_sentence(ctx, s)
        earlier = [m for m in previous.mentions if m.entity_type is EntityType.PERSON] if previous else []
        return earlier[-1:] if not plural else []
    if not plural:
        return people[-1:]
    # The list the last person ends: walk back over 、/和 to its first name.
    listed = [people[-1]]
    for m in reversed(people[:-1]):
        if not _FOUNDER_JOINER.fullmatch(ctx.text, m.end, listed[0].start):
            break
        listed.insert(0, m)
    return listed if len(listed) > 1 else []


# ORG 的 PERSON: Google 的 Logan Kilpatrick.
_OF = re.compile(r"[ 　]*的[ 　]*")


def _org_of_person(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """ORG 的 PERSON, the person right after: a member, no post said."""
    text = ctx.text
    for org, person in pairwise(s.mentions):
        if org.entity_type is not EntityType.ORGANIZATION or person.entity_type is not EntityType.PERSON:
            continue
        if not _OF.fullmatch(text, org.end, person.start):
            continue
        # 和谷歌的张三 / 访问了谷歌的张三: fine; 与 ORG 的 PERSON 合作 too. A role after the
        # person (谷歌的张三董事长) is read by org-person-role.
        if P.ROLE_PATTERN.match(text, skip_spaces(text, person.end)):
            continue
        yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "org-of-person", 0.6)


# 其首席顾问 JB: 其 before a role stands for the organization the text is about.
_ITS = re.compile(r"其[ 　]*(?:前|原)?[ 　]*$")


def _its_role_person(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """其 ROLE PERSON: the organization named last before in this sentence, else the
    one the previous sentence is about."""
    text = ctx.text
    for person in (m for m in s.mentions if m.entity_type is EntityType.PERSON):
        cursor = _skip_gloss_backwards(text, person.start, s.start)
        role = _role_ending_at(text, cursor, s.start)
        if role is None:
            continue
        role_start, word, former = role
        its = _ITS.search(text, max(s.start, role_start - 3), role_start)
        if its is None:
            continue
        orgs = [m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION and m.end <= its.start()]
        previous = previous_sentence(ctx, s)
        org = orgs[-1] if orgs else (subject_org(ctx, previous) if previous else None)
        if org is not None:
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "its-role-person", 0.6, role=word,
                            former=former or "前" in its.group(0) or "原" in its.group(0))


# After a list of people, before the organization: 都是, 均曾任, 共同创办了.
_LIST_POST = re.compile(
    r"[ 　]*(?:都|均|皆|也|同|同样|分别)*[ 　]*"
    r"(?:(?P<was>曾(?:经)?(?:是|为|任|担任))|是|为|系|现任|担任|出任|(?P<founded>(?:共同|联合|一起)?(?:创办|创立|创建|成立)了?))[ 　]*"
)


def _listed_people_posts(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """A、B 和 C 是 ORG 的创始人 / 共同创办了 ORG: the post of every person of the list."""
    text = ctx.text
    mentions = s.mentions
    for i, first in enumerate(mentions):
        if first.entity_type is not EntityType.PERSON:
            continue
        if i and mentions[i - 1].entity_type is EntityType.PERSON and _FOUNDER_JOINER.fullmatch(text, mentions[i - 1].end, first.start):
            continue  # not the list's first name
        people = _listed_people(text, mentions[i:], first.start)
        org = next((m for m in mentions if m.start >= people[-1].end), None)
        if len(people) < 2 or org is None or org.entity_type is not EntityType.ORGANIZATION:
            continue
        said = _LIST_POST.fullmatch(text, people[-1].end, org.start)
        if said is None:
            continue
        roles = ["创始人"] if said.group("founded") else _roles_after(text, org.end)
        after = _OF_BETWEEN.match(text, org.end)
        former = bool(said.group("was")) or bool(after and after.group("former"))
        for person in people:
            for role in roles:
                yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "listed-people-post", 0.75,
                                role=role, former=former)


# A person leaving an organization, and joining one: 离开远川科技，加入星河银行担任首席技术官.
_LEFT = re.compile(r"(?:离开|离职|辞职离开|出走|告别|辞去)[ 　]*(?:了)?[ 　]*$")
_JOINED = re.compile(r"(?:加入|加盟|入职|跳槽至|跳槽到|转投|投奔|回归|重返)[ 　]*(?:了)?[ 　]*$")
_JOINED_AS = re.compile(r"[ 　]*[，,]?[ 　]*(?:并|后|并且)?[ 　]*(?:担任|出任|任)[ 　]*")


def _moves(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """PERSON 离开 ORG (a former post) and PERSON (…，) 加入 ORG (担任 ROLE): the organization
    a person left and the one the person joined, the subject being the last person before."""
    text = ctx.text
    for org in (m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION):
        left = _LEFT.search(text, max(s.start, org.start - 6), org.start)
        joined = None if left else _JOINED.search(text, max(s.start, org.start - 6), org.start)
        verb = left or joined
        if verb is None:
            continue
        person = _mover(ctx, s, verb.start())
        if person is None:
            continue
        if left:
            if verb.start() - person.end > 15 or re.search(r"[，,]", text[person.end : verb.start()]):
                continue  # 离开 in a later clause may have another subject (成名后离开了…)
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "person-left-org", 0.65, former=True)
            continue
        if _OF.match(text, org.end) and not _role_after(text, org.end):
            continue  # 加入谷歌的竞争: what is joined is not the organization
        held = _JOINED_AS.match(text, org.end)
        roles: list[str | None] = list(_role_chain(text, held.end())[0]) if held else []
        for role in roles or [None]:
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "person-joined-org", 0.7, role=role)


def _mover(ctx: RelationContext, s: Sentence, verb_start: int) -> Located | None:
    """The subject of a move verb: the last person before it, with nothing between but
    the organization the person left (离开远川科技，加入…) and no sentence break."""
    text = ctx.text
    before = [m for m in s.mentions if m.end <= verb_start and m.entity_type in (EntityType.PERSON, EntityType.ORGANIZATION)]
    people = [m for m in before if m.entity_type is EntityType.PERSON]
    if not people or verb_start - people[-1].end > 30 or _BREAK.search(text, people[-1].end, verb_start):
        return None
    person = people[-1]
    for org in (m for m in before if m.start > person.end):
        if not _LEFT.search(text, max(person.end, org.start - 6), org.start):
            return None
    return person


def _org_person_role(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """ORG PERSON ROLE, the title after the name: 远川科技林晓峰董事长, 以周立新校长为核心."""
    text = ctx.text
    for org, person in pairwise(s.mentions):
        if org.entity_type is not EntityType.ORGANIZATION or person.entity_type is not EntityType.PERSON:
            continue
        if not _OF_BETWEEN.fullmatch(text, org.end, person.start) or "前" in text[org.end : person.start]:
            continue
        roles, end = _role_chain(text, skip_spaces(text, person.end))
        if roles and not any(m.start == skip_spaces(text, end) and m.entity_type is EntityType.PERSON for m in s.mentions):
            for role in roles:
                yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "org-person-role", 0.75, role=role)


# A founding verb right before the organization: …一起创立了“苹果公司”.
_FOUNDED_BEFORE = re.compile(rf"(?:{P.FOUNDING_VERBS.pattern})[ 　]*了?[ 　]*[“「\"]?$")
# The clause's subject and the people who founded it with: PERSON 与 (desc) PERSON 一起 / 与5名股东筹资.
_WITH = re.compile(r"[ 　]*(?:与|和|同|跟|携手|联合)")
_CLAUSE_START = re.compile(r"[，,。；;：:！？!?]")
_DATE_OPENING = re.compile(r"[ 　]*(?:[0-9０-９]{2,4}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?|同年|当年|次年|后来|随后)?[ 　]*")


def _cofounders(ctx: RelationContext, s: Sentence) -> Iterator[Fact]:
    """PERSON 与 (…) PERSON (一起) 创立了 ORG: the clause's subject and every person it
    founded the organization with."""
    text = ctx.text
    for org in (m for m in s.mentions if m.entity_type is EntityType.ORGANIZATION):
        verb = _FOUNDED_BEFORE.search(text, max(s.start, org.start - 10), org.start)
        if verb is None:
            continue
        breaks = list(_CLAUSE_START.finditer(text, s.start, verb.start()))
        clause = breaks[-1].end() if breaks else s.start
        names = [m for m in s.mentions if clause <= m.start and m.end <= verb.start()]
        if not names or any(m.entity_type is EntityType.ORGANIZATION for m in names):
            continue
        subject = names[0]
        if subject.entity_type is not EntityType.PERSON or not _DATE_OPENING.fullmatch(text, clause, subject.start):
            continue
        if not _WITH.match(text, subject.end):
            continue  # no 与: person-founded-org reads PERSON 创办 ORG
        for person in (m for m in names if m.entity_type is EntityType.PERSON):
            yield make_fact(ctx, s, Predicate.MEMBERSHIP, person, org, "cofounders-founded-org", 0.75, role="创始人")
