"""Helpers of the extraction tests: one article through the pipeline, and its facts as names."""

from __future__ import annotations

from graph.core.records import Article, ArticleMeta, ArticleResult, Predicate
from graph.extract.article import ArticleExtractor


def extract(extractor: ArticleExtractor, text: str) -> ArticleResult:
    """``text`` as one article, through the whole extraction."""
    return extractor.extract(Article(Article.id_for(text), "test.txt", text, "utf-8", ArticleMeta()))


def labels(result: ArticleResult) -> dict[str, str]:
    """Entity id → label."""
    return {e.entity_id: e.label for e in result.entities}


def creators(result: ArticleResult) -> set[tuple[str, str]]:
    """(model, maker) labels of the creator facts."""
    label = labels(result)
    return {(label[f.subject_id], label[f.object_id or ""]) for f in result.facts if f.predicate is Predicate.CREATOR}
