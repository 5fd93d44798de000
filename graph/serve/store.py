"""SPARQL over a build: load the graph into Oxigraph, check and run a query.

The library half of ``kg query`` and ``kg serve``. A build folder (made by
``kg build``) or a single RDF file becomes an in-memory Oxigraph store whose
default graph is the union of every graph in the file (one named graph per
article in TriG / N-Quads), so a query sees all facts without ``GRAPH``
clauses and can still pick one article's graph with ``GRAPH ?g { ... }``.

The store is read-only by construction: queries go through
``Store.query``, which does not accept SPARQL Update, and ``SERVICE``
(federation, which would make Oxigraph send HTTP requests) is refused.

>>> store = load_store(Path("output"))                        # doctest: +SKIP
>>> results = run_query(store, "ASK { ?p a schema:Person }")  # doctest: +SKIP
>>> bool(results)                                             # doctest: +SKIP
True
"""

from __future__ import annotations

import re
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeAlias, TypeVar

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from graph.core.errors import (
    BuildNotFoundError,
    InputError,
    QueryError,
    QueryRefusedError,
)
from graph.rdf.vocab import PREFIXES
from graph.serve.diagnose import describe_syntax_error

QueryResults: TypeAlias = QuerySolutions | QueryBoolean | QueryTriples
_T = TypeVar("_T")

# Oxigraph parses and plans a query recursively: on a main thread's 8 MiB
# stack a few thousand nested groups or UNION branches crash the process, so
# queries run on a thread with this much stack (reserved, and only used as
# deep as a query goes).
QUERY_STACK_BYTES = 128 * 2**20

# The graph files of a build, best first: N-Quads parses fastest and, like
# TriG, keeps each article's named graph; Turtle is the union only.
BUILD_GRAPH_FILES = ("graph.nq", "graph.trig", "graph.ttl")

RDF_FORMATS_BY_SUFFIX: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".trig": RdfFormat.TRIG,
    ".nq": RdfFormat.N_QUADS,
    ".nt": RdfFormat.N_TRIPLES,
    ".jsonld": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
}

QUERY_FILE_SUFFIXES = (".rq", ".sparql")

# Copies every named graph's triples into the default graph; the store is a
# set, so a triple stated in several articles appears there once (unlike
# Oxigraph's use_default_graph_as_union, which would repeat it per graph).
_UNION_INTO_DEFAULT_GRAPH = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"

# Update operations, to tell "an update sent as a query" from a typo.
_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_PROLOGUE = re.compile(
    r"""\s*(?:
        \#[^\n]*\n?                                  # comment
      | BASE\s*<[^>]*>                               # BASE <iri>
      | PREFIX\s+[^\s:]*:\s*<[^>]*>                  # PREFIX p: <iri>
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)")
_SERVICE_WORD = re.compile(r"service", re.IGNORECASE)
_SERVICE_CLAUSE = re.compile(r"service(?:\s+silent(?![\w-]))?", re.IGNORECASE)
_PREDECLARED = frozenset(PREFIXES)


def load_store(graph: Path) -> Store:
    """An in-memory store holding ``graph``: a build folder or one RDF file.

    The default graph of the store is the union of all the file's graphs;
    named graphs stay available to ``GRAPH`` and ``FROM NAMED``.

    Raises ``InputError`` for a missing path, an unknown file extension or
    invalid RDF, and ``BuildNotFoundError`` for a folder without graph files.
    """
    path = graph_file(graph)
    rdf_format = RDF_FORMATS_BY_SUFFIX[path.suffix.lower()]
    store = Store()
    try:
        # A base IRI so that relative IRIs in hand-written files resolve.
        store.bulk_load(path=path, format=rdf_format, base_iri=path.resolve().as_uri())
    except SyntaxError as err:
        raise InputError(f"{path}: not valid {rdf_format.name}: {err}") from err
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot be read: {err}") from err
    store.update(_UNION_INTO_DEFAULT_GRAPH)
    return store


def graph_file(graph: Path) -> Path:
    """The RDF file to load for ``graph``: the file itself or a build folder's best graph file."""
    if graph.is_dir():
        for name in BUILD_GRAPH_FILES:
            if (graph / name).is_file():
                return graph / name
        raise BuildNotFoundError(
            f"{graph} is not a build folder (it has none of {', '.join(BUILD_GRAPH_FILES)}); "
            "make one with kg build"
        )
    if not graph.exists():
        raise InputError(f"{graph}: no such file or folder")
    if graph.suffix.lower() not in RDF_FORMATS_BY_SUFFIX:
        known = " ".join(RDF_FORMATS_BY_SUFFIX)
        raise InputError(f"{graph}: unknown RDF file extension {graph.suffix!r} (known: {known})")
    return graph


def read_query_text(query: str) -> str:
    """The SPARQL text of ``query``: the contents of a ``.rq`` file, else the string itself."""
    if query.lower().endswith(QUERY_FILE_SUFFIXES) or _names_a_file(query):
        path = Path(query)
        try:
            return path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as err:
            raise InputError(f"{path}: no such query file") from err
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{path}: cannot be read as UTF-8 text: {err}") from err
    return query


def _names_a_file(text: str) -> bool:
    # A query string has braces or spaces; only a short, one-word string may be a path.
    if "{" in text or "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except OSError:
        return False


def run_query(
    store: Store,
    query: str,
    *,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResults:
    """Run one SPARQL query; the results are lazy (iterate them to evaluate).

    ``default_graphs`` and ``named_graphs`` are graph IRIs, as the SPARQL
    protocol's ``default-graph-uri`` / ``named-graph-uri`` give them; empty
    means the union default graph and all named graphs. The profile's
    prefixes (``schema:``, ``org:``, ``kg:``...) are predeclared, and a
    query's own ``PREFIX`` lines override them.

    Raises ``QueryError`` saying where and what for a malformed query
    (``graph.serve.diagnose``) and ``QueryRefusedError`` for an update or a
    ``SERVICE`` clause.
    """
    _refuse_service(query)
    # Typed apart: Oxigraph's two parameters accept different kinds of graph names.
    default_graph: list[NamedNode | BlankNode | DefaultGraph] = [*_graph_nodes(default_graphs)]
    named: list[NamedNode | BlankNode] = [*_graph_nodes(named_graphs)]
    try:
        return store.query(query, prefixes=PREFIXES, default_graph=default_graph or None, named_graphs=named or None)
    except SyntaxError as err:
        raise _syntax_error(query, err) from err
    except OSError as err:
        raise QueryError(f"query failed: {err}") from err


def _graph_nodes(iris: Sequence[str]) -> list[NamedNode]:
    try:
        return [NamedNode(iri) for iri in iris]
    except ValueError as err:
        raise QueryError(f"invalid graph IRI: {err}") from err


def is_update(query: str) -> bool:
    """True when the first keyword after the prologue is a SPARQL Update operation.

    Only used to word an error message: the store never runs updates.
    """
    position = 0
    while match := _PROLOGUE.match(query, position):
        if match.end() == position:
            break
        position = match.end()
    word = _FIRST_WORD.match(query, position)
    return word is not None and word.group(1).upper() in _UPDATE_KEYWORDS


def _syntax_error(query: str, err: SyntaxError) -> QueryError:
    """The error for a query Oxigraph refused: an update, or a malformed query (line, column and what)."""
    if is_update(query):
        return QueryRefusedError("SPARQL Update is not allowed: the graph is read-only")
    return QueryError(f"malformed SPARQL query: {describe_syntax_error(query, str(err), _PREDECLARED)}")


def _refuse_service(query: str) -> None:
    """Raise unless ``query`` is known to have no ``SERVICE`` keyword; never evaluates ``query`` itself.

    A lexical scan can be fooled (``<`` starts an IRI or means "less than",
    ``#`` starts a comment or a fragment), so Oxigraph's parser decides, on
    two rewritten copies that cannot call out, run on an empty store:

    - every "service" in the text becomes "xervice" (same length). A bare
      ``xervice`` is valid nowhere, while inside a string, IRI, comment,
      variable or prefixed name the renamed text still parses. If the copy
      parses, there was no keyword.
    - else every "service" (with a following ``SILENT``) becomes ``GRAPH``,
      which the grammar accepts wherever it accepts ``SERVICE``. If that copy
      parses, the original is a valid federated query: refused.

    When neither parses the query is malformed, and the renamed copy's
    message (same positions as the original) is reported.
    """
    if not _SERVICE_WORD.search(query):
        return
    renamed = _SERVICE_WORD.sub(lambda m: ("X" if m.group(0)[0] == "S" else "x") + m.group(0)[1:], query)
    renamed_error = _parse_error(renamed)
    if renamed_error is None:
        return
    if _parse_error(_SERVICE_CLAUSE.sub("GRAPH", query)) is None:
        raise QueryRefusedError("SERVICE (federated query) is not allowed: queries run offline on this graph only")
    raise _syntax_error(query, renamed_error)


def _parse_error(query: str) -> SyntaxError | None:
    """Oxigraph's syntax error for ``query``, or None; only for text without a SERVICE keyword."""
    try:
        # An empty store: a lazy SELECT/CONSTRUCT is only parsed, an ASK has nothing to scan.
        Store().query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        return err
    except OSError:
        return None
    return None


def on_deep_stack(function: Callable[[], _T]) -> _T:
    """``function()`` run on a thread with a ``QUERY_STACK_BYTES`` stack; what it returns or raises."""
    outcome: list[_T] = []
    failure: list[BaseException] = []

    def call() -> None:
        try:
            outcome.append(function())
        except BaseException as err:  # noqa: BLE001 (re-raised in the caller's thread)
            # Oxigraph's results may only be dropped on the thread that made them:
            # the traceback's frames let go of them here, not in the caller's thread.
            traceback.clear_frames(err.__traceback__)
            failure.append(err)

    previous = threading.stack_size(QUERY_STACK_BYTES)
    try:
        thread = threading.Thread(target=call, name="kg-query", daemon=True)
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]
