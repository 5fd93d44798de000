"""N-Quads shards of a build: one file per partition of articles, merged by union.

The dataset of a build (``graph.rdf.mapping.iter_quads``) has two parts that behave
differently when it is cut into partitions:

* the **named graph of an article** depends on that article's result alone,
  so the named graphs of disjoint partitions are disjoint and their union is
  exactly the build's named graphs;
* the **default graph** describes each entity over the whole corpus: its
  ``kg:mentionCount`` and ``kg:articleCount``, and the label that
  ``KnowledgeGraph`` merges across articles (the shortest name any article
  used; the others become ``label-variant`` aliases). A partition sees only
  its own articles, so its default graph gives other counts and labels, and
  the union of such graphs holds several counts and labels per entity.

So a partition's shard holds only its articles' named graphs, and the
default graph is written once, from the merged graph, as one more shard
(``DEFAULT_GRAPH_SHARD``). The union of all the shards of a build is then the
build's ``graph.nq``, statement for statement, and ``merge_shards`` writes it
byte for byte (every shard is sorted, as ``graph.nq`` is).

Shard names are derived from the article ids they hold, never from a counter,
so a shard written again for the same partition replaces itself, and shards
of different runs (``kg build --update``) do not overwrite each other.
"""

from __future__ import annotations

import heapq
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.core.atomic import atomic_file
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import ArticleResult, stable_hash
from graph.rdf.mapping import iter_quads
from graph.rdf.serialize import to_nquads

SHARDS_DIR = "shards"
DEFAULT_GRAPH_SHARD = "default-graph.nq"
_PARTITION_SHARD = re.compile(r"articles-[0-9a-f]{16}\.nq")
_MAX_OPEN = 256  # files merged at once, well under the usual limit of 1024


def article_graphs_nquads(results: Iterable[ArticleResult]) -> str:
    """The named graphs of these articles as sorted N-Quads (a partition's shard)."""
    kg = KnowledgeGraph.from_results(results)
    return to_nquads(quad for quad in iter_quads(kg) if quad[3] is not None)


def default_graph_nquads(kg: KnowledgeGraph) -> str:
    """The default graph of the whole build (entities, counts, roles) as sorted N-Quads."""
    return to_nquads(quad for quad in iter_quads(kg) if quad[3] is None)


def partition_shard_name(article_ids: Iterable[str]) -> str:
    """``articles-<hash of the sorted ids>.nq``: the same articles, the same name."""
    return f"articles-{stable_hash(*sorted(article_ids))}.nq"


def is_shard_name(name: str) -> bool:
    """Whether ``name`` is a file name this module writes in a shard folder."""
    return name == DEFAULT_GRAPH_SHARD or _PARTITION_SHARD.fullmatch(name) is not None


def write_partition_shard(shard_dir: Path, article_ids: Iterable[str], nquads: str) -> Path:
    """Write one partition's N-Quads atomically into ``shard_dir``; return its path."""
    path = Path(shard_dir) / partition_shard_name(article_ids)
    with atomic_file(path) as tmp:
        _write_lines(tmp, [nquads])
    return path


def write_default_graph(kg: KnowledgeGraph, shard_dir: Path) -> Path:
    """Write the default graph of the whole build as the shard ``DEFAULT_GRAPH_SHARD``."""
    path = Path(shard_dir) / DEFAULT_GRAPH_SHARD
    with atomic_file(path) as tmp:
        _write_lines(tmp, [default_graph_nquads(kg)])
    return path


def shard_paths(shard_dir: Path) -> list[Path]:
    """The shards in ``shard_dir``, sorted by name; other files are ignored."""
    folder = Path(shard_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and is_shard_name(p.name))


def remove_shards(shard_dir: Path) -> int:
    """Delete the shards of an earlier build in ``shard_dir`` (only those); return how many."""
    paths = shard_paths(shard_dir)
    for path in paths:
        path.unlink()
    return len(paths)


def _sorted_lines(path: Path) -> Iterator[str]:
    previous = ""
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            if line < previous:
                raise ValueError(f"{path} is not sorted; was it written by graph.build.engines.shards?")
            previous = line
            yield line


def iter_union(paths: Iterable[Path]) -> Iterator[str]:
    """The N-Quads lines of all ``paths``, sorted, each once.

    A streaming k-way merge: memory holds one line per file, whatever the
    size of the shards.
    """
    last = None
    for line in heapq.merge(*(_sorted_lines(Path(p)) for p in paths)):
        if line != last:
            yield line
            last = line


def merge_shards(shard_dir: Path, out: Path) -> int:
    """Write the union of the shards in ``shard_dir`` to ``out`` atomically; return its line count.

    With the shards of one build, ``out`` is that build's ``graph.nq`` byte for byte.
    """
    paths = shard_paths(shard_dir)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=Path(out).parent, prefix=".merge-") as scratch:
        # Merge at most _MAX_OPEN files at a time, so any number of shards fits the open-file limit.
        round_number = 0
        while len(paths) > _MAX_OPEN:
            round_number += 1
            groups = [paths[i : i + _MAX_OPEN] for i in range(0, len(paths), _MAX_OPEN)]
            paths = [Path(scratch) / f"{round_number}-{i}.nq" for i in range(len(groups))]
            for group, path in zip(groups, paths):
                _write_lines(path, iter_union(group))
        with atomic_file(Path(out)) as tmp:
            return _write_lines(tmp, iter_union(paths))


def _write_lines(path: Path, lines: Iterable[str]) -> int:
    """Write ``lines`` to a new file, flushed to disk; return how many there were."""
    count = 0
    with path.open("x", encoding="utf-8", newline="") as fh:
        for line in lines:
            fh.write(line)
            count += 1
        fh.flush()
        os.fsync(fh.fileno())
    return count
