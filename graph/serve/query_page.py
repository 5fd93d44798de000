"""The offline query page of ``kg serve`` (``/query``): a form, the bundled queries as examples, results as a table.

One self-contained HTML page, made once when the server starts: its style,
its script and its data (the bundled queries of ``graph/serve/queries/*.rq``
and the predeclared prefixes) are inline, so nothing is fetched but the
answers of ``/sparql`` on the same server. The script only ever puts text
into the page (``textContent``), never markup, so a value in the graph
cannot run as code; the page's Content-Security-Policy allows exactly its
own script and style (by hash) and requests to its own origin.

The bundled queries are read from the package (``graph/serve/queries``, a
link to the repository's ``queries/`` folder, which stays their one source;
a wheel holds copies through ``package-data``), so an installed wheel serves
the same examples as a checkout. A package installed without them serves
the page with no examples rather than failing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass
from importlib import resources

from graph.rdf.vocab import PREFIXES
from graph.serve.query_page_assets import PAGE_TEMPLATE, SCRIPT, STYLE

QUERY_PAGE_PATH = "/query"
QUERIES_PACKAGE = "graph.serve"
QUERIES_FOLDER = "queries"
QUERY_SUFFIX = ".rq"
_PLACEHOLDER = re.compile(r"\{(style|script|options|default_query|data)\}")

# What the textarea holds before an example is picked: short, and it answers on any build.
DEFAULT_QUERY = """SELECT ?name ?type WHERE {
  ?entity schema:name ?name ;
      a ?type .
}
ORDER BY ?type ?name
LIMIT 20
"""


@dataclass(frozen=True, order=True)
class BundledQuery:
    """One ``.rq`` file of ``graph/serve/queries``: its file name, the first line of its comment, its text."""

    name: str
    title: str
    text: str


@dataclass(frozen=True)
class QueryPage:
    """The page's bytes and the Content-Security-Policy that lets exactly its inline script and style run."""

    body: bytes
    content_security_policy: str


def bundled_queries() -> tuple[BundledQuery, ...]:
    """The bundled queries, by file name; none when the package was installed without them."""
    folder = resources.files(QUERIES_PACKAGE).joinpath(QUERIES_FOLDER)
    if not folder.is_dir():
        return ()
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(QUERY_SUFFIX) and entry.is_file():
            text = entry.read_text(encoding="utf-8")
            found.append(BundledQuery(entry.name, _title(text, entry.name), text))
    return tuple(sorted(found))


def _title(text: str, fallback: str) -> str:
    """The first comment line of a query file: what question it answers."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") and stripped.lstrip("#").strip():
            return stripped.lstrip("#").strip()
        if stripped and not stripped.startswith("#"):
            break
    return fallback


def _script_json(value: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` as such.

    A query text holding ``</script>`` would otherwise end the element; the
    escapes read back as the same characters through ``JSON.parse``.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def build_query_page(queries: tuple[BundledQuery, ...] | None = None) -> QueryPage:
    """The page with ``queries`` (default: the bundled ones) as examples."""
    examples = bundled_queries() if queries is None else queries
    options = "\n".join(
        f'<option value="{index}">{html.escape(q.name)} — {html.escape(q.title)}</option>'
        for index, q in enumerate(examples)
    )
    data = {
        "examples": [{"name": q.name, "title": q.title, "query": q.text} for q in examples],
        "prefixes": PREFIXES,
    }
    parts = {
        "style": STYLE,
        "script": SCRIPT,
        "options": options,
        "default_query": html.escape(DEFAULT_QUERY),
        "data": _script_json(data),
    }
    # One pass over the template: a part's own text is never searched for placeholders.
    page = _PLACEHOLDER.sub(lambda match: parts[match.group(1)], PAGE_TEMPLATE)
    policy = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_csp_hash(SCRIPT)}",
            f"style-src {_csp_hash(STYLE)}",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return QueryPage(page.encode("utf-8"), policy)
