"""SPARQL results as text: an aligned table, CSV, TSV, SPARQL JSON, RDF.

Used by ``kg query`` (all results, several output formats) and by the
SPARQL endpoint (results cut at a row limit, then serialized in the format
the client accepts). Oxigraph writes the standard formats; this module adds
the table for people and the row limit for the endpoint.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import BinaryIO, TypeVar

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

from graph.core.errors import QueryError
from graph.rdf.vocab import KGR, LEX, PREFIXES
from graph.serve.store import QueryResults, load_store, on_deep_stack, read_query_text, run_query

Term = NamedNode | BlankNode | Literal | Triple
_T = TypeVar("_T")

class OutputFormat(StrEnum):
    """How ``kg query`` writes results."""

    TABLE = "table"  # aligned columns; Turtle for CONSTRUCT/DESCRIBE
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"  # SPARQL 1.1 JSON results; JSON-LD for CONSTRUCT/DESCRIBE
    NT = "nt"  # N-Triples: CONSTRUCT/DESCRIBE only


OUTPUT_FORMATS = tuple(OutputFormat)

_RESULTS_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Prefixes for Turtle results: the vocabularies only, since IRIs of the data
# ("kgr:person\/周鸿祎") read worse as prefixed names than whole.
_VOCABULARY_PREFIXES = {p: ns for p, ns in PREFIXES.items() if ns not in (str(KGR), str(LEX))}

# A table cell longer than this many terminal columns is shortened with "…";
# csv, tsv and json always give values whole.
TABLE_CELL_WIDTH = 60


def _written(data: bytes | None) -> bytes:
    """pyoxigraph's ``serialize`` returns the bytes when it is given no output file (None only with one)."""
    if data is None:
        raise TypeError("serialize() wrote to a file instead of returning bytes")
    return data


def write_results(results: QueryResults, out: BinaryIO, *, output_format: str) -> None:
    """Write ``results`` to ``out`` (bytes) in ``output_format`` (an ``OutputFormat``).

    SELECT gives rows; ASK gives ``true``/``false`` (SPARQL JSON's boolean
    form with ``json``); CONSTRUCT/DESCRIBE give triples: Turtle for
    ``table``, N-Triples for ``nt``, JSON-LD for ``json`` and
    subject/predicate/object rows for ``csv`` and ``tsv``.
    """
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output_format!r}; known: {', '.join(OUTPUT_FORMATS)}")
    if isinstance(results, QueryTriples):
        out.write(_triples_bytes(results, output_format))
        return
    if output_format == OutputFormat.NT:
        raise QueryError("--format nt is for CONSTRUCT and DESCRIBE; SELECT and ASK give table, csv, tsv or json")
    if isinstance(results, QueryBoolean):
        if output_format == "json":
            out.write(_written(results.serialize(format=QueryResultsFormat.JSON)) + b"\n")
        else:
            out.write(b"true\n" if bool(results) else b"false\n")
    elif output_format == "table":
        names = [v.value for v in results.variables]
        out.write(render_table(names, iter_rows(results)).encode("utf-8"))
    else:
        out.write(_written(results.serialize(format=_RESULTS_FORMATS[output_format])))
        if output_format == "json":
            out.write(b"\n")


def write_query_results(graph: Path, query: str, out: BinaryIO, *, output_format: str) -> None:
    """``kg query``: run ``query`` (a string or a ``.rq`` file) on ``graph`` and write the results to ``out``.

    example: kg query output queries/people_titles.rq --format csv
    """
    text = read_query_text(query)
    store = load_store(graph)
    # Evaluation is lazy: writing the results runs the query, so both go on the deep stack.
    on_deep_stack(lambda: write_results(run_query(store, text), out, output_format=output_format))
    out.flush()


def _triples_bytes(triples: QueryTriples, output_format: str) -> bytes:
    if output_format == OutputFormat.JSON:
        return _written(serialize(triples, format=RdfFormat.JSON_LD)) + b"\n"
    if output_format == OutputFormat.TABLE:
        return _written(serialize(triples, format=RdfFormat.TURTLE, prefixes=_VOCABULARY_PREFIXES))
    if output_format == OutputFormat.NT:
        return _written(serialize(triples, format=RdfFormat.N_TRIPLES))
    # csv / tsv: the triples as ``SELECT ?subject ?predicate ?object`` would give them.
    names = ["subject", "predicate", "object"]
    rows = [[t.subject, t.predicate, t.object] for t in triples]
    solutions = parse_query_results(solutions_json(names, rows), format=QueryResultsFormat.JSON)
    return _written(solutions.serialize(format=_RESULTS_FORMATS[output_format]))


# --- Table ----------------------------------------------------------------------


def render_table(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> str:
    """An aligned text table; widths count East Asian wide characters as two columns.

    >>> print(render_table(["name", "n"], [[Literal("周鸿祎"), Literal("3")]]), end="")
    name   | n
    -------+--
    周鸿祎 | 3
    (1 row)
    """
    cells = [[display_term(term) for term in row] for row in rows]
    widths = [display_width(name) for name in variables]
    for row in cells:
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [_table_line(variables, widths), "-+-".join("-" * w for w in widths)]
    lines.extend(_table_line(row, widths) for row in cells)
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths, strict=True)]
    return " | ".join(padded).rstrip()


def display_term(term: Term | None) -> str:
    """A term as a person reads it in a table: a literal's text, a prefixed IRI, ``_:b``; unbound is empty."""
    if term is None:
        text = ""
    elif isinstance(term, Literal):
        text = term.value
    elif isinstance(term, NamedNode):
        text = compact_iri(term.value)
    elif isinstance(term, BlankNode):
        text = f"_:{term.value}"
    else:
        text = f"<< {display_term(term.subject)} {display_term(term.predicate)} {display_term(term.object)} >>"
    return _shorten(_one_line(text), TABLE_CELL_WIDTH)


def compact_iri(iri: str) -> str:
    """``kgr:person/周鸿祎`` for ``https://w3id.org/cnkg/id/person/周鸿祎``; other IRIs whole, in ``<>``."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _one_line(text: str) -> str:
    # Line breaks and tabs would break the table's rows and columns.
    return "".join("↵" if ch == "\n" else " " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _shorten(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    kept: list[str] = []
    used = 0
    for ch in text:
        used += char_width(ch)
        if used > width - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide and fullwidth (CJK), 0 for combining and format."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns of ``text``."""
    return sum(char_width(ch) for ch in text)


# --- Results cut at a row limit (the endpoint) ------------------------------------


@dataclass(frozen=True)
class SerializedResults:
    """Results as bytes in one media type, and whether the row limit cut them."""

    body: bytes
    media_type: str
    truncated: bool


def serialize_limited(
    results: QueryResults,
    *,
    results_format: QueryResultsFormat,
    graph_format: RdfFormat,
    max_rows: int,
) -> SerializedResults:
    """Serialize at most ``max_rows`` solutions (SELECT) or triples (CONSTRUCT/DESCRIBE).

    Results are read lazily and reading stops at the limit, so a query with
    endless results still ends. ``results_format`` is used for SELECT and
    ASK, ``graph_format`` for CONSTRUCT and DESCRIBE.
    """
    if isinstance(results, QueryBoolean):
        return SerializedResults(_written(results.serialize(format=results_format)), results_format.media_type, False)
    if isinstance(results, QueryTriples):
        triples, truncated = _take(results, max_rows)
        prefixes = _VOCABULARY_PREFIXES if graph_format == RdfFormat.TURTLE else None
        body = _written(serialize(triples, format=graph_format, prefixes=prefixes))
        return SerializedResults(body, graph_format.media_type, truncated)
    names = [v.value for v in results.variables]
    rows, truncated = _take(iter_rows(results), max_rows)
    body = solutions_json(names, rows)
    if results_format is not QueryResultsFormat.JSON:
        body = _written(parse_query_results(body, format=QueryResultsFormat.JSON).serialize(format=results_format))
    return SerializedResults(body, results_format.media_type, truncated)


def _take(items: Iterable[_T], limit: int) -> tuple[list[_T], bool]:
    taken = list(islice(items, limit + 1))
    return taken[:limit], len(taken) > limit


def solutions_json(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> bytes:
    """SPARQL 1.1 Query Results JSON for ``rows`` (one term or None per variable)."""
    bindings = [
        {name: _term_json(term) for name, term in zip(variables, row, strict=True) if term is not None}
        for row in rows
    ]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _term_json(term: Term) -> dict[str, object]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        encoded: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            encoded["datatype"] = term.datatype.value
        return encoded
    parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
    return {"type": "triple", "value": {k: _term_json(v) for k, v in parts.items()}}


def iter_rows(solutions: QuerySolutions) -> Iterator[list[Term | None]]:
    """Each solution as a list of terms in the order of ``solutions.variables``."""
    variables = list(solutions.variables)
    for row in solutions:
        yield [row[v] for v in variables]
