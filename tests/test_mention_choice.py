"""Which candidates become mentions: sectors listed among plain words, and words
that qualify a field, are no organizations whatever the tagger says."""

from __future__ import annotations

import pytest

from graph.core.records import Article, EntityType
from graph.extract.article import ArticleExtractor
from graph.extract.candidates import PRIORITY_LEXICON, PRIORITY_TAGGER, Candidate, choose_mentions

ORG = EntityType.ORGANIZATION


def _tagged(text: str, word: str, rule: str = "tagger", priority: int = PRIORITY_TAGGER) -> Candidate:
    start = text.index(word)
    return Candidate(start, start + len(word), ORG, rule, priority)


def _chosen(text: str, candidates: list[Candidate]) -> set[str]:
    return {text[c.start : c.end] for c in choose_mentions(candidates, text)}


def test_a_sector_listed_among_plain_words_is_no_organization() -> None:
    text = "方案面向金融、工业、政务、教育等行业。"
    assert "政务" not in _chosen(text, [_tagged(text, "政务")])


def test_a_brand_listed_among_found_names_stays() -> None:
    text = "三星、华为、小米等厂商都推出了新机。"
    candidates = [_tagged(text, "三星"), _tagged(text, "华为"), _tagged(text, "小米", "lexicon-label", PRIORITY_LEXICON)]
    assert _chosen(text, candidates) == {"三星", "华为", "小米"}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("加快推动通用人工智能发展。", "通用"),
        ("实现 AGI(通用人工智能)的时间可能缩短。", "通用人工智能"),
        ("地方政府将支持通用和行业大模型研发。", "通用"),
        ("开发者可以编写运行在通用GPU上的算法。", "通用"),
    ],
)
def test_a_word_that_qualifies_a_field_is_no_organization(text: str, word: str) -> None:
    assert word not in _chosen(text, [_tagged(text, word)])


def test_the_company_with_that_name_stays() -> None:
    text = "通用汽车公司宣布裁员。"
    assert "通用汽车公司" in _chosen(text, [_tagged(text, "通用汽车公司")])


def test_through_the_pipeline(extractor: ArticleExtractor) -> None:
    text = "地方政府将支持通用和行业大模型研发，通用汽车公司则宣布裁员。"
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    names = {e.label for e in result.entities if e.entity_type is ORG}
    assert "通用" not in names
    assert "通用汽车公司" in names


def test_a_describing_word_before_a_name_is_not_part_of_it(extractor: ArticleExtractor) -> None:
    text = "美国新闻业网站北辰实验室（Polaris Lab）报导，该公司发表了论文。"
    result = extractor.extract(Article(Article.id_for(text), "t.txt", text, "utf-8"))
    names = {n for e in result.entities for n in (e.label, *(a.text for a in e.aliases))}
    assert "北辰实验室" in names
    assert not any(n.startswith("新闻业网站") for n in names)
