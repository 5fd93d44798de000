"""Extraction rules as registered data: every rule id a mention or a fact may carry.

Each mention names the rule that found it (``Mention.rule``: ``lexicon-label``,
``tagger``, ``role-then-name``, ``latin-…``) and each fact the rule that made it
(``Fact.rule``: ``org-role-person`` …), with that rule's confidence. ``RULES``
lists them all, one row each: the id, its kind (a mention, or the predicate of
the facts it makes), its fixed confidence (``None`` for mention rules and for
a rule whose confidence is computed, the affiliation model's score) and one
short sentence the extractor really finds it in (``tests/test_rules.py``
extracts every example and builds the seeds to check that no unregistered id
is emitted). The rules themselves live in ``candidates`` (one module per kind
of finder), ``relations`` (one per kind of fact), ``makers`` and ``article``;
this table only describes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from graph.core.records import Predicate


class RuleKind(StrEnum):
    """What a rule makes: a mention, or facts of one predicate."""

    MENTION = "mention"
    MEMBERSHIP = Predicate.MEMBERSHIP.value
    CREATOR = Predicate.CREATOR.value
    QUOTATION = Predicate.QUOTATION.value
    COMPARED_WITH = Predicate.COMPARED_WITH.value
    LOCATED_IN = Predicate.LOCATED_IN.value
    SUB_ORGANIZATION_OF = Predicate.SUB_ORGANIZATION_OF.value


@dataclass(frozen=True)
class Rule:
    """One extraction rule: its id, what it makes, its confidence and an example."""

    id: str
    kind: RuleKind
    confidence: float | None  # None: a mention rule, or a confidence computed per fact
    example: str  # one sentence on which the extractor emits this id
    note: str


_M = RuleKind.MENTION

_TABLE: tuple[Rule, ...] = (
    # --- mentions: the curated lexicon (candidates.lexicon_candidates) ---------
    Rule("lexicon-label", _M, None, "OpenAI今天宣布了新的计划。", "a lexicon entry's preferred label"),
    Rule("lexicon-alias", _M, None, "DeepSeek公司今天宣布了新的计划。", "a lexicon entry's other name"),
    Rule("lexicon-typo", _M, None, "OpenAl今天宣布了新的计划。", "a misspelling of a lexicon name"),
    Rule("lexicon-versioned", _M, None, "不少开发者已经接入DeepSeek-V9。", "a version after a curated Latin name"),
    # --- mentions: the statistical tagger ---------------------------------------
    Rule("tagger", _M, None, "昨天，王建国在上海参加了一场会议。", "a PER/ORG/LOC name of the tagger"),
    Rule("tagger-country", _M, None, "他们在意大利米兰开设了新店。", "a country the tagger joined to a place in it"),
    Rule("tagger-place-abbreviation", _M, None, "双方就中美经贸关系交换了意见。",
         "one character the tagger reads as a place and that stands for one (美 → 美国)"),
    # --- mentions: Chinese context rules (candidates) ---------------------------
    Rule("role-then-name", _M, None, "总经理向前进主持会议。", "a person's name after a role word"),
    Rule("org-before-role", _M, None, "远川科技董事长林晓峰在发布会上介绍了新产品。", "an organization before a role word"),
    Rule("biography-opening", _M, None, "赵春林，男，汉族，1970年生。", "the person a biography opens with"),
    Rule("declared-full-name", _M, None, "青禾金融控股公司（简称青禾金控）昨日发布公告。",
         "the full name a short name is declared for"),
    Rule("declared-short-name", _M, None, "江苏澄远新材料股份有限公司（以下简称“澄远新材”）昨日发布公告。",
         "every use of a declared short name"),
    Rule("listed-person", _M, None, "王建国、苗苑共同创立了这家公司。", "a name listed after a tagged one"),
    Rule("descriptor-latin-org", _M, None, "研究机构Brightfield发布了一份报告。", "a Latin name after 公司, 机构 …"),
    Rule("quoted-org", _M, None, "“海岳材料研究所”发布了一份报告。", "a quoted name ending like an organization"),
    Rule("media-title", _M, None, "据《青城晚报》报道，该项目已经开工。", "a newspaper or magazine in 《》"),
    Rule("glossed-org", _M, None, "美国财经资讯公司青岚（Bluehill）近日宣布研发新产品。",
         "a Chinese name glossed by a Latin one after 公司 … or before a post, wherever named"),
    Rule("media-credited", _M, None, "本文为青岚周末原创文章，转载请联系。", "the medium an article credits (本文为 X 原创)"),
    Rule("media-byline", _M, None, "青城晚报记者昨日在现场看到，工人们正在施工。", "a paper or agency before 记者"),
    Rule("latin-before-model-word", _M, None, "该公司推出了Tundra语音模型。", "a Latin name before 模型"),
    Rule("quoted-model", _M, None, "该公司推出了“星河交通大模型”。", "a quoted name ending in 模型"),
    Rule("quoted-name-model", _M, None, "该公司推出了“云帆智脑”大模型。", "a quoted name before 大模型"),
    Rule("model-word-then-name", _M, None, "该公司推出了大型语言模型FoxLark。", "a name after a model word"),
    Rule("versioned-model-name", _M, None, "该公司发布了云穹-3大模型，性能大幅提升。", "a Chinese name with a version"),
    Rule("name-before-dmx", _M, None, "该公司推出了Tundra大模型。", "a proper name the tagger marks before 大模型"),
    # --- mentions: Latin-script names in Chinese text (latin) ---------------------
    Rule("latin-org-before-role", _M, None, "Acme CEO Tom Baker表示，公司将扩大投资。", "the company before a Latin role"),
    Rule("latin-person-after-role", _M, None, "Acme CEO Tom Baker表示，公司将扩大投资。", "the person after a role"),
    Rule("latin-org-suffix", _M, None, "Brightline Inc.今天宣布裁员。", "a name ending in Inc., Ltd. …"),
    Rule("latin-org-domain-name", _M, None, "Zentrix.ai今天宣布裁员。", "a company named by its domain"),
    Rule("latin-person-after-descriptor", _M, None, "网友Skywalker42在社交媒体上发帖。", "a user name after 网友 …"),
    Rule("latin-person-on-platform", _M, None, "在推特上的Skywalker42表示，这个功能很好用。",
         "a user name on a platform, before a speech verb"),
    Rule("latin-org-before-role-or-body", _M, None, "很多人关注Zentrix的股价。", "a name before a post or 股价, 团队 …"),
    Rule("latin-org-after-descriptor", _M, None, "欧洲风投Zentrix今天宣布投资。", "a name after 初创, 风投 …"),
    Rule("latin-org-investor", _M, None, "Zentrix 和 Corvane 进行了追加投资。", "a name before 领投, 投资 …"),
    Rule("latin-org-news-source", _M, None, "据 Zentrix 报道，该项目已经开工。", "a name between 据 and 报道"),
    Rule("latin-org-listed", _M, None, "包括 OpenAI、Zentrix Works 和 Corvane Labs 等公司。",
         "an untyped name listed with companies"),
    Rule("latin-org-before-release", _M, None, "Zentrix发布了一款新产品。", "a name before a release verb"),
    Rule("latin-model-after-release", _M, None, "该公司发布了Zentrix，引起关注。", "a name after a release verb"),
    Rule("latin-model-before-model-word", _M, None, "Zentrix 模型在测试中表现出色。", "a name before 模型, 版本 …"),
    Rule("latin-person-before-speech", _M, None, "Tom Baker表示，公司将扩大投资。", "a person's name before a speech verb"),
    Rule("latin-person-before-role", _M, None, "Tom Baker博士在会上作了报告。", "a person's name before a title"),
    Rule("latin-person-given-name", _M, None, "我们采访了Emily Carter。", "a name opening with a known given name"),
    Rule("latin-model-versioned", _M, None, "开发者可以下载Zentrix 3.1 8B。", "a family, a version and a size or tier"),
    Rule("latin-model-tier-of-known", _M, None, "OpenAI推出了Sora Turbo。", "a curated model and tier words"),
    Rule("latin-person-handle", _M, None, "网友@skywalker42说，这个功能很好用。", "an @handle quoted or described"),
    Rule("latin-person-named-again", _M, None, "Quinlan Vasquez表示，公司将扩大投资。记者随后联系了Quinlan Vasquez。",
         "a person's Latin name repeated without context"),
    Rule("latin-org-named-again", _M, None, "Zentrix公司今天宣布裁员。分析人士看好Zentrix。",
         "an organization's Latin name repeated without context"),
    Rule("latin-model-named-again", _M, None, "Zentrix模型在测试中表现出色。很多人开始使用Zentrix。",
         "a model's Latin name repeated without context"),
    Rule("latin-person-surname", _M, None, "Tom Baker表示，公司将扩大投资。Baker认为前景很好。",
         "a person's surname alone after the full name"),
    # --- memberships (relations) ---------------------------------------------------
    Rule("learned-affiliation", RuleKind.MEMBERSHIP, None, "林晓峰在远川科技担任首席科学家。",
         "the affiliation model's pair and a role word; confidence is the model's score"),
    Rule("org-role-person", RuleKind.MEMBERSHIP, 0.9, "远川科技董事长林晓峰在发布会上介绍了新产品。", "ORG + role + PERSON"),
    Rule("org-department-role-person", RuleKind.MEMBERSHIP, 0.75, "《青城晚报》执行总编辑林晓峰出席了论坛。",
         "a department or bracket between the organization and the role"),
    Rule("org-role-person-list", RuleKind.MEMBERSHIP, 0.75, "远川科技董事长王建国、总经理林晓峰出席了仪式。",
         "a list of posts in the organization named before the first"),
    Rule("subject-org-role-person", RuleKind.MEMBERSHIP, 0.6, "远川科技昨日举行发布会，董事长林晓峰介绍了新产品。",
         "a bare role after a clause break: the sentence's organization"),
    Rule("anaphor-role-person", RuleKind.MEMBERSHIP, 0.6, "远川科技昨日举行发布会。公司首席科学家林晓峰介绍了新产品。",
         "公司, 该院 … before a role: the organization named before"),
    Rule("appointed-person-role", RuleKind.MEMBERSHIP, 0.7, "远川科技董事会选举林晓峰为董事长。",
         "a person appointed (选举, 聘任 …) to a role"),
    Rule("person-org-role", RuleKind.MEMBERSHIP, 0.75, "林晓峰，远川科技董事长，毕业于浙江大学。", "PERSON，ORG + role"),
    Rule("person-founded-org", RuleKind.MEMBERSHIP, 0.8, "林晓峰于2012年创办了远川科技。", "PERSON 创办 ORG"),
    Rule("person-post-org", RuleKind.MEMBERSHIP, 0.75, "林晓峰担任远川科技的董事长。", "PERSON 担任 ORG role"),
    Rule("org-founded-by-person", RuleKind.MEMBERSHIP, 0.8, "远川科技由林晓峰创办。", "ORG 由 PERSON 创办"),
    Rule("org-role-held-by-person", RuleKind.MEMBERSHIP, 0.75, "远川科技董事长一职由林晓峰担任。", "ORG role 由 PERSON 担任"),
    Rule("as-org-role-person", RuleKind.MEMBERSHIP, 0.7, "作为远川科技的创始人，林晓峰经历了很多挑战。",
         "作为 ORG 的 role，PERSON"),
    Rule("org-clause-role-is-person", RuleKind.MEMBERSHIP, 0.7, "远川科技成立于2001年，创始人为林晓峰。",
         "a later clause about ORG: role 为 PERSON"),
    Rule("org-role-is-person", RuleKind.MEMBERSHIP, 0.75, "远川科技的董事长是林晓峰。", "ORG 的 role 是 PERSON"),
    # --- creators (relations, article) ---------------------------------------------
    Rule("org-before-model", RuleKind.CREATOR, 0.85, "远川科技Tundra模型在测试中表现出色。", "ORG right before MODEL"),
    Rule("org-release-model", RuleKind.CREATOR, 0.8, "远川科技发布了Tundra模型。", "ORG 发布 MODEL"),
    Rule("lexicon-creator", RuleKind.CREATOR, 0.7, "Sora是OpenAI的产品。",
         "the lexicon's maker of a model, named in the same sentence"),
    Rule("maker-in-model-name", RuleKind.CREATOR, 0.85, "讯飞星火的能力不断提升。",
         "the maker's name opens the model's; also the rule of the maker's mention it adds"),
    # --- comparisons, locations, quotations, units ------------------------------------
    Rule("model-compared-model", RuleKind.COMPARED_WITH, 0.7, "Tundra模型的性能已经超过了Zentrix模型。",
         "MODEL … 超过, 逼近 … MODEL"),
    Rule("at-place-org", RuleKind.LOCATED_IN, 0.7, "总部在杭州的远川科技昨天发布了新产品。", "在 PLACE 的 ORG"),
    Rule("org-name-place-prefix", RuleKind.LOCATED_IN, 0.8, "杭州远川科技有限公司昨天发布了新产品。",
         "a place the organization's name opens with; also the rule of the place mention it adds"),
    Rule("speaker-verb", RuleKind.QUOTATION, 0.8, "林晓峰表示：“我们会继续努力。”", "PERSON + speech verb + quote"),
    Rule("pronoun-verb", RuleKind.QUOTATION, 0.6, "林晓峰来到现场。他说：“我们会继续努力。”",
         "他/她 + speech verb: the person named before"),
    Rule("in-view-of-person", RuleKind.QUOTATION, 0.7, "在林晓峰看来，明年的市场需求还会继续增长。",
         "在 PERSON 看来: the rest of the sentence is the person's view"),
    Rule("interview-line", RuleKind.QUOTATION, 0.75, "记者：你们下一步有什么计划？\n林晓峰：我们会继续扩大研发投入。",
         "PERSON： at the start of an interview line"),
    Rule("unit-name-starts-with-parent", RuleKind.SUB_ORGANIZATION_OF, 0.8, "远川科技旗下的远川科技研究院发布了一份报告。",
         "a unit whose name starts with its parent's"),
    # --- products named after their maker, and a model written another way (latin, makers) ---
    Rule("latin-model-maker-prefix", _M, None, "开发者可以通过 Google Vertex AI 调用模型。",
         "a curated organization's Latin name (or one typed in the article) and product words"),
    Rule("latin-model-product-of-known", _M, None, "用户可以在 Claude Workbench 中调试提示词。",
         "a curated product's name and product words: a product of its line"),
    Rule("latin-model-for-product", _M, None, "开发者可以使用 Guardrails for Google Vertex AI 过滤内容。",
         "capitalised words, for or with, and a product the article names"),
    Rule("latin-model-respelled", _M, None, "Quasar v6.0 模型发布后，很多用户更喜欢 Quasar 6。",
         "a model typed here, written another way (v6.0 = 6, a snapshot code, its end from the version on)"),
    Rule("maker-named-in-product", RuleKind.CREATOR, 0.85, "开发者可以通过 Google Vertex AI 调用模型。",
         "the maker's Latin name opens the product's (or a unit of it is in the sentence); "
         "also the rule of the maker's mention it adds"),
    Rule("family-maker", RuleKind.CREATOR, 0.7, "远川科技发布了 Quasar.1 文本生成图像模型套件，包括 Quasar.1 Pro 和 Quasar.1 Dev。",
         "a version or tier of a model whose maker the article states has that maker"),
    # --- posts stated across commas, brackets, lists and pronouns (relations.memberships) ----
    Rule("person-org-qualified-role", RuleKind.MEMBERSHIP, 0.7, "林晓峰（远川科技 AI 科学家）出席了论坛。",
         "PERSON，(正是) ORG (前) (unit or field) role: an apposition with more than the role"),
    Rule("org-led-by-people", RuleKind.MEMBERSHIP, 0.75, "远川科技由林晓峰、王建国和周立新领导。",
         "ORG 由 A、B 和 C 领导/带领/执掌: every person of the list"),
    Rule("pronoun-org-role", RuleKind.MEMBERSHIP, 0.65, "远川科技由林晓峰和王建国创办，他们都是星河银行的前工程师。",
         "他们/他 (都)是 ORG 的 (前) role: the people the pronoun stands for"),
    Rule("org-of-person", RuleKind.MEMBERSHIP, 0.6, "这次合作由远川科技的林晓峰负责。", "ORG 的 PERSON: a member, no post said"),
    Rule("its-role-person", RuleKind.MEMBERSHIP, 0.6, "远川科技今年扩大了团队。其首席科学家林晓峰表示，明年会继续招聘。",
         "其 role PERSON: the organization named before, or the previous sentence's subject"),
    Rule("unit-member-of-parent", RuleKind.MEMBERSHIP, None, "远川科技发布了新产品。远川科技智能事业部总经理林晓峰介绍了产品。",
         "a post in a unit whose name opens with its parent's is a post in the parent (the post's confidence, at most 0.7)"),
    # --- speakers named before a colon, a quote or a pronoun (relations.quotations) -------------
    Rule("speaker-colon-quote", RuleKind.QUOTATION, 0.7, "网友 Tom Baker 翻译了这段话的意思：「这家公司的利润率非常高。」",
         "PERSON …：「quote」: the person the clause before the colon is about"),
    Rule("speaker-before-quote", RuleKind.QUOTATION, 0.65, "林晓峰昨天带来了新的解读：\n「我们正处在一个新的时代。」",
         "a sentence that opens with a quote after one that names a person and ends with a colon"),
    Rule("pronoun-subject-verb", RuleKind.QUOTATION, 0.55,
         "林晓峰出席了发布会。当天，他在社交媒体上发布了一条长文，并评价这款产品为「近年来最好的手机」。",
         "他/她 opening a sentence, a speech verb later in it: the person named in the sentences just before"),
    # --- makers named as a possessive, after the model, or in an earlier clause (relations.creators) ---
    Rule("org-possessive-model", RuleKind.CREATOR, 0.8, "远川科技旗下的 Zephyr 模型很受欢迎。",
         "ORG 旗下的 / 推出的 / 的新模型 MODEL: the maker as a possessive"),
    Rule("model-made-by-org", RuleKind.CREATOR, 0.8, "Zephyr 模型由远川科技开发。", "MODEL 由 ORG 开发/推出/训练"),
    Rule("subject-org-release-model", RuleKind.CREATOR, 0.7, "远川科技方面基于 Tundra 模型，推出了 Zephyr 模型。",
         "a release verb in a later clause with no subject of its own: the sentence's organization"),
    Rule("previous-subject-model", RuleKind.CREATOR, 0.6, "远川科技今天宣布了新的计划。该模型 Zephyr 将于下月上线。",
         "该模型 MODEL after a sentence whose subject organization announces something"),
    Rule("org-person-role", RuleKind.MEMBERSHIP, 0.75, "星河银行王建国行长出席了会议。",
         "ORG (的) PERSON ROLE: the title after the name"),
    Rule("cofounders-founded-org", RuleKind.MEMBERSHIP, 0.75, "1998年，林晓峰与另一位联合创始人王建国一起创立了远川科技。",
         "PERSON 与 (…) PERSON (一起) 创立了 ORG: the clause's subject and who it founded the organization with"),
    # --- products by list, context and shape (latin) ---
    Rule("latin-model-listed", _M, None, "远川科技发布了 Zephyr-2 模型、Tundra 和 Quasar。",
         "an untyped Latin name listed (、 和 或 甚至) with models and with no company or person"),
    Rule("latin-model-product-context", _M, None, "远川科技推出了检测工具 Quasarly，用户反响不错。",
         "工具/项目/检测器 X, 出品的 X, 名为 X 的, N 亿参数的 X, X 生成的: a product by what it is or does"),
    Rule("latin-model-shape", _M, None, "远川科技的 Zephyr API 由新模型提供支持。",
         "a product by its shape: Name API, Name-Live-Cam (three capitalised parts)"),
)

RULES: Mapping[str, Rule] = MappingProxyType({r.id: r for r in _TABLE})
if len(RULES) != len(_TABLE):
    raise ValueError("graph.extract.rules: a rule id is registered twice")


def rule(rule_id: str) -> Rule:
    """The registered rule ``rule_id``; KeyError naming it when it is not registered."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise KeyError(f"no extraction rule registered with id {rule_id!r} (see graph/extract/rules.py)") from None
