"""Serve: a build folder to answers to SPARQL (``kg query``, ``kg serve``).

In: a build folder or RDF file. Out: query results as tables, CSV, TSV,
SPARQL JSON, Turtle and N-Triples (``results``), from an Oxigraph store
(``store``), answered by worker processes (``pool``) over HTTP (``http``).
"""
