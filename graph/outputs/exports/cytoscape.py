"""Cytoscape.js JSON (``.cyjs``), for Cytoscape.js pages, Cytoscape desktop and networkx.

``{"directed": true, "multigraph": true, "elements": {"nodes": [{"data":
{...}}], "edges": [{"data": {...}}]}}`` with the nodes and edges of
``to_property_graph``. Node data: ``id``, ``value`` (the id again: the node
key ``networkx.cytoscape_graph`` reads), ``name`` (the label: the column
Cytoscape desktop shows), ``label``, ``type`` and the other node attributes,
with ``aliases`` as a list. Edge data: ``id``, ``key`` (the id again: the
multigraph key that keeps two edges between one pair apart when networkx
reads the file), ``source``, ``target``, ``label`` and the other edge
attributes. ``directed`` and ``multigraph`` say what graph to rebuild; the
Cytoscape.js library ignores all three extras.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.core.atomic import write_text_atomic
from graph.core.knowledge import KnowledgeGraph
from graph.outputs.exports.property_graph import alias_lists, to_property_graph


def to_cytoscape(kg: KnowledgeGraph) -> dict[str, Any]:
    """The Cytoscape.js elements JSON of ``kg`` as a dict.

    Examples
    --------
    >>> from graph.core.knowledge import KnowledgeGraph
    >>> to_cytoscape(KnowledgeGraph())["elements"]
    {'nodes': [], 'edges': []}
    """
    graph = to_property_graph(kg)
    aliases = alias_lists(kg)
    nodes = [
        {"data": {"id": node, "value": node, "name": data["label"], **data, "aliases": aliases[node]}}
        for node, data in graph.nodes(data=True)
    ]
    edges = [
        {"data": {"id": key, "key": key, "source": source, "target": target, **data}}
        for source, target, key, data in graph.edges(keys=True, data=True)
    ]
    return {
        "format_version": "1.0",
        "generated_by": "kg export",
        "target_cytoscapejs_version": "~3",
        "data": {"name": "knowledge graph"},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cytoscape(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``kg`` as Cytoscape.js JSON at ``path`` (UTF-8, atomically)."""
    text = json.dumps(to_cytoscape(kg), ensure_ascii=False, indent=1)
    write_text_atomic(Path(path), text + "\n")
