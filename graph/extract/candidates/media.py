"""Organizations by shape and credit: newspapers and agencies (《X》, a byline,
本文为X原创), a Latin name after a descriptor, a Chinese name glossed in Latin."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.candidates.base import (
    PRIORITY_RULE,
    Candidate,
)
from graph.extract.text import last_match
from graph.text.chars import CJK

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
