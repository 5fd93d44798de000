"""Parquet tables for analysts: entities, facts, mentions and articles.

The property-graph formats aggregate facts into edges and the RDF formats
need a triple store; an analyst with DuckDB, pandas or polars wants plain
tables instead, one row per record, joined by id, with the provenance of
every fact (article, sentence offsets, rule, confidence) in columns.
``to_parquet_tables`` builds them as Arrow tables with fixed schemas
(``TABLE_COLUMNS``), ``write_parquet`` writes one ``NAME.parquet`` per table
into a folder.

Offsets count characters (code points) of ``articles.text``, the article as
it was read, half-open ``[start, end)``: ``text[start:end]`` in Python,
``substring(text, start + 1, end - start)`` in SQL. Text is written as it
is, except that a lone surrogate, which UTF-8 cannot encode, becomes U+FFFD
(one character for one, so no offset moves). Unknown values are null.

pyarrow is imported when a table is made, not with the module, so the other
export formats do not pay for it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.core.atomic import atomic_folder
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Article, Entity, Fact, Mention
from graph.outputs.exports.property_graph import quote_counts
from graph.rdf.iris import article_iri, entity_iri
from graph.rdf.vocab import TYPE_IRI, type_label

if TYPE_CHECKING:
    import pyarrow as pa

PARQUET_SUFFIX = ".parquet"
COMPRESSION = "zstd"  # read by DuckDB, pandas (pyarrow) and polars alike


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table: its name, Arrow type name and whether it may be null."""

    name: str
    type: str  # "string", "int64", "float64", "bool", "date32" or "list<string>"
    nullable: bool = False


def _columns(spec: str) -> tuple[ColumnSpec, ...]:
    # "name type" per line; a trailing "?" marks a nullable column.
    result = []
    for line in spec.split(";"):
        name, kind = line.split()
        result.append(ColumnSpec(name, kind.rstrip("?"), kind.endswith("?")))
    return tuple(result)


# The tables' columns, in file order. Names and types are a contract: add
# columns at the end, never rename or retype one.
TABLE_COLUMNS: dict[str, tuple[ColumnSpec, ...]] = {
    "entities": _columns(
        "entity_id string; label string; entity_type string; type_zh string; type_iri string; iri string;"
        "aliases list<string>; article_count int64; mention_count int64; quote_count int64;"
        "lexicon_id string?; parent_id string?"
    ),
    "facts": _columns(
        "fact_id string; predicate string; subject_id string; object_id string?; role string?; former bool;"
        "quote string?; article_id string; sentence_start int64; sentence_end int64; sentence string;"
        "evidence_mention_ids list<string>; rule string; confidence float64"
    ),
    "mentions": _columns(
        "mention_id string; article_id string; start int64; end int64; surface string; entity_type string;"
        "entity_id string?; rule string"
    ),
    "articles": _columns(
        "article_id string; iri string; source string; language string?; encoding string; headline string?;"
        "url string?; date date32?; publisher string?; authors list<string>; keywords list<string>;"
        "summary string?; char_count int64; text string"
    ),
}
TABLE_NAMES: tuple[str, ...] = tuple(TABLE_COLUMNS)
FILES = frozenset(name + PARQUET_SUFFIX for name in TABLE_NAMES)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

Row = dict[str, object]


def _text(value: str) -> str:
    """``value`` as UTF-8 can carry it: each lone surrogate becomes U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _optional(value: str | None) -> str | None:
    return None if value is None else _text(value)


def _date(value: str | None) -> dt.date | None:
    # The records promise ISO dates; anything else is unknown rather than wrong.
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _aliases(entity: Entity) -> list[str]:
    names = dict.fromkeys(_text(a.text) for a in entity.aliases)
    return [name for name in names if name != _text(entity.label)]


def _entity_rows(kg: KnowledgeGraph) -> Iterable[Row]:
    articles = kg.articles_mentioning()
    mentions = Counter(m.entity_id for m in kg.mentions if m.entity_id)
    quotes = quote_counts(kg)
    for e in kg.sorted_entities():
        yield {
            "entity_id": _text(e.entity_id),
            "label": _text(e.label),
            "entity_type": e.entity_type.value,
            "type_zh": type_label(e.entity_type, "zh-Hans"),
            "type_iri": str(TYPE_IRI[e.entity_type]),
            "iri": _text(str(entity_iri(e.entity_id))),
            "aliases": _aliases(e),
            "article_count": len(articles.get(e.entity_id, ())),
            "mention_count": mentions[e.entity_id],
            "quote_count": quotes[e.entity_id],
            "lexicon_id": _optional(e.lexicon_id),
            "parent_id": _optional(e.parent_id),
        }


def _sentence(kg: KnowledgeGraph, fact: Fact) -> str:
    article = kg.articles.get(fact.article_id)
    return "" if article is None else _text(article.text[fact.sentence.start : fact.sentence.end])


def _fact_rows(kg: KnowledgeGraph) -> Iterable[Row]:
    for f in kg.sorted_facts():
        yield {
            "fact_id": f.fact_id,
            "predicate": f.predicate.value,
            "subject_id": _text(f.subject_id),
            "object_id": _optional(f.object_id),
            "role": _optional(f.role),
            "former": f.former,
            "quote": _optional(f.text),
            "article_id": f.article_id,
            "sentence_start": f.sentence.start,
            "sentence_end": f.sentence.end,
            "sentence": _sentence(kg, f),
            "evidence_mention_ids": [m.mention_id for m in f.evidence],
            "rule": _text(f.rule),
            "confidence": float(f.confidence),
        }


def _mention_row(m: Mention) -> Row:
    return {
        "mention_id": m.mention_id,
        "article_id": m.article_id,
        "start": m.start,
        "end": m.end,
        "surface": _text(m.surface),
        "entity_type": m.entity_type.value,
        "entity_id": _optional(m.entity_id),
        "rule": _text(m.rule),
    }


def _article_row(kg: KnowledgeGraph, a: Article) -> Row:
    meta = a.meta
    return {
        "article_id": a.article_id,
        "iri": str(article_iri(a.article_id)),
        "source": _text(a.source),
        "language": kg.languages.get(a.article_id),
        "encoding": a.encoding,
        "headline": _optional(meta.headline),
        "url": _optional(meta.url),
        "date": _date(meta.date),
        "publisher": _optional(meta.publisher),
        "authors": [_text(name) for name in meta.authors],
        "keywords": [_text(word) for word in meta.keywords],
        "summary": _optional(meta.summary),
        "char_count": len(a.text),
        "text": _text(a.text),
    }


_ROWS: dict[str, Callable[[KnowledgeGraph], Iterable[Row]]] = {
    "entities": _entity_rows,
    "facts": _fact_rows,
    "mentions": lambda kg: (_mention_row(m) for m in kg.sorted_mentions()),
    "articles": lambda kg: (_article_row(kg, a) for a in kg.sorted_articles()),
}


@cache
def parquet_schemas() -> dict[str, pa.Schema]:
    """Table name → its Arrow schema, made from ``TABLE_COLUMNS``."""
    import pyarrow as pa

    types: dict[str, pa.DataType] = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "date32": pa.date32(),
        "list<string>": pa.list_(pa.string()),
    }
    return {
        name: pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in cols])
        for name, cols in TABLE_COLUMNS.items()
    }


def _table(rows: Iterable[Row], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    columns: dict[str, list[object]] = {name: [] for name in schema.names}
    for row in rows:
        for name, values in columns.items():
            values.append(row[name])
    table = pa.Table.from_pydict(columns, schema=schema)
    # Arrow takes "not null" as a promise and does not check it; a null there
    # would make a file that readers reject or misread.
    for field in schema:
        if not field.nullable and table.column(field.name).null_count:
            raise ValueError(f"column {field.name!r} has nulls but is declared not null")
    return table


def to_parquet_tables(kg: KnowledgeGraph) -> dict[str, pa.Table]:
    """The ``entities``, ``facts``, ``mentions`` and ``articles`` tables of ``kg``.

    Rows are sorted (entities by id, facts and mentions by article and
    offset, articles by id), so the same graph gives the same tables.

    Examples
    --------
    >>> from graph.core.knowledge import KnowledgeGraph
    >>> {name: t.num_rows for name, t in to_parquet_tables(KnowledgeGraph()).items()}
    {'entities': 0, 'facts': 0, 'mentions': 0, 'articles': 0}
    """
    schemas = parquet_schemas()
    return {name: _table(_ROWS[name](kg), schemas[name]) for name in TABLE_NAMES}


def _write_table(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    with path.open("xb") as fh:
        pq.write_table(table, fh, compression=COMPRESSION)
        fh.flush()
        os.fsync(fh.fileno())


def write_parquet(kg: KnowledgeGraph, folder: Path) -> None:
    """Write ``entities.parquet``, ``facts.parquet``, ``mentions.parquet`` and ``articles.parquet`` into ``folder``.

    The folder is built beside ``folder`` and renamed into place; an existing
    folder is replaced only if it holds nothing but these files.
    """
    tables = to_parquet_tables(kg)
    with atomic_folder(Path(folder), replaceable=FILES) as tmp:
        for name, table in tables.items():
            _write_table(table, tmp / (name + PARQUET_SUFFIX))
