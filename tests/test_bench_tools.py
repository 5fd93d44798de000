"""bench/synthetic_graph.py and bench/sparql_latency.py on small graphs."""

from __future__ import annotations

import pytest

from bench.sparql_latency import bundled_queries, measure_oxigraph
from bench.synthetic_graph import synthetic_graph, synthetic_results
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import ArticleResult, Predicate
from graph.rdf.files import write_nquads

ARTICLES = 40


@pytest.fixture(scope="module")
def results() -> list[ArticleResult]:
    return list(synthetic_results(ARTICLES, seed=9))


def test_synthetic_results_are_deterministic(results: list[ArticleResult]) -> None:
    assert list(synthetic_results(ARTICLES, seed=9)) == results


def test_mentions_are_where_the_text_says(results: list[ArticleResult]) -> None:
    mismatched = [m for r in results for m in r.mentions if r.article.text[m.start : m.end] != m.surface]
    assert mismatched == []


def test_facts_lie_in_their_sentence_with_their_evidence(results: list[ArticleResult]) -> None:
    outside = [
        f for r in results for f in r.facts
        if not all(f.sentence.start <= m.start and m.end <= f.sentence.end for m in f.evidence)
    ]
    assert outside == []


def test_every_fact_kind_occurs(results: list[ArticleResult]) -> None:
    kinds = {f.predicate for r in results for f in r.facts}
    assert kinds == {
        Predicate.MEMBERSHIP, Predicate.CREATOR, Predicate.QUOTATION, Predicate.COMPARED_WITH, Predicate.LOCATED_IN
    }


def test_quotations_are_the_quoted_text(results: list[ArticleResult]) -> None:
    quotes = [(r.article.text, f) for r in results for f in r.facts if f.predicate is Predicate.QUOTATION]
    assert quotes and all(f"“{f.text}”" in text for text, f in quotes)


def test_some_articles_are_traditional(results: list[ArticleResult]) -> None:
    assert {r.language for r in results} == {"zh-Hans", "zh-Hant"}


@pytest.fixture(scope="module")
def latencies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    path = tmp_path_factory.mktemp("sparql_bench") / "graph.nq"
    write_nquads(synthetic_graph(ARTICLES, seed=9), path)
    _, triples, results = measure_oxigraph(path, bundled_queries(), runs=1)
    assert triples > 10_000
    return results


@pytest.mark.parametrize("query", sorted(bundled_queries()))
def test_every_bundled_query_answers_on_the_synthetic_graph(latencies: dict[str, dict], query: str) -> None:
    assert latencies[query]["rows"] > 0
    assert len(latencies[query]["times_ms"]) == 1


def test_synthetic_graph_merges_entities_met_in_several_articles(results: list[ArticleResult]) -> None:
    kg = KnowledgeGraph.from_results(results)
    assert len(kg.entities) < sum(len(r.entities) for r in results)
