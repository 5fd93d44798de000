"""Validate a knowledge graph against the SHACL shapes of ontology/shapes.ttl.

The shapes follow links between the default graph (entities, roles) and the
article graphs (facts, mentions), so a dataset is validated as the union of
its graphs. pyshacl is a test dependency (pyproject ``[test]``): it is
imported only when ``validate`` runs.

>>> conforms, report = validate("output/graph.ttl")  # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph

from graph.rdf.vocab import SHAPES_FILE, ontology_path

_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """ontology/shapes.ttl, parsed once. Do not modify the returned graph."""
    return Graph().parse(ontology_path(SHAPES_FILE), format="turtle")


def _union(data: Graph | Dataset | str | Path) -> Graph:
    """One graph holding every triple of ``data`` (a graph, a dataset or an RDF file)."""
    if isinstance(data, (str, Path)):
        path = Path(data)
        fmt = _FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ValueError(f"{path}: unknown RDF format (use one of {', '.join(sorted(_FORMATS))})")
        dataset = Dataset()
        dataset.parse(path, format=fmt)
        data = dataset
    union = Graph()
    if isinstance(data, Dataset):
        union.addN((s, p, o, union) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        union.addN((s, p, o, union) for s, p, o in data)
    return union


def validate(data: Graph | Dataset | str | Path) -> tuple[bool, str]:
    """``(conforms, report text)`` of ``data`` against the project's shapes.

    Warnings (a membership without a role) are reported but do not make the
    graph non-conforming; violations do.
    """
    import pyshacl  # test dependency; only validation needs it

    conforms, _, text = pyshacl.validate(
        _union(data),
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
    )
    return bool(conforms), str(text)
