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

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
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


def to_nquads(data: RdfData) -> str:
    """N-Quads of ``data``, one statement a line, lines sorted and unique."""
    cache: dict[Node, str] = {}

    def term(t: Node) -> str:
        text = cache.get(t)
        if text is None:
            text = cache[t] = nt_term(t)
        return text

    lines = set()
    for s, p, o, g in _quads(data):
        graph = f" {term(g)}" if g is not None else ""
        lines.add(f"{term(s)} {term(p)} {term(o)}{graph} .\n")
    return "".join(sorted(lines))


class _TurtleTerms:
    """Turtle forms of terms: prefixed names, relative IRIs, bare numbers."""

    def __init__(self, prefixes: Mapping[str, str], base: str | None) -> None:
        # Longest namespace first, so the most specific prefix wins.
        self._prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._base = base
        self._cache: dict[Node, str] = {}
        self._nt_cache: dict[Node, str] = {}

    def nt(self, term: Node) -> str:
        """The N-Triples form, the sort key of every level of a block."""
        text = self._nt_cache.get(term)
        if text is None:
            text = self._nt_cache[term] = nt_term(term)
        return text

    def __call__(self, term: Node) -> str:
        text = self._cache.get(term)
        if text is None:
            text = self._cache[term] = self._render(term)
        return text

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


def _blocks(triples: Iterable[tuple[Node, Node, Node]], term: _TurtleTerms, indent: str) -> list[str]:
    """Subject blocks ``s p o, o ; p o .``, every level sorted by N-Triples form."""
    by_subject: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[s][p].add(o)
    blocks = []
    for s in sorted(by_subject, key=term.nt):
        predicates = by_subject[s]
        # rdf:type first ("a"), then the others by IRI.
        order = sorted(predicates, key=lambda p: (str(p) != _RDF_TYPE, str(p)))
        parts = []
        for p in order:
            verb = "a" if str(p) == _RDF_TYPE else term(p)
            objects = ", ".join(term(o) for o in sorted(predicates[p], key=term.nt))
            parts.append(f"{verb} {objects}")
        blocks.append(f"{indent}{term(s)} " + f" ;\n{indent}    ".join(parts) + " .")
    return blocks


def to_turtle(data: RdfData, *, prefixes: Mapping[str, str], base: str | None = None) -> str:
    """Turtle of ``data``; a dataset is written as the union of its graphs."""
    term = _TurtleTerms(prefixes, base)
    triples = {(s, p, o) for s, p, o, _ in _quads(data)}
    return "\n".join(_header(prefixes, base)) + "\n\n" + "\n\n".join(_blocks(triples, term, "")) + "\n"


def to_trig(data: RdfData, *, prefixes: Mapping[str, str], base: str | None = None) -> str:
    """TriG of ``data``: the default graph's triples first, then each named graph, by name."""
    term = _TurtleTerms(prefixes, base)
    graphs: dict[Node | None, set[tuple[Node, Node, Node]]] = defaultdict(set)
    for s, p, o, g in _quads(data):
        graphs[g].add((s, p, o))
    sections = ["\n".join(_header(prefixes, base))]
    if graphs.get(None):
        sections.append("\n\n".join(_blocks(graphs[None], term, "")))
    for name in sorted((g for g in graphs if g is not None), key=term.nt):
        body = "\n\n".join(_blocks(graphs[name], term, "    "))
        sections.append(f"{term(name)} {{\n{body}\n}}")
    return "\n\n".join(sections) + "\n"
