"""JSON-LD and N-Quads of the RDF dataset that ``graph.rdf.mapping`` builds.

Both carry the whole dataset (entities, memberships, quotations, articles,
provenance and mentions), one named graph per article, exactly as
``graph.rdf.mapping.to_dataset`` makes it; this module only serializes it, and makes
the text deterministic: the same graph gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.core.atomic import write_text_atomic
from graph.core.knowledge import KnowledgeGraph
from graph.rdf.files import to_nquads as rdf_nquads
from graph.rdf.mapping import to_dataset

# The compact @context: the profile's prefixes and the project's ontology,
# so keys read "schema:name" and types "schema:Person" rather than full IRIs.
JSONLD_CONTEXT: dict[str, str] = {
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "kg": "https://w3id.org/cnkg/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _sort_key(value: Any) -> tuple[str, str]:
    # Nodes by their @id first, so the file reads in a predictable order.
    node_id = value.get("@id", "") if isinstance(value, dict) else ""
    return node_id, json.dumps(value, ensure_ascii=False, sort_keys=True)


def _canonical_order(value: Any, *, key: str | None = None) -> Any:
    """``value`` with every unordered JSON-LD array sorted.

    Nodes, property values and graphs are sets in JSON-LD; rdflib emits them
    in store order, which can differ between runs. ``@list`` arrays keep
    their order.
    """
    if isinstance(value, dict):
        return {k: _canonical_order(v, key=k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_order(v) for v in value]
        return items if key == "@list" else sorted(items, key=_sort_key)
    return value


def _graph_nodes(graph: Graph, context: dict[str, str]) -> list[Any]:
    """The node objects of one graph, compacted with ``context``."""
    document: dict[str, Any] | list[Any] = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(document, list):
        return document
    if "@graph" in document:
        nodes: list[Any] = document["@graph"]
        return nodes
    node = {k: v for k, v in document.items() if k != "@context"}
    return [node] if node else []


def to_jsonld(kg: KnowledgeGraph, *, context: dict[str, str] | None = None) -> dict[str, Any]:
    """The dataset of ``kg`` as a compacted JSON-LD document (a dict).

    The default graph's nodes (the entities) stand at the top of ``@graph``;
    each named graph (one per article) is an object ``{"@id": graph IRI,
    "@graph": [...]}`` beside them. ``context`` (default ``JSONLD_CONTEXT``)
    is embedded as the ``@context``.
    """
    context = JSONLD_CONTEXT if context is None else context
    dataset = to_dataset(kg)
    default_id = dataset.default_graph.identifier
    default_nodes: list[Any] = []
    named_graphs: list[Any] = []
    # Each graph is serialized on its own: rdflib's dataset serializer would
    # put the default graph's triples in a named graph with a random blank id.
    for graph in dataset.graphs():
        plain = Graph()
        for triple in graph:
            plain.add(triple)
        if graph.identifier == default_id:
            default_nodes.extend(_graph_nodes(plain, context))
        elif len(plain):
            named_graphs.append({"@id": str(graph.identifier), "@graph": _graph_nodes(plain, context)})
    # Entities (the default graph) first, then one object per article graph.
    return {"@context": context, "@graph": _canonical_order(default_nodes) + _canonical_order(named_graphs)}


def write_jsonld(kg: KnowledgeGraph, path: Path, *, context: dict[str, str] | None = None) -> None:
    """Write the JSON-LD of ``kg`` to ``path`` (UTF-8, atomically)."""
    text = json.dumps(to_jsonld(kg, context=context), ensure_ascii=False, indent=1)
    write_text_atomic(Path(path), text + "\n")


def to_nquads(kg: KnowledgeGraph) -> str:
    """The dataset of ``kg`` as N-Quads, one statement a line, lines sorted: ``graph.nq`` of a build.

    The project's own writer (``graph.rdf.files.to_nquads``) escapes every control
    character and line separator; rdflib's leaves U+001C-U+001E, U+0085 and
    U+2028/U+2029 raw, where a line-based reader (``str.splitlines``) breaks.
    """
    return rdf_nquads(kg)


def write_nquads(kg: KnowledgeGraph, path: Path) -> None:
    """Write the N-Quads of ``kg`` to ``path`` (UTF-8, atomically)."""
    write_text_atomic(Path(path), to_nquads(kg))
