"""Kùzu table definitions and ``COPY`` statements for the Neo4j export's CSVs.

Kùzu (an embedded graph database) reads CSV but, unlike ``neo4j-admin``,
wants every node and relationship table declared first, with one primary
key and typed columns, and a relationship table per type that names which
node tables it joins. Writing that by hand for ``nodes.csv`` and
``relationships.csv`` is error-prone, so the Neo4j export writes it too:

``kuzu_schema.cypher``
    ``CREATE NODE TABLE`` per node label (``Person``, ``Organization``,
    ``Software``, ``Place``) and ``CREATE REL TABLE`` per relationship type.
    Columns and types come from the CSV headers (``articleCount:int`` →
    ``INT64``, ``confidence:float`` → ``DOUBLE``, ``aliases:string[]`` →
    ``STRING[]``), so they cannot drift from the files; the property names
    are those ``load.cypher`` gives in Neo4j, so the same queries work.
``kuzu_load.cypher``
    One ``COPY ... FROM (LOAD ...)`` per node label and per (type, from
    label, to label) pair. The CSVs hold all labels in one file, so each
    statement filters its rows; Kùzu's CSV reader takes ``""`` inside quotes
    as a quote but not ``\\\\`` as one backslash, so string fields are
    un-doubled in the statement; the array delimiter U+001F is written as
    ``decode(BLOB('\\\\x1F'))`` because Kùzu string literals have no ``\\u``
    escape. ``parallel=false``: fields may hold line breaks.

The scripts name only the export's fixed vocabulary and the CSV file names:
every data value reaches Kùzu as a CSV field. The relationship tables list
the expected pair of each type (``MEMBER_OF``: Person → Organization) plus
any other pair the graph holds, so a load never meets an edge whose ends
have no table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

KUZU_SCHEMA_FILE = "kuzu_schema.cypher"
KUZU_LOAD_FILE = "kuzu_load.cypher"

# Neo4j CSV header type → Kùzu column type. Neo4j's int and float are 64-bit.
KUZU_TYPE: dict[str, str] = {
    "": "STRING",
    "ID": "STRING",
    "string": "STRING",
    "int": "INT64",
    "long": "INT64",
    "float": "DOUBLE",
    "double": "DOUBLE",
    "boolean": "BOOL",
    "string[]": "STRING[]",
}
# Header fields that are not properties, and the names the load gives them.
_SPECIAL_FIELDS: dict[str, str] = {
    ":LABEL": "csvLabel",
    ":TYPE": "csvType",
    ":START_ID": "csvStart",
    ":END_ID": "csvEnd",
}
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_FILE_NAME = re.compile(r"[A-Za-z0-9_.-]+\Z")
# Kùzu string literals read "\\" as one backslash.
_ARRAY_DELIMITER = r"decode(BLOB('\\x1F'))"
_CSV_OPTIONS = "(header=true, parallel=false)"
_VALUE_SEPARATOR = ",\n         "


@dataclass(frozen=True)
class Column:
    """One CSV column: its field name in the load, property name and Kùzu type."""

    field: str  # name given to the CSV column in LOAD WITH HEADERS
    prop: str  # property name in Kùzu ("" for the label, type and end columns)
    kuzu_type: str
    primary_key: bool = False


@dataclass(frozen=True)
class KuzuLayout:
    """What the Kùzu scripts are made from: the Neo4j CSVs' files, headers and labels."""

    nodes_file: str
    relationships_file: str
    node_header: tuple[str, ...]
    relationship_header: tuple[str, ...]
    node_labels: tuple[str, ...]
    # relationship type → (from label, to label) pairs, in order
    relationship_pairs: Mapping[str, tuple[tuple[str, str], ...]]


def _identifier(name: str) -> str:
    # Table and column names cannot be parameters: only plain identifiers
    # from the export's own headers and vocabulary are spliced in.
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a plain identifier")
    return name


def _file_name(name: str) -> str:
    if not _FILE_NAME.match(name):
        raise ValueError(f"{name!r} is not a plain file name")
    return name


def columns(header: tuple[str, ...]) -> tuple[Column, ...]:
    """The columns of a Neo4j CSV header (``name:type`` fields), in file order.

    >>> [(c.field, c.kuzu_type) for c in columns(("entityId:ID", "aliases:string[]", ":LABEL"))]
    [('entityId', 'STRING'), ('aliases', 'STRING[]'), ('csvLabel', 'STRING')]
    """
    result = []
    for field in header:
        if field in _SPECIAL_FIELDS:
            result.append(Column(_SPECIAL_FIELDS[field], "", "STRING"))
            continue
        name, _, kind = field.partition(":")
        if kind not in KUZU_TYPE:
            raise ValueError(f"no Kùzu type for CSV header field {field!r}")
        result.append(Column(_identifier(name), name, KUZU_TYPE[kind], primary_key=kind == "ID"))
    return tuple(result)


def _definitions(cols: tuple[Column, ...]) -> str:
    return ", ".join(f"{c.prop} {c.kuzu_type}{' PRIMARY KEY' if c.primary_key else ''}" for c in cols if c.prop)


def kuzu_schema(layout: KuzuLayout) -> str:
    """``kuzu_schema.cypher``: one ``CREATE NODE TABLE`` per label, one ``CREATE REL TABLE`` per type."""
    lines = [
        "// Kùzu tables for a `kg export --to neo4j` folder; run this first, then kuzu_load.cypher.",
        "// Columns and types follow the headers of nodes.csv and relationships.csv.",
        "",
    ]
    node_columns = _definitions(columns(layout.node_header))
    for label in layout.node_labels:
        lines.append(f"CREATE NODE TABLE {_identifier(label)}({node_columns});")
    rel_columns = _definitions(columns(layout.relationship_header))
    for rel_type, pairs in layout.relationship_pairs.items():
        ends = ", ".join(f"FROM {_identifier(a)} TO {_identifier(b)}" for a, b in pairs)
        lines.append(f"CREATE REL TABLE {_identifier(rel_type)}({ends}, {rel_columns});")
    return "\n".join(lines) + "\n"


def _unescaped(expression: str) -> str:
    # The CSV doubles every backslash of a quoted field, and only quoted
    # fields hold backslashes: halving each pair gives the value back.
    return f"list_to_string('\\\\', string_split({expression}, '\\\\\\\\'))"


def _value(column: Column) -> str:
    """The expression that turns a loaded CSV field into the property value."""
    if column.kuzu_type == "STRING[]":
        return (
            f"CASE WHEN {column.field} IS NULL THEN CAST([] AS STRING[]) "
            f"ELSE string_split({_unescaped(column.field)}, {_ARRAY_DELIMITER}) END"
        )
    if column.kuzu_type == "STRING":
        # Kùzu reads an empty field as null; the other exports say "".
        return f"coalesce({_unescaped(column.field)}, '')"
    return column.field


def _load(file_name: str, cols: tuple[Column, ...], selector: str, value: str) -> str:
    fields = ", ".join(f"{c.field} {'STRING' if c.kuzu_type == 'STRING[]' else c.kuzu_type}" for c in cols)
    return (
        f"  LOAD WITH HEADERS ({fields})\n"
        f"  FROM '{_file_name(file_name)}' {_CSV_OPTIONS}\n"
        f"  WITH * WHERE {selector} = '{_identifier(value)}'\n"
    )


def _node_copy(layout: KuzuLayout, label: str) -> str:
    cols = columns(layout.node_header)
    values = _VALUE_SEPARATOR.join(_value(c) for c in cols if c.prop)
    return (
        f"COPY {_identifier(label)} FROM (\n"
        + _load(layout.nodes_file, cols, _SPECIAL_FIELDS[":LABEL"], label)
        + f"  RETURN {values}\n);\n"
    )


def _primary_key(layout: KuzuLayout) -> str:
    (key,) = [c.prop for c in columns(layout.node_header) if c.primary_key]
    return key


def _relationship_copy(layout: KuzuLayout, rel_type: str, source: str, target: str) -> str:
    cols = columns(layout.relationship_header)
    values = _VALUE_SEPARATOR.join(_value(c) for c in cols if c.prop)
    key = _primary_key(layout)
    start, end = _unescaped(_SPECIAL_FIELDS[":START_ID"]), _unescaped(_SPECIAL_FIELDS[":END_ID"])
    # Matching both ends in their tables keeps only this pair's rows.
    return (
        f"COPY {_identifier(rel_type)} FROM (\n"
        + _load(layout.relationships_file, cols, _SPECIAL_FIELDS[":TYPE"], rel_type)
        + f"  MATCH (s:{_identifier(source)} {{{key}: {start}}}), (o:{_identifier(target)} {{{key}: {end}}})\n"
        f"  RETURN s.{key}{_VALUE_SEPARATOR}o.{key}{_VALUE_SEPARATOR}{values}\n"
        f") (from='{source}', to='{target}');\n"
    )


def kuzu_load_script(layout: KuzuLayout) -> str:
    """``kuzu_load.cypher``: the ``COPY`` statements that fill the tables from the CSVs."""
    parts = [
        "// Load nodes.csv and relationships.csv into the tables of kuzu_schema.cypher (a new database).\n"
        "// File names are relative: run it with the export folder as the working directory.\n"
        "// Kùzu reads a doubled backslash in a quoted CSV field as two, so each string is passed\n"
        "// through list_to_string('\\\\', string_split(field, '\\\\\\\\')), which halves them again.\n"
    ]
    parts += [_node_copy(layout, label) for label in layout.node_labels]
    parts += [
        _relationship_copy(layout, rel_type, source, target)
        for rel_type, pairs in layout.relationship_pairs.items()
        for source, target in pairs
    ]
    return "\n".join(parts)
