"""Exports of a build for other graph tools: ``kg export DIR --to FORMAT --out PATH``.

Each format is a pure ``to_x(kg)`` that returns the data and a thin
``write_x(kg, path)`` that writes it atomically:

========= ================================ ========================================
format    writer                           for
========= ================================ ========================================
graphml   ``graphml.write_graphml``        Gephi, Cytoscape, yEd, networkx
gexf      ``gexf.write_gexf``              Gephi
cytoscape ``cytoscape.write_cytoscape``    Cytoscape.js, Cytoscape desktop
neo4j     ``neo4j.write_neo4j``            neo4j-admin import, LOAD CSV (a folder)
jsonld    ``rdf_formats.write_jsonld``     JSON-LD tools, triple stores
nquads    ``rdf_formats.write_nquads``     triple stores (one graph per article)
parquet   ``parquet.write_parquet``        DuckDB, pandas, polars (a folder of tables)
========= ================================ ========================================

The first four share one property-graph projection
(``property_graph.to_property_graph``); jsonld and nquads serialize the RDF
dataset of ``graph.rdf.mapping``; parquet writes the records themselves as
tables. See docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.core.errors import UnknownExportFormatError
from graph.core.knowledge import KnowledgeGraph
from graph.core.spool import load_knowledge_graph
from graph.outputs.exports.cytoscape import to_cytoscape, write_cytoscape
from graph.outputs.exports.gexf import to_gexf, write_gexf
from graph.outputs.exports.graphml import to_graphml, write_graphml
from graph.outputs.exports.neo4j import to_neo4j, write_neo4j
from graph.outputs.exports.parquet import to_parquet_tables, write_parquet
from graph.outputs.exports.property_graph import to_property_graph
from graph.outputs.exports.rdf_formats import (
    to_jsonld,
    to_nquads,
    write_jsonld,
    write_nquads,
)

__all__ = [
    "EXPORT_FORMATS",
    "ExportFormat",
    "UnknownExportFormatError",
    "export_build",
    "export_format",
    "to_cytoscape",
    "to_gexf",
    "to_graphml",
    "to_jsonld",
    "to_neo4j",
    "to_nquads",
    "to_parquet_tables",
    "to_property_graph",
    "write_cytoscape",
    "write_gexf",
    "write_graphml",
    "write_jsonld",
    "write_neo4j",
    "write_nquads",
    "write_parquet",
]



@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, writer and whether ``--out`` is a folder."""

    name: str
    write: Callable[[KnowledgeGraph, Path], None]
    writes_folder: bool = False


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("graphml", write_graphml),
        ExportFormat("gexf", write_gexf),
        ExportFormat("jsonld", write_jsonld),
        ExportFormat("nquads", write_nquads),
        ExportFormat("neo4j", write_neo4j, writes_folder=True),
        ExportFormat("cytoscape", write_cytoscape),
        ExportFormat("parquet", write_parquet, writes_folder=True),
    )
}


def export_format(name: str) -> ExportFormat:
    """The format called ``name``, or ``UnknownExportFormatError``."""
    try:
        return EXPORT_FORMATS[name]
    except KeyError:
        known = ", ".join(EXPORT_FORMATS)
        raise UnknownExportFormatError(f"unknown export format {name!r}; choose one of: {known}") from None


def export_build(build_dir: Path, *, to: str, out: Path) -> ExportFormat:
    """Export the build in ``build_dir`` as format ``to`` to ``out``; return the format used.

    ``out`` is a file, or for ``neo4j`` a folder. Raises ``KgError`` subclasses
    for an unknown format, a folder that is not a build, or an unusable
    ``out``.

    Example: ``kg export output --to graphml --out graph.graphml``.
    """
    export = export_format(to)
    kg = load_knowledge_graph(Path(build_dir))
    export.write(kg, Path(out))
    return export
