"""GEXF 1.2 with typed attributes, Gephi's own format.

Nodes and edges are those of ``to_property_graph``. GEXF gives ``label`` its
own XML attribute on nodes and edges and the stable edge id the edge's ``id``;
the other attributes are typed ``attvalue``s. networkx's writer also copies
each multigraph key into an extra ``networkx_key`` column; the key is the edge
id already, so that column is dropped rather than shown twice in Gephi.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graph.core.atomic import write_text_atomic
from graph.core.knowledge import KnowledgeGraph
from graph.outputs.exports.property_graph import to_property_graph
from graph.outputs.exports.xml_text import xml_document

GEXF_VERSION = "1.2draft"
CREATOR = "kg export (networkx GEXF writer)"
# The column networkx's GEXF writer makes from a multigraph's edge keys.
NETWORKX_KEY = "networkx_key"


def _with_edge_ids(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    # The GEXF writer numbers edges 0, 1, ... unless an edge has an "id".
    graph = graph.copy()
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key
    return graph


def _drop_edge_attribute(gexf: Element, title: str) -> None:
    """Remove the edge attribute column ``title`` and every value of it."""
    graph = gexf.find("graph")
    declarations = None if graph is None else graph.find("attributes[@class='edge']")
    if graph is None or declarations is None:
        return
    for declaration in declarations.findall(f"attribute[@title='{title}']"):
        declarations.remove(declaration)
        for values in graph.iterfind("edges/edge/attvalues"):
            for value in values.findall(f"attvalue[@for='{declaration.get('id')}']"):
                values.remove(value)
    if not len(declarations):
        graph.remove(declarations)


def to_gexf(kg: KnowledgeGraph) -> str:
    """The GEXF document of ``kg`` as text.

    Examples
    --------
    >>> from graph.core.knowledge import KnowledgeGraph
    >>> print(to_gexf(KnowledgeGraph()).splitlines()[1][:5])
    <gexf
    """
    writer = GEXFWriter(encoding="utf-8", prettyprint=False, version=GEXF_VERSION)
    writer.add_graph(_with_edge_ids(to_property_graph(kg)))
    _drop_edge_attribute(writer.xml, NETWORKX_KEY)
    # networkx stamps today's date into <meta>; drop it so equal graphs give
    # equal files (the attribute is optional in GEXF).
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = CREATOR
    return xml_document(writer.xml)


def write_gexf(kg: KnowledgeGraph, path: Path) -> None:
    """Write ``kg`` as a GEXF file at ``path`` (atomically)."""
    write_text_atomic(Path(path), to_gexf(kg))
