"""Deterministic text for RDF: N-Quads, Turtle and TriG, the same bytes every run.

rdflib's writers emit subjects, graphs and objects in store order, which may
change with insertion order or between runs; these writers sort everything by
the N-Triples form of its terms. No blank nodes are expected (the graph's
IRIs are all deterministic); one met is written with its rdflib id.

Escaping follows canonical N-Triples (``\\"``, ``\\\\``, ``\\n``, ``\\r``,
``\\t``, ``\\b``, ``\\f``; other control characters as ``\\uXXXX``), which is
valid in every one of the three formats. Lone surrogates cannot be written in
UTF-8 and become U+FFFD. An IRI holding a character that no IRI may hold is a
bug upstream and raises ``ValueError``.

>>> from rdflib import Dataset, Literal, URIRef
>>> ds = Dataset()
>>> ds.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("x\\n")))
<Graph identifier=... (<class 'rdflib.graph.Dataset'>)>
>>> to_nquads(ds)
'<https://example.org/a> <https://example.org/p> "x\\\\n" .\\n'
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from typing import IO, Generic, TypeVar

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from graph.rdf.sorted_runs import ExternalSort

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_TYPE_NT = f"<{_RDF_TYPE}>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"

_ECHARS = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f\ud800-\udfff]')
# Characters an IRIREF may not hold (RDF 1.1 N-Triples / Turtle grammar).
_BAD_IRI_CHAR = re.compile(r'[\x00-\x20<>"{}|^`\\\ud800-\udfff]')

# Bare Turtle forms of the numeric and boolean literals (their lexical forms
# must match the Turtle productions exactly to be written without a datatype).
_BARE_FORMS = {
    _XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    _XSD + "boolean": re.compile(r"true|false"),
}

# A prefixed name's local part we are willing to write: a conservative subset
# of Turtle's PN_LOCAL (ASCII letters, digits, '_' and '-'; no dots).
_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

CACHE_LIMIT = 100_000  # rendered terms kept per writer
_T = TypeVar("_T")


def _escape_char(ch: str) -> str:
    if ch in _ECHARS:
        return _ECHARS[ch]
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return f"\\u{ord(ch):04X}"


# Every character _NEEDS_ESCAPE finds, with its escape: one str.translate
# pass rather than a Python call per character (long texts are full of them).
_ESCAPE_TABLE = {
    code: _escape_char(chr(code)) for code in (*range(0x20), 0x22, 0x5C, 0x7F, *range(0xD800, 0xE000))
}


def escape_string(text: str) -> str:
    """``text`` as the body of a double-quoted N-Triples / Turtle string."""
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


def _iri(iri: str) -> str:
    bad = _BAD_IRI_CHAR.search(iri)
    if bad:
        raise ValueError(f"not a valid IRI (character {bad.group(0)!r}): {iri!r}")
    return f"<{iri}>"


def nt_term(term: Node) -> str:
    """The N-Triples form of an IRI, literal or blank node."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        body = f'"{escape_string(str(term))}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{body}^^{_iri(str(term.datatype))}"
        return body
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"cannot write {term!r} as RDF")


Quad = tuple[Node, Node, Node, Node | None]
# What the writers take: an rdflib dataset or graph, or (s, p, o, graph name
# or None for the default graph) tuples, repeats allowed.
RdfData = Dataset | Graph | Iterable[Quad]


def _quads(data: RdfData) -> Iterable[Quad]:
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            # rdflib names the default graph urn:x-rdflib:default; it has no name in the files.
            yield s, p, o, (None if g == DATASET_DEFAULT_GRAPH_ID else g)
    elif isinstance(data, Graph):
        for s, p, o in data:
            yield s, p, o, None
    else:
        yield from data


def write_nquads_to(out: IO[str], data: RdfData, *, workdir: Path | None = None) -> None:
    """N-Quads of ``data`` into ``out``, one statement a line, lines sorted and unique."""
    write_rdf(data, nquads=out, prefixes={}, workdir=workdir)


def to_nquads(data: RdfData) -> str:
    """N-Quads of ``data``, one statement a line, lines sorted and unique."""
    out = io.StringIO()
    write_nquads_to(out, data)
    return out.getvalue()


class _BoundedCache(Generic[_T]):
    """``render(term)`` remembered for the terms met lately: entity and
    predicate IRIs recur on every line, while the many one-off literals must
    not pile up for the length of a large build."""

    def __init__(self, render: Callable[[Node], _T], limit: int = CACHE_LIMIT) -> None:
        self._render = render
        self._limit = limit
        self._cache: dict[object, _T] = {}

    def __call__(self, term: Node) -> _T:
        # An IRI is keyed by its plain string: hashed and compared in C, where
        # an rdflib term compares in Python. Literals are keyed as themselves.
        key = str(term) if type(term) is URIRef else term
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= self._limit:
                self._cache.clear()
            found = self._cache[key] = self._render(term)
        return found


class _TurtleTerms:
    """Turtle forms of terms: prefixed names, relative IRIs, bare numbers."""

    def __init__(self, prefixes: Mapping[str, str], base: str | None) -> None:
        # Longest namespace first, so the most specific prefix wins.
        self._prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._base = base
        # (N-Triples form, Turtle form): the first is the sort key of every level of a block.
        self.forms = _BoundedCache(lambda term: (nt_term(term), self._render(term)))

    def nt(self, term: Node) -> str:
        return self.forms(term)[0]

    def __call__(self, term: Node) -> str:
        return self.forms(term)[1]

    def _render(self, term: Node) -> str:
        if isinstance(term, URIRef):
            return self._iri(str(term))
        if isinstance(term, Literal) and not term.language and term.datatype is not None:
            datatype = str(term.datatype)
            bare = _BARE_FORMS.get(datatype)
            lexical = str(term)
            if bare is not None and bare.fullmatch(lexical):
                return lexical
            if datatype != _XSD_STRING:
                return f'"{escape_string(lexical)}"^^{self._iri(datatype)}'
        return nt_term(term)

    def _iri(self, iri: str) -> str:
        for prefix, namespace in self._prefixes:
            if iri.startswith(namespace) and _SAFE_LOCAL.fullmatch(iri[len(namespace) :]):
                return f"{prefix}:{iri[len(namespace):]}"
        if self._base and iri.startswith(self._base):
            relative = iri[len(self._base) :]
            if _resolves_back(relative):
                return _iri(relative)
        return _iri(iri)


def _resolves_back(relative: str) -> bool:
    """True when ``relative`` resolved against the base gives base + relative.

    A leading '/' or '//', a ':' (read as a scheme), '?' or '#', or a '.' /
    '..' segment would change meaning on resolution.
    """
    if not relative or relative[0] in "/?#" or ":" in relative.split("/", 1)[0]:
        return False
    path = relative.split("?", 1)[0].split("#", 1)[0]
    return not any(segment in (".", "..") for segment in path.split("/"))


def _header(prefixes: Mapping[str, str], base: str | None) -> list[str]:
    lines = [f"@prefix {prefix}: {_iri(namespace)} ." for prefix, namespace in prefixes.items()]
    if base:
        lines.append(f"@base {_iri(base)} .")
    return lines


# One statement ready to be written, its fields in the order of a Turtle
# block: N-Triples of s, predicate order, N-Triples of o, Turtle of s, verb,
# Turtle of o; TriG puts the graph's sort key and Turtle name in front.
# The fields are joined by NUL, which no field holds (the forms escape it)
# and which sorts below every other character: the joined strings sort as
# the tuples of fields would (subjects, then rdf:type first, then predicates
# by IRI, then objects), but compare in C and take a single object each.
_SEP = "\x00"


def _blocks(statements: Iterable[list[str]], indent: str) -> Iterator[str]:
    """Subject blocks ``s p o, o ; p o .`` from sorted, unique statements (as field lists)."""
    for _, about in groupby(statements, key=itemgetter(0)):
        rows = list(about)
        parts = [
            f"{same[0][4]} " + ", ".join(row[5] for row in same)
            for same in (list(group) for _, group in groupby(rows, key=itemgetter(1)))
        ]
        yield f"{indent}{rows[0][3]} " + f" ;\n{indent}    ".join(parts) + " ."


def _write_joined(out: IO[str], parts: Iterable[str], separator: str) -> None:
    for i, part in enumerate(parts):
        if i:
            out.write(separator)
        out.write(part)


def write_rdf(
    data: RdfData,
    *,
    turtle: IO[str] | None = None,
    trig: IO[str] | None = None,
    nquads: IO[str] | None = None,
    prefixes: Mapping[str, str],
    base: str | None = None,
    workdir: Path | None = None,
) -> None:
    """Turtle, TriG and N-Quads of ``data``, each into its stream when given,
    from one pass over the statements.

    Each format sorts its own way (Turtle by subject over the union of the
    graphs, TriG by graph then subject, N-Quads by line), on disk when the
    statements are many (``graph.rdf.sorted_runs``), so memory holds a run of
    them, not the whole graph; the terms are rendered once for all three.
    """
    term = _TurtleTerms(prefixes, base)
    turtle_sort, trig_sort, nquads_sort = (
        ExternalSort(workdir=workdir) if out is not None else None for out in (turtle, trig, nquads)
    )
    forms = term.forms
    graph: Node | None = None
    graph_nt, graph_turtle = "", ""
    subject: Node | None = None
    s_nt = s_turtle = ""
    # Statements wait in lists and join the sorts a batch at a time (set.update in C).
    turtle_batch: list[str] = []
    trig_batch: list[str] = []
    nquads_batch: list[str] = []
    pending = 0
    try:
        for s, p, o, g in _quads(data):
            if s is not subject:  # a subject's statements mostly come together
                subject = s
                s_nt, s_turtle = forms(s)
            p_nt, p_turtle = forms(p)
            o_nt, o_turtle = forms(o)
            if g is not graph:  # an article's statements share one graph name
                graph = g
                graph_nt, graph_turtle = forms(g) if g is not None else ("", "")
            # Statement order in a block: subject, then rdf:type first (as "a"), then predicate IRI, then object.
            if p_nt == _RDF_TYPE_NT:
                statement = _SEP.join((s_nt, "0", o_nt, s_turtle, "a", o_turtle))
            else:
                statement = _SEP.join((s_nt, "1" + p_nt[1:-1], o_nt, s_turtle, p_turtle, o_turtle))
            if turtle_sort is not None:
                turtle_batch.append(statement)
            if trig_sort is not None:
                trig_batch.append(_SEP.join(("", "", statement) if g is None else ("1" + graph_nt, graph_turtle, statement)))
            if nquads_sort is not None:
                nquads_batch.append(f"{s_nt} {p_nt} {o_nt} {graph_nt} .\n" if g is not None else f"{s_nt} {p_nt} {o_nt} .\n")
            pending += 1
            if pending >= _ADD_BATCH:
                pending = 0
                _add_batches((turtle_sort, trig_sort, nquads_sort), (turtle_batch, trig_batch, nquads_batch))
        _add_batches((turtle_sort, trig_sort, nquads_sort), (turtle_batch, trig_batch, nquads_batch))
    except BaseException:
        for sort in (turtle_sort, trig_sort, nquads_sort):
            if sort is not None:
                sort.close()
        raise
    if turtle is not None and turtle_sort is not None:
        _write_turtle_sorted(turtle, turtle_sort, prefixes, base)
    if trig is not None and trig_sort is not None:
        _write_trig_sorted(trig, trig_sort, prefixes, base)
    if nquads is not None and nquads_sort is not None:
        nquads.writelines(nquads_sort)


_ADD_BATCH = 10_000  # statements handed to the sorts at once


def _add_batches(sorts: tuple[ExternalSort | None, ...], batches: tuple[list[str], ...]) -> None:
    """Move each batch into its sort (the batch of a format not asked for is dropped)."""
    for sort, batch in zip(sorts, batches):
        if sort is not None:
            sort.extend(batch)
        batch.clear()


def _write_turtle_sorted(
    out: IO[str], statements: Iterable[str], prefixes: Mapping[str, str], base: str | None
) -> None:
    out.write("\n".join(_header(prefixes, base)) + "\n\n")
    _write_joined(out, _blocks((statement.split(_SEP) for statement in statements), ""), "\n\n")
    out.write("\n")


def _write_trig_sorted(
    out: IO[str], statements: Iterable[str], prefixes: Mapping[str, str], base: str | None
) -> None:
    # Each statement leads with its graph's sort key: "" (the default graph,
    # written first and bare) or "1" + the name's N-Triples form; then the name's Turtle form.
    out.write("\n".join(_header(prefixes, base)))
    for key, rows in groupby((statement.split(_SEP) for statement in statements), key=itemgetter(0)):
        out.write("\n\n")
        if not key:
            _write_joined(out, _blocks((row[2:] for row in rows), ""), "\n\n")
            continue
        first = next(rows)
        out.write(f"{first[1]} {{\n")
        _write_joined(out, _blocks((row[2:] for row in chain((first,), rows)), "    "), "\n\n")
        out.write("\n}")
    out.write("\n")


def write_turtle_to(
    out: IO[str], data: RdfData, *, prefixes: Mapping[str, str], base: str | None = None, workdir: Path | None = None
) -> None:
    """Turtle of ``data`` into ``out``; a dataset is written as the union of its graphs."""
    write_rdf(data, turtle=out, prefixes=prefixes, base=base, workdir=workdir)


def write_trig_to(
    out: IO[str], data: RdfData, *, prefixes: Mapping[str, str], base: str | None = None, workdir: Path | None = None
) -> None:
    """TriG of ``data`` into ``out``: the default graph's triples first, then each named graph, by name."""
    write_rdf(data, trig=out, prefixes=prefixes, base=base, workdir=workdir)


def to_turtle(data: RdfData, *, prefixes: Mapping[str, str], base: str | None = None) -> str:
    """Turtle of ``data``; a dataset is written as the union of its graphs."""
    out = io.StringIO()
    write_turtle_to(out, data, prefixes=prefixes, base=base)
    return out.getvalue()


def to_trig(data: RdfData, *, prefixes: Mapping[str, str], base: str | None = None) -> str:
    """TriG of ``data``: the default graph's triples first, then each named graph, by name."""
    out = io.StringIO()
    write_trig_to(out, data, prefixes=prefixes, base=base)
    return out.getvalue()
