"""graph.rdf.sorted_runs, and the RDF writers that sort through it on disk."""

from __future__ import annotations

import filecmp

import pytest
from hypothesis import given
from hypothesis import strategies as st

import graph.rdf.serialize as rdf_text
import graph.rdf.sorted_runs as sorted_runs
from graph.rdf.files import write_nquads, write_trig, write_turtle
from graph.rdf.sorted_runs import sorted_unique


@given(st.lists(st.text(max_size=8)), st.integers(min_value=1, max_value=6))
def test_sorted_unique_is_sorted_set(items, run_size):
    assert list(sorted_unique(items, run_size=run_size)) == sorted(set(items))


@given(st.lists(st.tuples(st.text(max_size=3), st.integers())), st.integers(min_value=1, max_value=4))
def test_sorted_unique_orders_tuples_as_python_does(items, run_size):
    assert list(sorted_unique(iter(items), run_size=run_size)) == sorted(set(items))


@given(st.lists(st.lists(st.text(max_size=4), max_size=5)), st.integers(min_value=1, max_value=6))
def test_batches_added_with_extend_come_back_sorted_and_unique(batches, run_size):
    sort = sorted_runs.ExternalSort(run_size=run_size)
    for i, batch in enumerate(batches):
        sort.extend(batch) if i % 2 else [sort.add(item) for item in batch]
    assert list(sort) == sorted({item for batch in batches for item in batch})


def test_runs_spill_to_the_folder_and_leave_nothing(tmp_path):
    merged = sorted_unique((str(i) for i in range(1000, 0, -1)), run_size=100, workdir=tmp_path)
    first = next(merged)  # every run is on disk now, already unlinked
    assert first == "1"
    assert list(tmp_path.iterdir()) == []
    assert len([first, *merged]) == 1000


def test_run_size_must_be_positive():
    with pytest.raises(ValueError, match="run_size"):
        list(sorted_unique([1], run_size=0))


@pytest.mark.parametrize(
    ("name", "writer"), [("graph.ttl", write_turtle), ("graph.trig", write_trig), ("graph.nq", write_nquads)]
)
def test_writers_give_the_same_bytes_when_they_sort_on_disk(seeds_build, tmp_path, monkeypatch, name, writer):
    kg, _, out = seeds_build
    monkeypatch.setattr(sorted_runs, "RUN_SIZE", 37)  # hundreds of runs for the seeds' graph
    monkeypatch.setattr(rdf_text, "_ADD_BATCH", 10)  # statements reach the sort in small batches
    spill, runs = sorted_runs._spill, []
    monkeypatch.setattr(sorted_runs, "_spill", lambda items, workdir: runs.append(len(items)) or spill(items, workdir))
    writer(kg, tmp_path / name)
    assert len(runs) > 100 and max(runs) < 37 + 10
    assert filecmp.cmp(tmp_path / name, out / name, shallow=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no run file left beside it
