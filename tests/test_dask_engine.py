"""``kg build --engine dask``: the same results and graph as the local engine, on a local Dask cluster."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import psutil
import pyoxigraph as ox
import pytest

from graph.build.engines.dask import extract_with_dask, local_cluster, partitions
from graph.build.engines.shards import (
    merge_shards,
    partition_shard_name,
    write_default_graph,
)
from graph.build.run import BuildOptions, build
from graph.core.errors import KgError
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Article, ArticleResult, Problem
from graph.core.spool import RESULTS_FILE
from graph.ingest.reading import read_inputs
from graph.rdf.files import to_nquads

ROOT = Path(__file__).resolve().parent.parent
# Two short articles naming one company two ways (星河数智有限公司, 星河数智科技):
# one entity whose label depends on which articles a graph has seen.
EXTRA = ROOT / "tests" / "data" / "dask"


def _articles(*paths: Path) -> list[Article]:
    return [a for a in read_inputs(list(paths)) if not isinstance(a, Problem)]


def _quads(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def _article(text: str) -> Article:
    return Article(Article.id_for(text), "inline", text, "utf-8")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local cluster shared by this module's tests, as a real one would be."""
    with local_cluster() as cluster:
        yield cluster.scheduler_address


# --- the engine inside `kg build` ----------------------------------------------------


@pytest.fixture(scope="module")
def dask_seeds_build(scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dask_build")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # relative input paths, as the seeds_build fixture gives them
        build(BuildOptions(inputs=(Path("seeds"),), out_dir=out, engine="dask", scheduler=scheduler))
    return out


def test_dask_build_has_the_local_build_graph(dask_seeds_build: Path, seeds_build) -> None:
    _, _, local_out = seeds_build
    assert _quads(dask_seeds_build / "graph.nq") == _quads(local_out / "graph.nq")


def test_dask_build_shards_merge_into_its_graph(dask_seeds_build: Path, tmp_path: Path) -> None:
    merged = tmp_path / "merged.nq"
    merge_shards(dask_seeds_build / "shards", merged)
    assert merged.read_bytes() == (dask_seeds_build / "graph.nq").read_bytes()


def test_dask_build_has_the_local_build_results(dask_seeds_build: Path, seeds_build) -> None:
    _, _, local_out = seeds_build
    dask_results = (dask_seeds_build / RESULTS_FILE).read_text(encoding="utf-8")
    assert dask_results == (local_out / RESULTS_FILE).read_text(encoding="utf-8")


# --- partitions and shards ---------------------------------------------------------


PARTITION = 2  # articles a partition in the sharded run


def _partitions(articles: list[Article]) -> list[tuple[Article, ...]]:
    return list(partitions(articles, max_articles=PARTITION, max_chars=10**9))


@pytest.fixture(scope="module")
def sharded_run(scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Article], list, Path]:
    """Seeds and the extra articles, two articles a partition, shards on."""
    articles = _articles(ROOT / "seeds", EXTRA)
    shard_dir = tmp_path_factory.mktemp("shards")
    run = extract_with_dask(iter(articles), scheduler, shard_dir=shard_dir, partition_articles=PARTITION, window=2)
    results = list(run)
    return articles, results, shard_dir


def _full_graph(results: list[ArticleResult]) -> KnowledgeGraph:
    return KnowledgeGraph.from_results(sorted(results, key=lambda r: r.article.article_id))


def test_results_come_back_in_input_order(sharded_run) -> None:
    articles, results, _ = sharded_run
    assert [r.article.article_id for r in results] == [a.article_id for a in articles]


def test_one_shard_per_partition(sharded_run) -> None:
    articles, _, shard_dir = sharded_run
    expected = {partition_shard_name(a.article_id for a in part) for part in _partitions(articles)}
    assert len(expected) == 4  # 7 articles, 2 a partition
    assert {p.name for p in shard_dir.iterdir()} == expected


def test_shards_and_the_default_graph_merge_into_the_build_graph(sharded_run, tmp_path: Path) -> None:
    _, results, shard_dir = sharded_run
    kg = _full_graph(results)
    merged_dir = tmp_path / "shards"
    merged_dir.mkdir()
    for shard in shard_dir.iterdir():
        (merged_dir / shard.name).write_bytes(shard.read_bytes())
    write_default_graph(kg, merged_dir)
    merge_shards(merged_dir, tmp_path / "graph.nq")
    assert (tmp_path / "graph.nq").read_text(encoding="utf-8") == to_nquads(kg)


@pytest.mark.xfail(
    strict=True,
    reason="graph.rdf.mapping writes corpus-wide values in the default graph (kg:mentionCount, kg:articleCount, "
    "the label merged over all articles and its label-variant aliases), so whole-partition graphs do not "
    "union to the build's; graph.build.engines.shards writes the default graph once instead (docs/distributed.md)",
)
def test_whole_partition_graphs_union_to_the_build_graph(sharded_run) -> None:
    articles, results, _ = sharded_run
    by_id = {r.article.article_id: r for r in results}
    union: set[ox.Quad] = set()
    for part in _partitions(articles):
        text = to_nquads(KnowledgeGraph.from_results(by_id[a.article_id] for a in part))
        union |= set(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    full = set(ox.parse(to_nquads(_full_graph(results)).encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    # Counted, not compared as sets: pytest's diff of two large sets takes minutes.
    missing, extra = len(full - union), len(union - full)
    assert (missing, extra) == (0, 0), f"{missing} quads of the build graph missing from the union, {extra} extra"


def test_the_extra_articles_name_one_entity_with_two_labels(sharded_run) -> None:
    # What makes the xfail above fail on labels, not only on counts.
    _, results, _ = sharded_run
    labels = {e.label for r in results for e in r.entities if e.entity_id == "organization/星河数智"}
    assert labels == {"星河数智有限公司", "星河数智科技"}


def test_an_article_that_fails_to_extract_is_a_problem(scheduler: str) -> None:
    # Bytes where the text should be: the extraction raises on the worker.
    broken = Article("broken", "broken.txt", "周鸿祎说。".encode(), "utf-8")
    results = list(extract_with_dask(iter([broken, _article("周鸿祎说。")]), scheduler))
    assert [type(r) for r in results] == [Problem, ArticleResult]
    assert results[0].path == "broken.txt" and results[0].reason.startswith("extraction failed")


# --- clusters started here, and errors ------------------------------------------------------


def _children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


def test_without_a_scheduler_a_local_cluster_runs_and_is_gone_after(sharded_run) -> None:
    _, shared_results, _ = sharded_run
    articles = _articles(EXTRA)
    before = _children()
    results = list(extract_with_dask(iter(articles)))
    assert results == [r for r in shared_results if r.article.source.startswith(str(EXTRA))]
    assert _children() <= before


def test_no_articles_start_no_cluster() -> None:
    # An address nobody listens on: connecting would fail.
    assert list(extract_with_dask(iter([]), "tcp://127.0.0.1:9", connect_timeout=1)) == []


def test_an_unreachable_scheduler_is_a_kg_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # a port of ours that accepts no connection
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
        with pytest.raises(KgError, match="cannot reach the Dask scheduler"):
            list(extract_with_dask(iter([_article("周鸿祎说。")]), address, connect_timeout=1))


def test_a_scheduler_without_workers_is_a_kg_error() -> None:
    with local_cluster(n_workers=0) as cluster, pytest.raises(KgError, match="has no worker"):
        list(extract_with_dask(iter([_article("周鸿祎说。")]), cluster.scheduler_address, connect_timeout=1))


def test_a_worker_without_the_model_is_a_kg_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_PKUSEG_MODEL", str(tmp_path / "no-model"))  # inherited by the worker processes
    with (
        local_cluster(n_workers=1) as cluster,
        pytest.raises(KgError, match=r"could not load the extraction pipeline.*pkuseg"),
    ):
        list(extract_with_dask(iter([_article("周鸿祎说。")]), cluster.scheduler_address))


@pytest.mark.parametrize(
    ("lengths", "max_articles", "max_chars", "expected"),
    [
        ([1, 1, 1, 1, 1], 2, 100, [2, 2, 1]),
        ([1, 1, 1], 5, 100, [3]),
        ([50, 60, 10, 10], 5, 100, [2, 2]),  # cut once 100 characters are reached
        ([500, 1], 5, 100, [1, 1]),  # a longer article is a partition of its own
        ([], 2, 100, []),
    ],
)
def test_partitions(lengths: list[int], max_articles: int, max_chars: int, expected: list[int]) -> None:
    articles = [_article(f"{i}" + "字" * (n - 1)) for i, n in enumerate(lengths)]
    parts = list(partitions(iter(articles), max_articles=max_articles, max_chars=max_chars))
    assert [len(p) for p in parts] == expected
    assert [a for p in parts for a in p] == articles

