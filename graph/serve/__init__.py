"""Serve: a build folder to answers to SPARQL (``kg query``, ``kg serve``).

In: a build folder or RDF file. Out: query results as tables, CSV, TSV,
SPARQL JSON, Turtle and N-Triples (``results``), from an Oxigraph store
(``store``, with short syntax error messages from ``diagnose``), answered by
worker processes (``pool``) over HTTP (``http``), which also serves a query
page (``query_page``) and the build's files (``downloads``).
"""
