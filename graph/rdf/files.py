"""The RDF files of a build (graph.ttl, graph.trig, graph.nq) and their text.

The writers stream: statements are sorted on disk beside the output
(``graph.rdf.sorted_runs``), so a build of any size is written in bounded
memory, and each file appears whole or not at all.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from graph.core.atomic import atomic_text_stream
from graph.core.knowledge import KnowledgeGraph
from graph.rdf.mapping import iter_quads
from graph.rdf.serialize import to_nquads as _nquads_text
from graph.rdf.serialize import to_trig as _trig_text
from graph.rdf.serialize import to_turtle as _turtle_text
from graph.rdf.serialize import write_nquads_to as _write_nquads
from graph.rdf.serialize import write_rdf as _write_rdf
from graph.rdf.serialize import write_trig_to as _write_trig
from graph.rdf.serialize import write_turtle_to as _write_turtle
from graph.rdf.vocab import (
    KGR,
    PREFIXES,
)


def to_turtle(kg: KnowledgeGraph) -> str:
    """Turtle of the union of all graphs; the same graph always gives the same text."""
    return _turtle_text(iter_quads(kg), prefixes=PREFIXES, base=str(KGR))


def to_trig(kg: KnowledgeGraph) -> str:
    """TriG: the default graph, then one named graph per article, sorted."""
    return _trig_text(iter_quads(kg), prefixes=PREFIXES, base=str(KGR))


def to_nquads(kg: KnowledgeGraph) -> str:
    """N-Quads, one statement a line, sorted."""
    return _nquads_text(iter_quads(kg))


# The writers stream: statements are sorted on disk beside the output
# (graph.rdf.sorted_runs), so a build of any size is written in bounded memory.


def write_rdf_files(
    kg: KnowledgeGraph, *, turtle: Path | None = None, trig: Path | None = None, nquads: Path | None = None
) -> None:
    """Any of ``graph.ttl``, ``graph.trig`` and ``graph.nq`` of a build, each
    atomically, from one pass over the statements (the same bytes as the three
    writers below)."""
    paths = [Path(path) for path in (turtle, trig, nquads) if path is not None]
    if not paths:
        return
    with ExitStack() as files:
        turtle_fh, trig_fh, nquads_fh = (
            files.enter_context(atomic_text_stream(Path(path))) if path is not None else None
            for path in (turtle, trig, nquads)
        )
        _write_rdf(
            iter_quads(kg),
            turtle=turtle_fh,
            trig=trig_fh,
            nquads=nquads_fh,
            prefixes=PREFIXES,
            base=str(KGR),
            workdir=paths[0].parent,
        )


def write_turtle(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``to_turtle(kg)`` to ``path`` atomically."""
    with atomic_text_stream(path) as fh:
        _write_turtle(fh, iter_quads(kg), prefixes=PREFIXES, base=str(KGR), workdir=Path(path).parent)


def write_trig(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``to_trig(kg)`` to ``path`` atomically."""
    with atomic_text_stream(path) as fh:
        _write_trig(fh, iter_quads(kg), prefixes=PREFIXES, base=str(KGR), workdir=Path(path).parent)


def write_nquads(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``to_nquads(kg)`` to ``path`` atomically."""
    with atomic_text_stream(path) as fh:
        _write_nquads(fh, iter_quads(kg), workdir=Path(path).parent)
