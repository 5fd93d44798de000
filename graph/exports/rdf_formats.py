"""JSON-LD and N-Quads of the RDF dataset that ``graph.rdf`` builds.

Both carry the whole dataset (entities, memberships, quotations, articles,
provenance and mentions), one named graph per article, exactly as
``graph.rdf.to_dataset`` makes it; this module only serializes it, and makes
the text deterministic: the same graph gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.exports.atomic import write_text_atomic
from graph.knowledge import KnowledgeGraph

if TYPE_CHECKING:
    from rdflib import Dataset

# The compact @context: the profile's prefixes (docs/rdf-profile.md) and the
# project's ontology, so keys read "schema:name", not full IRIs.
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


def _dataset(kg: KnowledgeGraph) -> Dataset:
    # Imported here: rdflib and the RDF mapping cost a second to load, and
    # the property-graph formats do not need them.
    from graph.rdf import to_dataset

    return to_dataset(kg)


def _sort_key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


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


def to_jsonld(kg: KnowledgeGraph, *, context: dict[str, str] | None = None) -> dict[str, Any]:
    """The dataset of ``kg`` as a compacted JSON-LD document (a dict).

    ``context`` (default ``JSONLD_CONTEXT``) is embedded as the ``@context``.
    """
    context = JSONLD_CONTEXT if context is None else context
    text = _dataset(kg).serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    if isinstance(document, list):  # rdflib gives a bare list when nothing compacts
        document = {"@context": context, "@graph": document}
    body = _canonical_order({k: v for k, v in document.items() if k != "@context"})
    return {"@context": context, **body}


def write_jsonld(kg: KnowledgeGraph, path: Path, *, context: dict[str, str] | None = None) -> None:
    """Write the JSON-LD of ``kg`` to ``path`` (UTF-8, atomically)."""
    text = json.dumps(to_jsonld(kg, context=context), ensure_ascii=False, indent=1)
    write_text_atomic(Path(path), text + "\n")


def to_nquads(kg: KnowledgeGraph) -> str:
    """The dataset of ``kg`` as N-Quads, one statement a line, lines sorted."""
    text = _dataset(kg).serialize(format="nquads")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "".join(line + "\n" for line in lines)


def write_nquads(kg: KnowledgeGraph, path: Path) -> None:
    """Write the N-Quads of ``kg`` to ``path`` (UTF-8, atomically)."""
    write_text_atomic(Path(path), to_nquads(kg))
