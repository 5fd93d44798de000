"""The SPARQL 1.1 Protocol as plain functions: media types and content
negotiation, the query and dataset of a request's parameters, and which hosts
are this machine. No sockets here, so each piece is tested on its own.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import TypeVar
from urllib.parse import parse_qs

from pyoxigraph import QueryResultsFormat, RdfFormat

# Media types a client may ask for, by kind of result; the first is the default.
RESULTS_MEDIA_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

GRAPH_MEDIA_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})

_F = TypeVar("_F")

@dataclass(frozen=True)
class QueryRequest:
    """A query as the SPARQL protocol carries it, whatever the HTTP method."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

class RequestError(Exception):
    """A request answered with an error status and a plain-text message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status

def parse_accept(header: str) -> list[str]:
    """The media ranges of an Accept header, most wanted first (q=0 ones dropped).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json, */*;q=0.1")
    ['application/sparql-results+json', 'text/csv', '*/*']
    """
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        media_range, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range and quality > 0:
            ranked.append((-quality, position, media_range.lower()))
    return [media_range for _, _, media_range in sorted(ranked)]

def negotiate(accept: str | None, offers: Mapping[str, _F]) -> str | None:
    """The canonical media type of the best offer for ``accept``; the first offer when anything goes."""
    default = next(iter(offers))
    if not accept:
        return default
    for media_range in parse_accept(accept):
        if media_range == "*/*":
            return default
        if media_range.endswith("/*"):
            family = media_range[:-1]
            match = next((offer for offer in offers if offer.startswith(family)), None)
            if match is not None:
                return match
        elif media_range in offers:
            return media_range
    return None

def _single(fields: Mapping[str, list[str]], name: str) -> str | None:
    values = fields.get(name, [])
    if len(values) > 1:
        raise RequestError(HTTPStatus.BAD_REQUEST, f"give one {name!r} parameter, not {len(values)}")
    return values[0] if values else None

def query_request(fields: Mapping[str, list[str]], query: str | None = None) -> QueryRequest:
    """The query and dataset of protocol parameters; ``query`` is a POSTed query body."""
    if "update" in fields:
        raise RequestError(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
    if query is None:
        query = _single(fields, "query")
    if query is None or not query.strip():
        raise RequestError(HTTPStatus.BAD_REQUEST, "no query: send one as the 'query' parameter")
    return QueryRequest(
        query,
        default_graphs=tuple(fields.get("default-graph-uri", [])),
        named_graphs=tuple(fields.get("named-graph-uri", [])),
    )

def parse_fields(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict", max_num_fields=1000)
    except (UnicodeDecodeError, ValueError) as err:
        raise RequestError(HTTPStatus.BAD_REQUEST, f"cannot read the parameters: {err}") from err

def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False

def host_name(header: str) -> str:
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header
