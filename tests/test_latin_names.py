"""Latin-script names inside Chinese text (graph.extract.candidates.latin): (text, expected) tables.

Every name here is invented, so the rules are tested for their method (role
words, speech verbs, 公司, release verbs, versions, suffixes, given names), not
for names they were tuned on.
"""

from __future__ import annotations

import pytest

from graph.core.records import ArticleResult, EntityType, Predicate
from graph.extract.article import ArticleExtractor
from tests.extracted import extract, labels

PERSON, ORG, MODEL = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.SOFTWARE


def _typed(result: ArticleResult) -> set[tuple[EntityType, str]]:
    return {(e.entity_type, e.label) for e in result.entities}


@pytest.mark.parametrize(
    ("text", "entity_type", "name"),
    [
        # People: a speech verb after two capitalised words, a role before them, a role after them.
        ("Nora Whitfield表示，推理成本会继续下降。", PERSON, "Nora Whitfield"),
        ("Caleb Ransom 在 X 上发文称，新版本下周上线。", PERSON, "Caleb Ransom"),
        ("Ines Okafor 近日在博客中写道，开源社区需要更多评测。", PERSON, "Ines Okafor"),
        ("Brightloom Labs 首席科学家 Marta Quell 介绍了训练方法。", PERSON, "Marta Quell"),
        ("据 Keystone Research 分析师 Omar Haddad 估计，市场规模将翻倍。", PERSON, "Omar Haddad"),
        ("Anand Ravi Iyer（Quillmark 联合创始人）参加了论坛。", PERSON, "Anand Ravi Iyer"),
        ("Hollis Brandt 教授在演讲中提到了这篇论文。", PERSON, "Hollis Brandt"),
        ("JB Tanaka 指出，监管会越来越严。", PERSON, "JB Tanaka"),
        # A common given name opens it, with nothing else around.
        ("活动当天，Ethan Vasquez 与几位工程师一同到场。", PERSON, "Ethan Vasquez"),
        # @handles of people quoted from X, and a user name after 网友 or 开发者.
        ("网友 @quietcoder 表示，这个功能非常好用。", PERSON, "quietcoder"),
        ("开发者 nightowl42 在帖子里说，插件已经支持离线运行。", PERSON, "nightowl42"),
        ("发布者 quietcoder 提供了详尽的安装方法。", PERSON, "quietcoder"),
        ("X 上的 CodeWhisperer42 就表示，这个工具很好用。", PERSON, "CodeWhisperer42"),
        # Companies: a suffix, a role or 公司 after, a descriptor before, a release verb after.
        ("投资机构 Northwind Ventures 领投了本轮融资。", ORG, "Northwind Ventures"),
        ("Redwood Capital 与 Halcyon Partners 跟投。", ORG, "Redwood Capital"),
        ("Tessellate AI 今天宣布完成 B 轮融资。", ORG, "Tessellate AI"),
        ("Quillmark 的 CEO 表示，公司将继续招聘。", ORG, "Quillmark"),
        ("Quillmark创始人此前在大厂工作。", ORG, "Quillmark"),
        ("Veridian 公司的股价当天上涨。", ORG, "Veridian"),
        # A post after a name that opens with a given name still makes it a company.
        ("Harper Lowell 分析师认为，芯片需求仍然强劲。", ORG, "Harper Lowell"),
        ("初创公司 Lumencraft 获得了新一轮投资。", ORG, "Lumencraft"),
        ("Lumencraft 近日正式推出 Quill-7B-Instruct。", ORG, "Lumencraft"),
        ("Kestrel.ai 今天宣布完成 B 轮融资。", ORG, "Kestrel.ai"),
        ("Quillmark CEO Rhea Castellan 出席了发布会。", ORG, "Quillmark"),
        ("Quillmark CEO Rhea Castellan 出席了发布会。", PERSON, "Rhea Castellan"),
        # Models: versions, sizes, dates and tiers; a release verb before; 模型 after.
        ("新模型 Corvid-1.5-Pro-002 在多项评测中领先。", MODEL, "Corvid-1.5-Pro-002"),
        ("该公司推出 Lyra 3.1 8B，支持长上下文。", MODEL, "Lyra 3.1 8B"),
        ("Vesper.1 Dev 可以在消费级显卡上运行。", MODEL, "Vesper.1 Dev"),
        ("团队发布了视频生成工具 Tidal-3 Alpha。", MODEL, "Tidal-3 Alpha"),
        ("Lumencraft 发布了 Zephra 2.5 Pro，这是一款多模态模型。", MODEL, "Zephra 2.5 Pro"),
        ("Halden 团队开源了 Mistwood，一个代码助手。", MODEL, "Mistwood"),
        ("Orrery 多模态大模型支持图像输入。", MODEL, "Orrery"),
        # A curated model and a tier word, with no version between them.
        ("xAI 正式推出 Grok Mini，速度更快。", MODEL, "Grok Mini"),
        # Traditional script, with Taiwan's words (部落客, 釋出, 晶片).
        ("部落客 Ines Okafor 表示，外掛已經支援離線執行。", PERSON, "Ines Okafor"),
        ("新創公司 Lumencraft 釋出了 Quill-7B-Instruct。", ORG, "Lumencraft"),
        ("新創公司 Lumencraft 釋出了 Quill-7B-Instruct。", MODEL, "Quill-7B-Instruct"),
        # A maker's name before its versioned model is the maker, not the model.
        ("谷歌 Google Gemini 9.5 Pro 上线。", MODEL, "Gemini 9.5 Pro"),
    ],
)
def test_latin_name_found(extractor: ArticleExtractor, text: str, entity_type: EntityType, name: str) -> None:
    assert (entity_type, name) in _typed(extract(extractor, text))


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # URLs, code, commands and paths.
        ("该工具可在 https://github.com/acme/zephyr 下载。", "Zephyr"),
        ("安装时运行 pip install Zephyr_Tools 即可。", "Zephyr_Tools"),
        ("调用 Client.Run() 之后返回结果。", "Client.Run"),
        # Units, tickers and acronyms that name no one.
        ("这款产品支持 4K 视频、30 fps 和 HDR 格式。", "HDR"),
        ("股价方面，VRDN 当天上涨 3%。", "VRDN"),
        ("AI 公司越来越多，SaaS 公司则在收缩。", "AI"),
        ("AI 公司越来越多，SaaS 公司则在收缩。", "SaaS"),
        ("研究人员使用 PyTorch 和 CUDA 训练模型。", "CUDA"),
        # English words and product features, not names.
        ("Generative AI 正在改变内容生产。", "Generative AI"),
        ("Hello World 是很多人写的第一个程序。", "Hello World"),
        # A given name that is also an English word (Faker's word lists) is no sign of a person.
        ("Summer Sale 活动将持续到月底。", "Summer Sale"),
        # A thing named after a person.
        ("新服务器搭载 Ada Lovelace 架构的显卡。", "Ada Lovelace"),
        ("新伺服器搭載 Ada Lovelace 超級晶片。", "Ada Lovelace"),
        ("OpenAI 发布的 Voice Mode 功能受到欢迎，Advanced Voice 也已上线。", "Voice Mode"),
        ("OpenAI 发布的 Voice Mode 功能受到欢迎，Advanced Voice 也已上线。", "Advanced Voice"),
        ("新版支持 Deep Research 和 Canvas 两个功能。", "Deep Research"),
        # Media, events, benchmarks and funding rounds.
        ("据 The Verge 报道，该公司将在 CES 2025 上展示新品。", "CES 2025"),
        ("该模型在 MMLU 和 GSM8K 上得分很高。", "GSM8K"),
        ("公司完成 B 轮融资。", "B"),
        # Versioned things that are no AI model: devices, systems, dates.
        ("特斯拉 Model Y 车型销量领先，Python 3.12 版本也已发布。", "Python 3.12"),
        ("苹果发布 iPhone 15 Pro 和 Windows 11 更新。", "Windows 11"),
        ("Acme 2月发布了新品。", "Acme 2"),
        ("COVID-19 疫情改变了办公方式。", "COVID-19"),
        # An English line of a messy web copy.
        ("正文第一段。\nShare this story with your friends on Facebook and Twitter\n正文第二段。", "Share"),
        ("正文第一段。\nPhoto by Nora Whitfield for Getty Images\n正文第二段。", "Nora Whitfield"),
        # A bracketed handle glosses the name before it: one person, not two.
        ("网友 Quellan（@quellan_dev）表示，体验不错。", "quellan_dev"),
    ],
)
def test_no_latin_junk(extractor: ArticleExtractor, text: str, not_a_name: str) -> None:
    assert not_a_name not in {e.label for e in extract(extractor, text).entities}


@pytest.mark.parametrize(
    ("text", "membership"),
    [
        ("Quillmark 的 CEO Rhea Castellan 表示，订单增长很快。", ("Rhea Castellan", "Quillmark", "CEO")),
        ("Rhea Castellan，Quillmark 的 CEO，在周四宣布了这一消息。", ("Rhea Castellan", "Quillmark", "CEO")),
        ("Brightloom Labs 联合创始人 Marta Quell 认为，数据比算力更重要。", ("Marta Quell", "Brightloom Labs", "联合创始人")),
        ("Northwind Ventures 合伙人 Priya Raman 指出，估值过高。", ("Priya Raman", "Northwind Ventures", "合伙人")),
        ("Quillmark CEO Rhea Castellan 与 Veridian CTO Lisa Wong 共同出席。", ("Lisa Wong", "Veridian", "CTO")),
    ],
)
def test_latin_membership(extractor: ArticleExtractor, text: str, membership: tuple[str, str, str]) -> None:
    result = extract(extractor, text)
    label = labels(result)
    found = {
        (label[f.subject_id], label[f.object_id or ""], f.role or "")
        for f in result.facts
        if f.predicate is Predicate.MEMBERSHIP
    }
    assert membership in found


@pytest.mark.parametrize(
    ("text", "creator"),
    [
        ("Lumencraft 发布了 Zephra 2.5 Pro，这是一款多模态模型。", ("Zephra 2.5 Pro", "Lumencraft")),
        ("Lumencraft 近日正式推出 Quill-7B-Instruct。", ("Quill-7B-Instruct", "Lumencraft")),
        ("新創公司 Lumencraft 釋出了 Quill-7B-Instruct。", ("Quill-7B-Instruct", "Lumencraft")),
        ("初创公司 Brightloom Labs 开源了 Vesper.1 Dev。", ("Vesper.1 Dev", "Brightloom Labs")),
        # A version of a curated model has its family's maker, named in the same sentence.
        ("xAI 表示，Grok-9-Mini-0612 在测试中表现出色。", ("Grok-9-Mini-0612", "xAI")),
    ],
)
def test_latin_creator(extractor: ArticleExtractor, text: str, creator: tuple[str, str]) -> None:
    result = extract(extractor, text)
    label = labels(result)
    found = {(label[f.subject_id], label[f.object_id or ""]) for f in result.facts if f.predicate is Predicate.CREATOR}
    assert creator in found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Nora Whitfield 表示，推理成本会继续下降。", "Nora Whitfield"),
        ("Caleb Ransom 在 X 上发文称：“新版本下周上线。”", "Caleb Ransom"),
        ("网友 @quietcoder 写道，这个功能非常好用。", "quietcoder"),
        # The surname alone, after the full name, is the same person.
        ("Nora Whitfield 是 Quillmark 的研究员。Whitfield 认为，推理成本会继续下降。", "Nora Whitfield"),
    ],
)
def test_latin_quotation(extractor: ArticleExtractor, text: str, speaker: str) -> None:
    result = extract(extractor, text)
    label = labels(result)
    assert speaker in {label[f.subject_id] for f in result.facts if f.predicate is Predicate.QUOTATION}


@pytest.mark.parametrize(
    ("text", "label", "glosses"),
    [
        # A Latin name in brackets after the Chinese one, and its surname later: one person,
        # under the Latin spelling that other articles share.
        (
            "远航科技执行长韦斯顿（Caleb Weston）在 X 上写道，新功能下周上线。Weston 表示，用户增长很快。",
            "Caleb Weston",
            {"韦斯顿", "Weston"},
        ),
        # A Chinese name in brackets after the Latin one.
        ("Nora Whitfield（诺拉·惠特菲尔德）表示，推理成本会继续下降。", "Nora Whitfield", {"诺拉·惠特菲尔德"}),
    ],
)
def test_glossed_name_is_one_person(extractor: ArticleExtractor, text: str, label: str, glosses: set[str]) -> None:
    persons = [e for e in extract(extractor, text).entities if e.entity_type is PERSON]
    assert len(persons) == 1
    assert {persons[0].label, *(a.text for a in persons[0].aliases)} >= {label, *glosses}


@pytest.mark.parametrize(
    ("text", "full", "short"),
    [
        ("Nora Whitfield 是 Quillmark 的研究员。Whitfield 认为，推理成本会继续下降。", "Nora Whitfield", "Whitfield"),
        ("Quillmark 的 CEO Rhea Castellan 表示，Castellan 还说，订单增长很快。", "Rhea Castellan", "Castellan"),
    ],
)
def test_surname_is_the_person(extractor: ArticleExtractor, text: str, full: str, short: str) -> None:
    persons = [e for e in extract(extractor, text).entities if e.entity_type is PERSON]
    matching = [e for e in persons if full == e.label]
    assert len(matching) == 1
    assert short in {a.text for a in matching[0].aliases}
    assert short not in {e.label for e in persons}
