"""Organizations found by context and shape, and the over-eager readings kept out.
Every name here is invented."""

from __future__ import annotations

import pytest

from graph.core.records import Article, EntityType
from graph.extract.article import ArticleExtractor


def _orgs(extractor: ArticleExtractor, text: str) -> set[str]:
    result = extractor.extract(Article(Article.id_for(text), "test", text, "utf-8"))
    return {m.surface for m in result.mentions if m.entity_type is EntityType.ORGANIZATION}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("美国财经资讯公司青岚（Bluehill）近日宣布研发新产品。青岚表示，产品将在年底上线。", {"青岚"}),
        ("本文为青岚周末原创文章，转载请联系。", {"青岚周末"}),
        ("在硬件方面，他们展示了与远川科技合作推出的新款电脑。", {"远川科技"}),
        ("硬件媒体 Ben's Gadgets 带来最新消息。", {"Ben's Gadgets"}),
        ("其他专家，Northwind Catalyst 和 BirchloVC 进行了追加投资。", {"Northwind Catalyst", "BirchloVC"}),
        ("医疗数据分析服务提供商 Corvanta 也成为了首批用户。", {"Corvanta"}),
        ("在 Quarry Tower 的数据中，日活用户继续增长。", {"Quarry Tower"}),
        ("大家好，我是 Zentrix.im 的产品合伙人。", {"Zentrix.im"}),
        ("而后 Brightlink 也官方发文，提议公司改进流程。", {"Brightlink"}),
        # A news source is a medium, an organization (the event after it is not).
        ("据 The Quillbury 报道，该公司将在 CES 2025 上展示新品。", {"The Quillbury"}),
        ("包括 Zentrix、Quarrel Works 和 Birchlo Labs 等公司。", {"Zentrix", "Quarrel Works", "Birchlo Labs"}),
    ],
)
def test_found_by_context(extractor: ArticleExtractor, text: str, expected: set[str]) -> None:
    assert expected <= _orgs(extractor, text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("对于大公司而言，训练模型的成本很高。", "大公司"),
        ("智能设备公司对于端侧模型的需求本身是存在的。", "智能设备公司"),
        ("该公司同时向一个专家团队授予访问权限。", "时向一个"),
        ("这一周，一方面让我司首席科学家帮忙整理资料。", "一方面让我司"),
        ("他们在提示词之外还提供了代码解释器等工具。", "代码解释器"),
        ("他通常对中国科技持怀疑态度。", "中国科技"),
        ("## 远川科技如何布局", "远川科技如何布局"),
        ("在硬件方面，他们展示了携手远川科技及青禾电子所推出的新款电脑。", "远川科技及青禾电子"),
        ("Brightlink 母公司 Zentrix 今天发布了新模型。", "Brightlink 母公司"),
    ],
)
def test_not_an_organization(extractor: ArticleExtractor, text: str, not_expected: str) -> None:
    assert not_expected not in _orgs(extractor, text)
