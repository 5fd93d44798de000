"""GraphML with typed attributes, for Gephi, Cytoscape, yEd and networkx.

Nodes and edges are those of ``to_property_graph``; GraphML keys carry the
attribute types (``long``, ``double``, ``boolean``, ``string``), so counts
stay numbers when Gephi or Cytoscape read the file. Edge ids are the stable
ids of the projection.
"""

from __future__ import annotations

from pathlib import Path

from networkx.readwrite.graphml import GraphMLWriter

from graph.core.atomic import write_text_atomic
from graph.core.knowledge import KnowledgeGraph
from graph.outputs.exports.property_graph import to_property_graph
from graph.outputs.exports.xml_text import xml_document


def to_graphml(kg: KnowledgeGraph) -> str:
    """The GraphML document of ``kg`` as text.

    Examples
    --------
    >>> from graph.core.knowledge import KnowledgeGraph
    >>> print(to_graphml(KnowledgeGraph()).splitlines()[0])
    <?xml version="1.0" encoding="utf-8"?>
    """
    writer = GraphMLWriter(encoding="utf-8", prettyprint=False)
    writer.add_graph_element(to_property_graph(kg))
    return xml_document(writer.xml)


def write_graphml(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``kg`` as a GraphML file at ``path`` (atomically)."""
    write_text_atomic(Path(path), to_graphml(kg))
