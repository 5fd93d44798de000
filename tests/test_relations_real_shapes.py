"""Relation rules on the shapes real articles write them in: roles across commas,
brackets and lists, people who moved, makers named before or after their
models, speakers named before a quote.

Every sentence here is written for the test, with invented names (or public
figures outside the evaluation sets), so the rules are tested for their method.
"""

from __future__ import annotations

import pytest

from graph.core.records import ArticleResult, Predicate
from graph.extract.article import ArticleExtractor
from tests.extracted import creators, extract, labels


def _memberships(result: ArticleResult) -> set[tuple[str, str, str, bool]]:
    label = labels(result)
    return {
        (label[f.subject_id], label[f.object_id or ""], f.role or "", f.former)
        for f in result.facts
        if f.predicate is Predicate.MEMBERSHIP
    }


def _pairs(result: ArticleResult) -> set[tuple[str, str]]:
    return {(person, org) for person, org, _role, _former in _memberships(result)}


# --- memberships -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PERSON（ORG unit role）and PERSON，正是 ORG 前 … role: an apposition with a qualifier.
        ("林晓峰（远川科技 AI 科学家）出席了论坛。", ("林晓峰", "远川科技", "科学家", False)),
        ("周立新，正是远川科技前产品负责人。", ("周立新", "远川科技", "负责人", True)),
        ("Tom Baker，前 Acme 研究员，今天发表了演讲。", ("Tom Baker", "Acme", "研究员", True)),
        # ORG 由 A、B 和 C 领导: every person of the list.
        ("远川科技由林晓峰、王建国和周立新领导。", ("王建国", "远川科技", "领导", False)),
        ("远川科技由林晓峰、王建国和周立新领导。", ("林晓峰", "远川科技", "领导", False)),
        # A list of people before one post.
        ("林晓峰、王建国和周立新是远川科技的创始人。", ("林晓峰", "远川科技", "创始人", False)),
        ("林晓峰和王建国都曾是远川科技的工程师。", ("林晓峰", "远川科技", "工程师", True)),
        # 他们都是 ORG 的前 role: the people the pronoun stands for.
        ("远川科技由林晓峰和王建国创办，他们都是星河银行的前工程师。", ("王建国", "星河银行", "工程师", True)),
        # ORG 的 PERSON: a member, no post said.
        ("这次合作由远川科技的林晓峰负责。", ("林晓峰", "远川科技", "", False)),
        # 其 role PERSON: the organization the previous sentence is about.
        ("远川科技今年扩大了团队。其首席科学家林晓峰表示，明年会继续招聘。", ("林晓峰", "远川科技", "首席科学家", False)),
        # A post in a unit is a post in the parent the article names.
        ("星河银行发布了新产品。星河银行零售事业部总经理周立新介绍了产品。", ("周立新", "星河银行", "总经理", False)),
        # A person who left one organization for another: both, the first one former.
        ("林晓峰离开远川科技，加入星河银行担任首席技术官。", ("林晓峰", "远川科技", "", True)),
        ("林晓峰离开远川科技，加入星河银行担任首席技术官。", ("林晓峰", "星河银行", "首席技术官", False)),
        # The title after the name; an anaphor before a chain of roles; a role in a bracket.
        ("星河银行王建国行长出席了会议。", ("王建国", "星河银行", "行长", False)),
        ("星河银行昨天召开股东大会。该行党委书记、董事长林晓峰出席了会议。", ("林晓峰", "星河银行", "党委书记", False)),
        ("远川科技（董事长林晓峰）访问了星河银行。", ("林晓峰", "远川科技", "董事长", False)),
        # The founder after 由 and a description of who the founder is.
        ("远川科技由浙江企业家林晓峰创办。", ("林晓峰", "远川科技", "创始人", False)),
        # Cofounders: the subject and who it founded the organization with.
        ("1998年，林晓峰与另一位联合创始人王建国一起创立了远川科技。", ("林晓峰", "远川科技", "创始人", False)),
        ("1998年，林晓峰与另一位联合创始人王建国一起创立了远川科技。", ("王建国", "远川科技", "创始人", False)),
        # A former post in a chain of roles: 前 before the second organization.
        ("远川科技首席科学家、前 Acme 研究总监 Tom Baker 出席了论坛。", ("Tom Baker", "Acme", "研究总监", True)),
    ],
)
def test_membership_shapes(extractor: ArticleExtractor, text: str, expected: tuple[str, str, str, bool]) -> None:
    assert expected in _memberships(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # What is joined is not the organization.
        ("林晓峰宣布加入远川科技的竞争。", ("林晓峰", "远川科技")),
        # A role that is the next person's, not the apposition's.
        ("林晓峰，远川科技董事长王建国的同学，出席了论坛。", ("林晓峰", "远川科技")),
        # 他们 with no list of people before it stands for no one here.
        ("他们都是远川科技的员工。", ("他们", "远川科技")),
        # Another organization founded it.
        ("林晓峰与王建国见面后，星河银行成立了远川科技。", ("林晓峰", "远川科技")),
        # A qualifier that does not close the apposition.
        ("林晓峰，远川科技 AI 科学家大会的嘉宾，出席了论坛。", ("林晓峰", "远川科技")),
    ],
)
def test_membership_shapes_not_said(extractor: ArticleExtractor, text: str, pair: tuple[str, str]) -> None:
    assert pair not in _pairs(extract(extractor, text))


# --- creators -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Several models listed after one release verb.
        ("远川科技今天发布了三款新模型：Llama 3、Qwen2 和 DeepSeek-V3。", ("Llama 3", "远川科技")),
        ("远川科技今天发布了三款新模型：Llama 3、Qwen2 和 DeepSeek-V3。", ("DeepSeek-V3", "远川科技")),
        # The maker as a possessive: 旗下的, 出品的, 的新模型.
        ("远川科技旗下的 Zephyr 模型很受欢迎。", ("Zephyr", "远川科技")),
        ("远川科技的新模型 Zephyr 很受欢迎。", ("Zephyr", "远川科技")),
        # The maker after the model: MODEL 由 ORG 开发.
        ("Zephyr 模型由远川科技于去年推出。", ("Zephyr", "远川科技")),
        # The maker is the subject of the sentence, the verb in a later clause.
        ("远川科技方面基于 Tundra 模型，推出了 Zephyr 模型。", ("Zephyr", "远川科技")),
        # The maker is the subject of the previous sentence: 该模型 MODEL.
        ("远川科技今天宣布了新的计划。该模型 Zephyr 将于下月上线。", ("Zephyr", "远川科技")),
        # A date written with spaces does not end the clause.
        ("星河银行在 3 月时推出 Zephyr 模型。", ("Zephyr", "星河银行")),
    ],
)
def test_creator_shapes(extractor: ArticleExtractor, text: str, expected: tuple[str, str]) -> None:
    assert expected in creators(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        # Powered by is not made by.
        ("Zephyr 模型由远川科技提供支持。", ("Zephyr", "远川科技")),
        # A later clause with its own subject is not the first organization's.
        ("星河银行基于 Tundra 模型，远川科技也推出了 Zephyr 模型。", ("Zephyr", "星河银行")),
        # The model the release is based on is not released.
        ("远川科技方面基于 Tundra 模型，推出了 Zephyr 模型。", ("Tundra", "远川科技")),
    ],
)
def test_creator_shapes_not_said(extractor: ArticleExtractor, text: str, pair: tuple[str, str]) -> None:
    assert pair not in creators(extract(extractor, text))


# --- quotations ------------------------------------------------------------------


def _speakers(result: ArticleResult) -> dict[str, str]:
    label = labels(result)
    return {label[f.subject_id]: f.text or "" for f in result.facts if f.predicate is Predicate.QUOTATION}


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # 在 (其)(role) PERSON 看来: the rest of the sentence.
        ("在其首席顾问林晓峰看来，明年的市场需求还会继续增长。", "林晓峰", "明年的市场需求还会继续增长。"),
        # A Latin name before a clause that ends with a colon and a quote.
        ("网友 Tom Baker 翻译了这段话的意思：「这家公司的利润率非常高。」", "Tom Baker", "这家公司的利润率非常高。"),
        # The speaker named in the sentence before the quote, the quote running over two sentences.
        ("林晓峰昨天带来了新的解读：\n「我们正处在一个新的时代。这一点毋庸置疑。」", "林晓峰", "我们正处在一个新的时代。这一点毋庸置疑。"),
        # 他 opening the sentence, the speech verb in a later clause.
        ("林晓峰出席了发布会。当天，他在社交媒体上发布了一条长文，并评价这款产品为「近年来最好的手机」。", "林晓峰", "近年来最好的手机"),
        # 在 X 上写道 with a Latin name; 承认 is a speech verb.
        ("Tom Baker 在 X 上写道：“开源模型正在迎头赶上。”", "Tom Baker", "开源模型正在迎头赶上。"),
        ("王建国也承认新产品的销量不及预期。", "王建国", "新产品的销量不及预期。"),
    ],
)
def test_quotation_shapes(extractor: ArticleExtractor, text: str, speaker: str, words: str) -> None:
    assert _speakers(extract(extractor, text)).get(speaker) == words


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The person asked is not the one who speaks.
        ("记者随后询问林晓峰：「你们下一步有什么计划？」", "林晓峰"),
        # A pronoun far from the last person named stands for no one.
        ("林晓峰出席了发布会。会场很大。座位很多。灯光很亮。音响很好。当天，他在社交媒体上评价这款产品为「近年来最好的手机」。", "林晓峰"),
    ],
)
def test_quotation_shapes_not_said(extractor: ArticleExtractor, text: str, speaker: str) -> None:
    assert speaker not in _speakers(extract(extractor, text))
