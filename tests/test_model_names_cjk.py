"""Chinese model names with a version, and quoted kinds of model (graph.extract.candidates).

Names are invented; the rules are tested for their shape, not for names.
"""

from __future__ import annotations

import pytest

from graph.core.records import Article, ArticleMeta, EntityType
from graph.extract.article import ArticleExtractor


def _models(extractor: ArticleExtractor, text: str) -> set[str]:
    result = extractor.extract(Article(Article.id_for(text), "test.txt", text, "utf-8", ArticleMeta()))
    return {e.label for e in result.entities if e.entity_type is EntityType.SOFTWARE}


def test_quoted_name_and_lettered_version(extractor: ArticleExtractor) -> None:
    # The whole quoted name, however the tagger cut it, and not its stem alone.
    assert "云穹 5o" in _models(extractor, "远川科技发布了「云穹 5o」模型。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("价格总是比行业其他模型便宜 1/10 左右。", "便宜 1"),  # an adjective and a fraction
        ("这正是所谓理解物理规律的「世界模型」。", "世界模型"),  # a kind of model
    ],
)
def test_no_model_from_these(extractor: ArticleExtractor, text: str, name: str) -> None:
    assert name not in _models(extractor, text)
