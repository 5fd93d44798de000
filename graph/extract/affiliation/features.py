"""What the affiliation model sees of one (person, organization) pair, and the role
words that join a pair.

Everything works on character offsets into one Simplified sentence (or a short
passage): a person and an organization are ``(start, end)`` spans, and the
sentence's other names are ``(start, end, label)`` mentions whose label is
``PER``/``ORG``/``LOC`` (LAC's and the corpora's labels) or an ``EntityType``
value (``Person``, ``Organization``, ``Place``, ...). ``pair_features`` is the
only place that builds features: the trainer and the runtime model both call
it, so they cannot drift apart.

The features are few and readable, each a name with the value 1: the order of
the two names, how far apart they are, what stands between them (other
names, punctuation, a closed list of linking words, a role word), whether a
role word follows the organization or precedes the person, whether the person
speaks (表示/说), and where the two sit in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.extract import patterns as P
from graph.extract.tagger.features import WordLike

Span = tuple[int, int]  # start, end (exclusive): character offsets into the sentence
MentionSpan = tuple[int, int, str]  # start, end, label

# Bumped whenever a feature changes: the weights file records the version it was
# trained with, and the model refuses weights whose features this code no longer builds.
FEATURES_VERSION = 1

PERSON_LABELS = frozenset({"PER", "Person"})
ORGANIZATION_LABELS = frozenset({"ORG", "Organization"})

# Words that link (or separate) a person and an organization when they stand between them.
GAP_WORDS = (
    "的", "是", "为", "系", "担任", "任", "出任", "兼任", "兼", "现任", "曾任", "历任", "前", "原",
    "创办", "创立", "创建", "成立", "加入", "由", "和", "与", "及", "毕业", "就读", "考入", "代言",
    "合作", "客户", "签约", "携手", "投资", "收购", "表示", "说", "称", "旗下", "作为", "在",
)
# Verbs that say how a person belongs to an organization: without one of them or a
# title, a person and an organization in different clauses are rarely related.
LINK_VERBS = re.compile(
    r"(?:担|出|兼|现|曾|历|就|升|接|继|留)任|任职|任命|聘任|聘为|当选|创办|创立|创建|创始|成立|组建|加入|加盟|"
    r"毕业|就读|考入|入读|攻读|留学|代言|效力|供职|就职|入职|工作|执教|执掌|掌舵|领导|主持|负责"
)
PUNCTUATION_CLASSES = (
    ("comma", "，,"),
    ("list", "、"),
    ("stop", "。！？!?；;"),
    ("bracket", "（）()【】[]"),
    ("quote", "「」『』“”\"《》"),
    ("colon", "：:"),
)
_ANY_PUNCTUATION = "".join(chars for _name, chars in PUNCTUATION_CLASSES)
_ROLE_WINDOW = 60  # characters after an organization in which its chain of roles is looked for
_DISTANCE_BUCKETS = ((0, "0"), (1, "1"), (3, "2-3"), (6, "4-6"), (10, "7-10"), (20, "11-20"), (40, "21-40"))

# What may stand between an organization and its role: 远川科技的首席科学家, 该校原校长.
_ROLE_MODIFIERS = re.compile(r"[ 　]*的?[ 　]*(?:主要|联合|首任|现任|第一任|新任|时任|原|前)?[ 　]*")
# Between the organization and a role after it when the person comes first:
# 林晓峰，远川科技董事长 / 林晓峰担任远川科技的董事长 / 俞敏洪创办了X学校，担任校长.
_AFTER_ORGANIZATION = re.compile(
    r"[ 　]*(?:的|[，,]?[ 　]*(?:并|并且|同时|后|此后|目前|现|现在|如今)?[ 　]*(?:担任|出任|兼任|任)[ 　]*"
    rf"(?:{P.ANAPHORIC_BODY.pattern})?的?)?[ 　]*"
    r"(?:主要|联合|首任|现任|第一任|新任|时任|原|前)?[ 　]*"
)
# Between two roles of one chain: 董事长、总裁 / 创始人兼首席执行官.
_CHAIN_JOINER = re.compile(r"[ 　]*(?:、|兼|和|及|/|与)?[ 　]*")
_ROLE_CHAIN = re.compile(rf"(?:{P.ROLE_PATTERN.pattern})(?:{_CHAIN_JOINER.pattern}(?:{P.ROLE_PATTERN.pattern}))*")
_SPEECH_AFTER_PERSON = re.compile(rf"[^，,。；;：:！？!?“”「」]{{0,4}}?(?:{P.SPEECH_VERB_PATTERN.pattern})")
_PERSON_OPENS = re.compile(r"[\s\"“”「」『』（）()【】\[\]·—:：]*")


@dataclass(frozen=True)
class RoleMatch:
    """A role word of ``patterns.ROLE_WORDS`` found in the sentence."""

    word: str
    start: int
    end: int
    former: bool  # 原/前 right before it: a past post


def _kind(label: str) -> str:
    if label in PERSON_LABELS:
        return "PER"
    if label in ORGANIZATION_LABELS:
        return "ORG"
    return "OTHER"


def _distance_bucket(n: int) -> str:
    for top, name in _DISTANCE_BUCKETS:
        if n <= top:
            return name
    return "41+"


def role_matches(text: str, mentions: Iterable[MentionSpan] = (), start: int = 0, end: int | None = None) -> list[RoleMatch]:
    """Role words in ``text[start:end]`` that are not part of a name (北京市长城公司 holds no 市长)."""
    stop = len(text) if end is None else end
    spans = [(m[0], m[1]) for m in mentions]
    found = []
    for match in P.ROLE_PATTERN.finditer(text, max(0, start), stop):
        if any(s < match.end() and match.start() < e for s, e in spans):
            continue
        former = match.start() > 0 and text[match.start() - 1] in P.FORMER_MARKERS
        found.append(RoleMatch(match.group(0), match.start(), match.end(), former))
    return found


def _chain_ending_with(text: str, roles: Sequence[RoleMatch], last: int) -> list[RoleMatch]:
    """``roles[last]`` and the roles joined to it before it (董事长、总裁)."""
    chain = [roles[last]]
    for previous in reversed(roles[:last]):
        between = text[previous.end : chain[0].start - (1 if chain[0].former else 0)]
        if not _CHAIN_JOINER.fullmatch(between):
            break
        chain.insert(0, previous)
    return chain


def _chain_starting_with(text: str, roles: Sequence[RoleMatch], first: int) -> list[RoleMatch]:
    chain = [roles[first]]
    for following in roles[first + 1 :]:
        between = text[chain[-1].end : following.start - (1 if following.former else 0)]
        if not _CHAIN_JOINER.fullmatch(between):
            break
        chain.append(following)
    return chain


def joining_roles(text: str, person: Span, org: Span, mentions: Sequence[MentionSpan] = ()) -> list[RoleMatch]:
    """The chain of role words that joins ``person`` to ``org``, in text order, or ``[]``.

    Organization first (远川科技董事长、总裁林晓峰; 远川科技成立于2001年，创始人为林晓峰):
    the roles after the organization nearest the person, with no other person
    between them and the person and no other organization between the
    organization and them. Person first (林晓峰，远川科技董事长; 林晓峰担任远川科技的
    首席科学家): the roles right after the organization (after 的, 担任 or a
    modifier such as 首任), with no other name right after them.
    """
    others = [m for m in mentions if (m[0], m[1]) not in (person, org)]
    names = [*others, (*person, "PER"), (*org, "ORG")]
    if org[0] < person[0]:
        roles = role_matches(text, names, org[1], person[0])
        inside = [
            i
            for i, r in enumerate(roles)
            if org[1] <= r.start
            and r.end <= person[0]
            and not any(_kind(m[2]) == "ORG" and org[1] <= m[0] and m[1] <= r.start for m in others)
            and not any(_kind(m[2]) == "PER" and r.end <= m[0] and m[1] <= person[0] for m in others)
        ]
        return _chain_ending_with(text, roles, inside[-1]) if inside else []
    roles = role_matches(text, names, org[1], min(len(text), org[1] + _ROLE_WINDOW))
    for i, r in enumerate(roles):
        if r.start < org[1]:
            continue
        if _AFTER_ORGANIZATION.fullmatch(text, org[1], r.start - (1 if r.former else 0)):
            chain = _chain_starting_with(text, roles, i)
            # 林晓峰，远川科技董事长王强: the role is the next person's.
            claimed = any(
                _kind(m[2]) == "PER" and m[0] >= chain[-1].end and not text[chain[-1].end : m[0]].strip(" 　") for m in others
            )
            return [] if claimed else chain
        break
    return []


def joining_role(text: str, person: Span, org: Span, mentions: Sequence[MentionSpan] = ()) -> RoleMatch | None:
    """The role word that joins the pair, the one nearest the person: ``None`` when no role word does."""
    chain = joining_roles(text, person, org, mentions)
    if not chain:
        return None
    return chain[-1] if org[0] < person[0] else chain[0]


def pair_features(text: str, person: Span, org: Span, mentions: Sequence[MentionSpan]) -> list[str]:
    """The features of the pair (sorted, no duplicates): the same input always gives the same list.

    ``mentions`` are all the names of the sentence (the pair's own two may be among them).
    """
    order = "po" if person[0] < org[0] else "op"
    first, second = (person, org) if order == "po" else (org, person)
    gap_start, gap_end = first[1], max(first[1], second[0])
    gap = text[gap_start:gap_end]
    others = [m for m in mentions if (m[0], m[1]) not in (person, org)]
    between = [m for m in others if gap_start <= m[0] and m[1] <= gap_end]
    persons_between = sum(_kind(m[2]) == "PER" for m in between)
    orgs_between = sum(_kind(m[2]) == "ORG" for m in between)
    # The gap without the other names in it: their characters are not linking words.
    plain = "".join(ch if not any(m[0] <= i < m[1] for m in between) else " " for i, ch in enumerate(gap, gap_start))

    features = {
        f"order={order}",
        f"{order}:distance={_distance_bucket(len(gap))}",
        f"{order}:names_between={min(len(between), 3)}",
        f"{order}:persons_between={min(persons_between, 2)}",
        f"{order}:orgs_between={min(orgs_between, 2)}",
        f"{order}:commas={min(sum(ch in '，,' for ch in gap), 3)}",
    }
    for name, chars in PUNCTUATION_CLASSES:
        if any(ch in chars for ch in plain):
            features.add(f"{order}:punct={name}")
    if not any(ch in _ANY_PUNCTUATION for ch in plain):
        features.add(f"{order}:one_clause")
    for word in GAP_WORDS:
        if word in plain:
            features.add(f"{order}:gap={word}")

    # Is the organization the nearest one to the person, the person the nearest to the organization?
    def gap_to(a: Span, b: Span) -> int:
        return max(a[0] - b[1], b[0] - a[1], 0)

    org_distance = gap_to(person, org)
    if all(gap_to(person, (m[0], m[1])) >= org_distance for m in others if _kind(m[2]) == "ORG"):
        features.add("nearest_org_to_person")
    if all(gap_to(org, (m[0], m[1])) >= org_distance for m in others if _kind(m[2]) == "PER"):
        features.add("nearest_person_to_org")

    # Role words: between the two, right after the organization, right before the person.
    all_names = [*others, (*person, "PER"), (*org, "ORG")]
    if role_matches(plain, (), 0, len(plain)):
        features.add(f"{order}:role_between")
    chain = joining_roles(text, person, org, mentions)
    if chain or LINK_VERBS.search(plain):
        features.add(f"{order}:linked")
    else:
        where = "one_clause" if f"{order}:one_clause" in features else "across_clauses"
        features.add(f"{order}:unlinked_{where}")
    if chain:
        features.add(f"{order}:role_joins")
        if chain[-1].former if order == "op" else chain[0].former:
            features.add("role_former")
        if order == "op" and _ROLE_MODIFIERS.fullmatch(text, org[1], chain[0].start - (1 if chain[0].former else 0)) and text[chain[-1].end : person[0]].strip(" 　") == "":
            features.add("op:role_adjacent")  # 远川科技董事长林晓峰
        if order == "po" and gap.strip(" 　") in ("，", ",", "（", "(", "是", "为", "担任", "出任", "任"):
            features.add("po:role_adjacent")  # 林晓峰，远川科技董事长
    modifiers = _ROLE_MODIFIERS.match(text, org[1])
    after_org = _ROLE_CHAIN.match(text, modifiers.end() if modifiers else org[1])
    if after_org and not any(s < after_org.end() and after_org.start() < e for s, e, _ in all_names):
        features.add("role_after_org")
        follower = after_org.end() + len(text[after_org.end() :]) - len(text[after_org.end() :].lstrip(" 　"))
        if any(_kind(m[2]) == "PER" and m[0] == follower for m in others):
            features.add(f"{order}:org_role_has_other_person")  # 远川科技董事长王强 … 林晓峰
    # A title already joins the person to another organization (该校副校长陈思远 … 访问华星银行).
    if any(_kind(m[2]) == "ORG" and joining_roles(text, person, (m[0], m[1]), mentions) for m in others):
        features.add("person_titled_elsewhere")
    before_person = text[max(0, person[0] - 12) : person[0]].rstrip(" 　")
    if any(before_person.endswith(word) for word in P.ROLE_WORDS):
        features.add("role_before_person")

    if _SPEECH_AFTER_PERSON.match(text, person[1]):
        features.add(f"{order}:person_speaks")
    if P.BIOGRAPHY_SEX.match(text, person[1]):
        features.add("person_biography")  # 林晓峰，男，1970年生
    persons_before = [m for m in others if _kind(m[2]) == "PER" and m[0] < person[0]]
    orgs_before = [m for m in others if _kind(m[2]) == "ORG" and m[0] < org[0]]
    if not persons_before:
        features.add("first_person")
    if not orgs_before:
        features.add("first_org")
    if _PERSON_OPENS.fullmatch(text, 0, person[0]):
        features.add("person_opens")
    return sorted(features)


def lac_mentions(text: str, words: Iterable[WordLike]) -> list[MentionSpan]:
    """The PER/ORG/LOC names among LAC words (``LacTagger.tag(text)``), as mentions."""
    return [
        (w.start, w.end, w.tag)
        for w in words
        if w.tag in ("PER", "ORG", "LOC") and 0 <= w.start < w.end <= len(text) and text[w.start : w.end].strip()
    ]
