"""N-Quads shards: per-partition named graphs plus one default graph merge into graph.nq."""

from __future__ import annotations

from pathlib import Path

import pytest

import graph.build.engines.shards
from graph.build.engines.shards import (
    DEFAULT_GRAPH_SHARD,
    article_graphs_nquads,
    is_shard_name,
    merge_shards,
    partition_shard_name,
    remove_shards,
    shard_paths,
    write_default_graph,
    write_partition_shard,
)
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import ArticleResult
from graph.core.spool import RESULTS_FILE, iter_results


@pytest.fixture(scope="module")
def seeds(seeds_build) -> tuple[KnowledgeGraph, list[ArticleResult], Path]:
    kg, _, out = seeds_build
    return kg, list(iter_results(out / RESULTS_FILE)), out


def _write_shards(kg: KnowledgeGraph, results: list[ArticleResult], size: int, folder: Path) -> None:
    for i in range(0, len(results), size):
        part = results[i : i + size]
        write_partition_shard(folder, (r.article.article_id for r in part), article_graphs_nquads(part))
    write_default_graph(kg, folder)


@pytest.mark.parametrize("size", [1, 2, 5])
def test_merged_shards_are_graph_nq_byte_for_byte(seeds, tmp_path: Path, size: int) -> None:
    kg, results, out = seeds
    _write_shards(kg, results, size, tmp_path / "shards")
    merge_shards(tmp_path / "shards", tmp_path / "merged.nq")
    assert (tmp_path / "merged.nq").read_bytes() == (out / "graph.nq").read_bytes()


def test_merge_in_rounds_gives_the_same_bytes(seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kg, results, out = seeds
    _write_shards(kg, results, 1, tmp_path / "shards")  # 6 shards, merged two at a time
    monkeypatch.setattr(graph.build.engines.shards, "_MAX_OPEN", 2)
    lines = merge_shards(tmp_path / "shards", tmp_path / "merged.nq")
    expected = (out / "graph.nq").read_text(encoding="utf-8")
    assert (tmp_path / "merged.nq").read_text(encoding="utf-8") == expected
    assert lines == expected.count("\n")


def test_partition_shards_hold_no_default_graph(seeds) -> None:
    _, results, _ = seeds
    lines = article_graphs_nquads(results[:2]).splitlines()
    # N-Quads of a named graph end with "<graph IRI> ."; the default graph's end with the object.
    assert lines and all(line.endswith("/graph> .") for line in lines)


def test_merged_shards_without_their_default_graph_miss_only_the_default_graph(seeds, tmp_path: Path) -> None:
    kg, results, out = seeds
    _write_shards(kg, results, 2, tmp_path / "shards")
    (tmp_path / "shards" / DEFAULT_GRAPH_SHARD).unlink()
    merge_shards(tmp_path / "shards", tmp_path / "merged.nq")
    merged = set((tmp_path / "merged.nq").read_text(encoding="utf-8").splitlines())
    build = set((out / "graph.nq").read_text(encoding="utf-8").splitlines())
    assert merged < build
    assert all(not line.endswith("/graph> .") for line in build - merged)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (["a", "b"], ["b", "a"], True),
        (["a", "b"], ["a", "b", "c"], False),
        (["a"], ["b"], False),
    ],
)
def test_shard_name_depends_on_the_set_of_articles_only(first: list[str], second: list[str], same: bool) -> None:
    assert (partition_shard_name(first) == partition_shard_name(second)) is same


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (partition_shard_name(["x"]), True),
        (DEFAULT_GRAPH_SHARD, True),
        ("graph.nq", False),
        ("articles-0123.nq", False),
        (".articles-0123456789abcdef.nq.1a2b.tmp", False),
    ],
)
def test_is_shard_name(name: str, expected: bool) -> None:
    assert is_shard_name(name) is expected


def test_remove_shards_leaves_other_files(tmp_path: Path) -> None:
    write_partition_shard(tmp_path, ["x"], "")
    (tmp_path / DEFAULT_GRAPH_SHARD).write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert remove_shards(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert shard_paths(tmp_path) == []


def test_an_unsorted_shard_is_refused(tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    write_partition_shard(tmp_path / "shards", ["x"], "<urn:b> <urn:p> <urn:o> .\n<urn:a> <urn:p> <urn:o> .\n")
    with pytest.raises(ValueError, match="not sorted"):
        merge_shards(tmp_path / "shards", tmp_path / "merged.nq")
    assert not (tmp_path / "merged.nq").exists()
