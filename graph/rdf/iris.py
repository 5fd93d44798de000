"""IRIs and literals of the RDF mapping.

Every IRI is derived from ids, offsets or hashes, never from input order or a
counter, so the same input gives the same IRIs on any machine. Text that goes
into an IRI is percent-encoded where RFC 3987 does not allow it as it is, so
strict stores (Oxigraph) accept every IRI.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

import pyoxigraph
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from graph.core.records import (
    Alias,
    Fact,
    Predicate,
    stable_hash,
)
from graph.rdf.vocab import (
    KGR,
)
from graph.text.chars import has_cjk
from graph.text.script import to_simplified

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, URIRef | None]

# --- IRIs ----------------------------------------------------------------------

# RFC 3987 ucschar: the non-ASCII characters an IRI may hold as they are.
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0x10000, 0x1FFFD), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD), (0x40000, 0x4FFFD), (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD),
    (0x80000, 0x8FFFD), (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
    (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD),
)  # fmt: skip
# Valid in IRIs but invisible or misleading when read: spaces, format and
# bidirectional controls. A fixed table, not unicodedata, so the IRI of an id
# does not change with the Python's Unicode version.
_INVISIBLE = (
    (0xA0, 0xA0), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C), (0x6DD, 0x6DD), (0x70F, 0x70F),
    (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200F), (0x2028, 0x202F), (0x205F, 0x206F),
    (0x3000, 0x3000), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
_ASCII_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _in(ranges: tuple[tuple[int, int], ...], code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


def _keep(ch: str) -> bool:
    if ch in _ASCII_KEPT:
        return True
    code = ord(ch)
    return code >= 0xA0 and _in(_UCSCHAR, code) and not _in(_INVISIBLE, code)


def _percent(ch: str) -> str:
    # surrogatepass: a lone surrogate still gets a deterministic encoding.
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def _kept_ranges() -> list[tuple[int, int]]:
    """Code point ranges ``_keep`` accepts, merged: ASCII unreserved and ucschar minus invisible."""
    kept = [(ord(ch), ord(ch)) for ch in sorted(_ASCII_KEPT)]
    for lo, hi in _UCSCHAR:
        start = lo
        for ilo, ihi in sorted(_INVISIBLE):
            if ihi < start or ilo > hi:
                continue
            if ilo > start:
                kept.append((start, ilo - 1))
            start = max(start, ihi + 1)
        if start <= hi:
            kept.append((start, hi))
    return kept


# Runs of characters iri_segment percent-encodes: the same choice as _keep,
# as one regex, so a long id costs one pass rather than a call per character.
_NOT_KEPT = re.compile("[^" + "".join(f"\\U{lo:08X}-\\U{hi:08X}" for lo, hi in _kept_ranges()) + "]+")


def _percent_run(match: re.Match[str]) -> str:
    # surrogatepass: a lone surrogate still gets a deterministic encoding.
    return "%" + match.group().encode("utf-8", "surrogatepass").hex("%").upper()


def iri_segment(text: str) -> str:
    """``text`` as one IRI path segment: readable (CJK stays), valid, injective.

    Unreserved ASCII and RFC 3987 ucschar characters stay as they are;
    everything else (spaces, quotes, ``<>{}|\\^`%/?#:``, controls, private-use
    and invisible characters) is percent-encoded in UTF-8. The segments
    ``.`` and ``..`` are encoded too, so no resolver rewrites them.
    """
    if text in (".", ".."):
        return "%2E" * len(text)
    return _NOT_KEPT.sub(_percent_run, text)


@lru_cache(maxsize=4096)
def iri_path(text: str) -> str:
    """``text`` as an IRI path: each '/'-separated part through ``iri_segment``."""
    return "/".join(iri_segment(part) for part in text.split("/"))


def entity_iri(entity_id: str) -> URIRef:
    """IRI of an entity: ``kgr:`` + its id, e.g. ``kgr:person/周鸿祎``."""
    return URIRef(KGR + iri_path(entity_id))


def article_iri(article_id: str) -> URIRef:
    return URIRef(f"{KGR}article/{iri_segment(article_id)}")


def article_graph_iri(article_id: str) -> URIRef:
    """Name of the article's named graph."""
    return URIRef(f"{article_iri(article_id)}/graph")


def context_iri(article_id: str) -> URIRef:
    """The article's whole original text as a ``nif:Context``."""
    return URIRef(f"{article_iri(article_id)}/text")


def sentence_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/sentence/{start}-{end}")


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{article_iri(article_id)}/mention/{start}-{end}")


def normalize_role(role: str) -> str:
    """A role's canonical label: Simplified, without surrounding spaces (董事長 → 董事长)."""
    return to_simplified(role.strip())


def role_iri(role: str) -> URIRef:
    """One ``org:Role`` node per normalized role label, shared by all memberships."""
    return URIRef(f"{KGR}role/{iri_segment(normalize_role(role))}")


_FACT_NODE_KIND = {Predicate.MEMBERSHIP: "membership", Predicate.QUOTATION: "quotation"}


def fact_iri(fact: Fact) -> URIRef:
    """The fact's node: an org:Membership, a schema:Quotation or a kg:Assertion."""
    kind = _FACT_NODE_KIND.get(fact.predicate, "assertion")
    return URIRef(f"{KGR}{kind}/{fact.fact_id}")


def alias_iri(entity_id: str, alias: Alias) -> URIRef:
    return URIRef(f"{entity_iri(entity_id)}/alias/{stable_hash(alias.text, alias.reason)}")


# --- Literals --------------------------------------------------------------------



def name_literal(text: str) -> Literal:
    """A name: untagged when it has no Chinese character, else tagged with its script.

    ``"OpenAI"``, ``"周鸿祎"@zh-Hans``, ``"周鴻禕"@zh-Hant`` (a form that
    Traditional → Simplified conversion changes).
    """
    if not has_cjk(text):
        return Literal(text)
    return Literal(text, lang="zh-Hans" if to_simplified(text) == text else "zh-Hant")


def label_literal(text: str) -> Literal:
    """The canonical label (Simplified by contract): ``@zh-Hans`` when Chinese."""
    return Literal(text, lang="zh-Hans") if has_cjk(text) else Literal(text)


def plain_literal(text: str) -> Literal:
    """An untagged ``xsd:string``, for ``schema:name``.

    SPARQL matches a literal by its exact term: ``?p rdfs:label "周鸿祎"``
    finds nothing when the label is ``"周鸿祎"@zh-Hans``. A plain copy of the
    name lets a first query written without a tag find the entity in any store.
    """
    return Literal(text)


def text_literal(text: str, language: str | None) -> Literal:
    """Running text (headline, quotation): tagged with the article's script when Chinese."""
    return Literal(text, lang=language) if language and has_cjk(text) else Literal(text)


@lru_cache(maxsize=4096)
def confidence_literal(confidence: float) -> Literal:
    """``xsd:decimal`` rounded to three places, shortest form (0.9, not 0.900)."""
    if not math.isfinite(confidence):
        raise ValueError(f"confidence must be a finite number, not {confidence!r}")
    rounded = Decimal(repr(float(confidence))).quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN)
    lexical = format(rounded, "f").rstrip("0")
    return Literal(lexical + "0" if lexical.endswith(".") else lexical, datatype=XSD.decimal)


# Literal() is slow, and these are made for every statement: each is made once.
@lru_cache(maxsize=1 << 16)
def integer_literal(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


@lru_cache(maxsize=4096)
def rule_literal(rule: str) -> Literal:
    return Literal(rule)


def date_literal(text: str) -> Literal:
    """``xsd:date`` for an ISO date (YYYY-MM-DD), else the text as it was given."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            date.fromisoformat(text)
            return Literal(text, datatype=XSD.date)
        except ValueError:
            pass
    return Literal(text)


_URL_KEPT = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def web_iri(url: str) -> URIRef | None:
    """An http(s) URL as a valid IRI (odd characters percent-encoded), or None."""
    url = url.strip()
    if not re.match(r"https?://", url, re.IGNORECASE):
        return None
    candidate = "".join(ch if _URL_KEPT.fullmatch(ch) or _keep(ch) else _percent(ch) for ch in url)
    try:
        pyoxigraph.NamedNode(candidate)  # the strictest IRI parser we ship
    except ValueError:
        return None
    return URIRef(candidate)
