"""Products named after their maker, and one model written several ways (graph.extract.candidates.latin,
graph.extract.resolve, graph.extract.makers).

Every name is invented or well known and outside any evaluation set: the rules are tested
for their method (a curated maker's name and product words, X for a product, a snapshot
code, a v before the version, the end of a name from its version on), not for names.
"""

from __future__ import annotations

import pytest

from graph.core.records import Article, ArticleResult, Entity, EntityType, Predicate
from graph.extract.article import ArticleExtractor
from graph.extract.resolve import model_key
from tests.extracted import creators, extract

MODEL, ORG = EntityType.SOFTWARE, EntityType.ORGANIZATION


def _models(result: ArticleResult) -> list[Entity]:
    return [e for e in result.entities if e.entity_type is MODEL]


@pytest.mark.parametrize(
    ("text", "product", "maker"),
    [
        ("开发者可以通过 Google Vertex AI 调用模型。", "Google Vertex AI", "Google"),
        ("亚马逊在会上介绍了 Amazon Polly 的新声音。", "Amazon Polly", "亚马逊"),
        ("用户现在可以直接使用 Samsung AI 助手提问。", "Samsung AI", "三星"),
        ("开发者可以使用 Guardrails for Google Vertex AI 过滤内容。", "Guardrails for Google Vertex AI", "Google"),
        # The maker's unit named in the same sentence is the more precise maker.
        ("针对开发工具 Agents for Amazon Polly，亚马逊云科技推出了新功能。", "Agents for Amazon Polly", "亚马逊云科技"),
        # ...or the only unit of the maker the article names.
        ("亚马逊云科技今天举办了发布会。会上，开发者可以试用 Amazon Polly 的新声音。", "Amazon Polly", "亚马逊云科技"),
        # A maker the article types itself (a release verb after its name).
        ("Vendorly 推出了新工具。很多设计师开始使用 Vendorly Forge。", "Vendorly Forge", "Vendorly"),
    ],
)
def test_product_named_after_its_maker(extractor: ArticleExtractor, text: str, product: str, maker: str) -> None:
    result = extract(extractor, text)
    assert product in {e.label for e in _models(result)}
    assert (product, maker) in creators(result)


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # A curated product's name and product words: a product of its line.
        ("用户可以在 Claude Workbench 中调试提示词。", "Claude Workbench"),
        ("微软今天发布了 Microsoft Copilot Studio，帮助企业搭建智能体。", "Microsoft Copilot Studio"),
    ],
)
def test_product_of_a_known_product(extractor: ArticleExtractor, text: str, product: str) -> None:
    assert product in {e.label for e in _models(extract(extractor, text))}


@pytest.mark.parametrize(
    ("text", "name", "entity_type"),
    [
        # A unit, a lab or an office of the maker stays an organization (or nothing).
        ("Amazon Web Services 的 CEO 表示，需求仍在增长。", "Amazon Web Services", ORG),
        ("Google Research 的研究员发表了论文。", "Google Research", ORG),
        ("田文（Samsung AI 科学家）认为，开源模型会继续进步。", "Samsung AI", ORG),
        ("Meta、Google 和 Runway AI 等公司都开发了视频模型。", "Runway AI", ORG),
    ],
)
def test_maker_unit_is_no_product(extractor: ArticleExtractor, text: str, name: str, entity_type: EntityType) -> None:
    result = extract(extractor, text)
    assert name not in {e.label for e in _models(result)}


@pytest.mark.parametrize(
    ("text", "not_a_product"),
    [
        # Hardware, an event, a person after the maker's name.
        ("新服务器搭载 NVIDIA H100 芯片。", "NVIDIA H100"),
        ("苹果在 Apple Event 上展示了新功能。", "Apple Event"),
        ("Google Sundar Pichai 表示，搜索会继续改变。", "Google Sundar Pichai"),
        ("研究团队 Meta FAIR 发布了论文。", "Meta FAIR"),
    ],
)
def test_no_product_junk(extractor: ArticleExtractor, text: str, not_a_product: str) -> None:
    assert not_a_product not in {e.label for e in extract(extractor, text).entities}


@pytest.mark.parametrize(
    ("same", "other"),
    [
        # A snapshot code, a v before the version, a trailing .0, case and dashes.
        (("Corvid 1.5 Pro", "Corvid-1.5-Pro-002", "corvid-1.5-pro"), ("Corvid 1.5 Flash", "Corvid 2.0 Pro")),
        (("Quasar v6.0", "Quasar 6", "Quasar V6"), ("Quasar 6.1", "Quasar 60")),
        (("Nimbus-4-0125", "Nimbus-4-20240125", "Nimbus 4"), ("Nimbus-4o", "Nimbus 4 Turbo")),
        # Sizes are other models; a number without a version is the name's own.
        (("Lyra 3.1 8B", "Lyra-3.1-8B"), ("Lyra 3.1 70B",)),
        (("text-vector-004",), ("text-vector-003",)),
    ],
)
def test_model_key(same: tuple[str, ...], other: tuple[str, ...]) -> None:
    assert len({model_key(name) for name in same}) == 1
    assert not {model_key(name) for name in other} & {model_key(same[0])}


@pytest.mark.parametrize(
    ("text", "label", "aliases"),
    [
        ("Corvid 1.5 Pro 的表现很好，新版本 Corvid-1.5-Pro-002 进一步提升了速度。Corvid 1.5 Pro 已经上线。",
         "Corvid 1.5 Pro", {"Corvid-1.5-Pro-002"}),
        ("Quasar v6.0 模型发布后，很多用户更喜欢 Quasar 6。", "Quasar v6.0", {"Quasar 6"}),
        ("Tessel-R7 模型发布后，R7 的下载量大增。", "Tessel-R7", {"R7"}),
        # A curated model's other name at the head: one model.
        ("微软推出了 Microsoft Copilot Pro，Copilot Pro 每月收费。", "Microsoft Copilot Pro", {"Copilot Pro"}),
        # The maker's name in place of the curated family's, and the end of the name.
        ("谷歌发布了 Gemini-9.5-Flash-002 模型，Google 9.5 Flash 的速度很快，9.5 Flash 也便宜。",
         "Gemini-9.5-Flash-002", {"Google 9.5 Flash", "9.5 Flash"}),
        # A product named without its maker after it was named with it.
        ("开发者可以通过 Amazon Polly 合成语音，Polly 模型支持多种语言。", "Amazon Polly", {"Polly"}),
    ],
)
def test_one_model_written_several_ways(extractor: ArticleExtractor, text: str, label: str, aliases: set[str]) -> None:
    result = extract(extractor, text)
    matching = [e for e in _models(result) if label == e.label or label in {a.text for a in e.aliases}]
    assert len(matching) == 1
    names = {matching[0].label, *(a.text for a in matching[0].aliases)}
    assert {label, *aliases} <= names
    assert not any(name in names for e in _models(result) if e is not matching[0] for name in {e.label})


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # Other versions and sizes stay apart.
        ("Nimbus-4 模型和 Nimbus-4o 模型都已发布，Nimbus 2.0 模型和 Nimbus 1.5 模型也在用。",
         {"Nimbus-4", "Nimbus-4o", "Nimbus 2.0", "Nimbus 1.5"}),
        ("开发者可以下载 Lyra 3.1 8B 和 Lyra 3.1 70B。", {"Lyra 3.1 8B", "Lyra 3.1 70B"}),
        # A short name two models end in is neither.
        ("Tessel-R7 模型和 Quill-R7 模型都已发布，R7 的下载量大增。", {"Tessel-R7", "Quill-R7"}),
    ],
)
def test_other_models_stay_apart(extractor: ArticleExtractor, text: str, labels: set[str]) -> None:
    assert labels <= {e.label for e in _models(extract(extractor, text))}


def test_alias_reasons(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "Corvid 1.5 Pro 很快，Corvid-1.5-Pro-002 更快。Corvid 1.5 Pro 和 Corvid v1.5 Pro 都能用。")
    (model,) = [e for e in _models(result) if e.label == "Corvid 1.5 Pro"]
    reasons = {a.text: a.reason for a in model.aliases}
    assert reasons.get("Corvid-1.5-Pro-002") == "snapshot-code"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The other items of a list whose items share a typed model's shape.
        ("Vendorly 发布了 Zephyr-2 模型、Tundra 和 Quasar。", {"Zephyr-2", "Tundra", "Quasar"}),
        ("Vendorly 发布了 Zephyr-2。与 Zephyr-2、Nimbo 或 Corvo 相比，它更快。", {"Nimbo", "Corvo"}),
        ("远川科技发布了 Zephyr-2 模型。Zephyr-2、Nimbo 3（HD）和 Tundra 3 Ultra 等模型都很快。", {"Nimbo 3", "Tundra 3 Ultra"}),
        # What a product is, who made it, how big it is, what it does.
        ("远川科技推出了检测工具 Quasarly，用户反响不错。", {"Quasarly"}),
        ("远川科技出品的 Quasarly 可以让照片动起来。", {"Quasarly"}),
        ("拥有 2800 亿参数的 Zephyr 和拥有 5400 亿参数的 Tundra 都很贵。", {"Zephyr", "Tundra"}),
        ("Quasarly 生成的图像几乎可以乱真。", {"Quasarly"}),
        # Shapes: Name API, Name-Live-Cam, an edition's name before 版, X with a product.
        ("远川科技的 Zephyr API 由新模型提供支持。", {"Zephyr API"}),
        ("AI 换脸项目 Vendor-Live-Cam 一夜爆火。", {"Vendor-Live-Cam"}),
        ("远川科技发布了 Zephyr.1 模型，其中 Zephyr.1 Pro 版最强，Zephyr.1 Quick 版最快。", {"Zephyr.1 Pro", "Zephyr.1 Quick"}),
        ("远川科技发布了 Zephyr 模型。星河的 Create with Zephyr 可以生成动画。", {"Create with Zephyr"}),
    ],
)
def test_product_by_list_context_and_shape(extractor: ArticleExtractor, text: str, names: set[str]) -> None:
    assert names <= {e.label for e in _models(extract(extractor, text))}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("远川科技发布了 Zephyr-2 模型，面向 Zephyr-2 和 Team 帐户的用户开放。", "Team"),  # a plan, not a product
        ("这款车型也更名为 Vendor60，续航更长。", "Vendor60"),  # 更名为: a renamed car
        ("Vendorly Labs 或 Zephyr 都很有名。", "Zephyr"),  # listed with a company: not typed from the list
        ("最后一个 Zephyr.1 Quick 版最快（quick 在英语中意为快速）。", "quick"),  # a word in prose
    ],
)
def test_no_product_from_these(extractor: ArticleExtractor, text: str, name: str) -> None:
    assert name not in {e.label for e in _models(extract(extractor, text))}


def test_new_rule_keeps_its_maker(extractor: ArticleExtractor) -> None:
    result = extract(extractor, "远川科技出品的 Quasarly 可以让照片动起来。")
    assert ("Quasarly", "远川科技") in creators(result)


def test_a_product_named_without_a_maker_the_article_names_joins_the_full_name(extractor: ArticleExtractor) -> None:
    text = "Vendorly 公司今天发布了文生图模型 Vendorly Forge。不少设计师认为，Forge 模型的画质已经接近专业水准。"
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    models = {e.label: {a.text for a in e.aliases} for e in result.entities if e.entity_type is EntityType.SOFTWARE}
    assert models == {"Vendorly Forge": {"Forge"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The one version the article names: the bare name is that model.
        (
            "远川科技发布了文生图模型 Quasar.1 套件，包括 Quasar.1 Pro 和 Quasar.1 Dev。Quasar 模型一出来就走红了。",
            {"Quasar.1": {"Quasar"}, "Quasar.1 Pro": set(), "Quasar.1 Dev": set()},
        ),
        # Two versions: the bare name is the family, apart from both.
        ("远川科技发布了 Quasar.1 和 Quasar.2 两个模型。Quasar 模型很受欢迎。", {"Quasar": set(), "Quasar.1": set(), "Quasar.2": set()}),
    ],
)
def test_a_bare_name_joins_the_only_version_the_article_names(
    extractor: ArticleExtractor, text: str, expected: dict[str, set[str]]
) -> None:
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    models = {e.label: {a.text for a in e.aliases} for e in result.entities if e.entity_type is EntityType.SOFTWARE}
    assert models == expected


def test_a_products_api_is_the_product(extractor: ArticleExtractor) -> None:
    text = "开发者可以使用 Sentinel for Google Vertex AI 过滤有害内容。另外，谷歌还为 Sentinel API 添加了新功能。"
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    models = {e.label: {a.text for a in e.aliases} for e in result.entities if e.entity_type is EntityType.SOFTWARE}
    assert "Sentinel API" in models.get("Sentinel for Google Vertex AI", set())
    assert "Sentinel API" not in models


def test_tiers_of_a_model_have_the_makers_the_article_states(extractor: ArticleExtractor) -> None:
    text = "远川科技发布了 Quasar.1 文本生成图像模型套件，包括 Quasar.1 Pro、Quasar.1 Dev 和 Quasar.1 Lite。"
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    label = {e.entity_id: e.label for e in result.entities}
    made = {(label[f.subject_id], label[f.object_id or ""], f.rule) for f in result.facts if f.predicate is Predicate.CREATOR}
    assert {(m, o) for m, o, _ in made} == {(n, "远川科技") for n in ("Quasar.1", "Quasar.1 Pro", "Quasar.1 Dev", "Quasar.1 Lite")}
    assert ("Quasar.1 Pro", "远川科技", "family-maker") in made


def test_no_maker_for_a_model_whose_family_has_none(extractor: ArticleExtractor) -> None:
    text = "评测中，Quasar.1 Pro 和 Quasar.1 Dev 都表现不错。"
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    assert not [f for f in result.facts if f.predicate is Predicate.CREATOR]
