"""Neo4j bulk-import CSVs plus a ``LOAD CSV`` script, in one folder.

``nodes.csv``
    ``entityId:ID, name, aliases:string[], type, typeIri, iri,
    articleCount:int, quoteCount:int, lexiconId, parentId, :LABEL`` — one
    row per entity (``iri`` is its IRI in the RDF exports). The
    ``:LABEL`` column holds the one type label (``Person``, ``Organization``,
    ``Software``, ``Place``); the shared ``Entity`` label is given on the
    command line (``--nodes=Entity=nodes.csv``) and by the script.
``relationships.csv``
    ``:START_ID, :END_ID, :TYPE, edgeId, label, labelZh, role,
    confidence:float, articleCount:int, factCount:int, former:boolean,
    sentence, articleId, rule`` — one row per relation edge of
    ``to_property_graph`` (``label`` the relation's English name, ``labelZh``
    its Chinese one, ``role`` the membership role as written).
``load.cypher``
    The same load through ``LOAD CSV`` into a running database. Labels and
    relationship types in it come from the fixed vocabulary below
    (checked against a whitelist before use); every data
    value reaches Cypher only as a CSV field (``row.name``), never as text
    of the script.
``kuzu_schema.cypher``, ``kuzu_load.cypher``
    The table definitions and ``COPY`` statements that load the same two
    CSVs into Kùzu (``graph.outputs.exports.kuzu_schema``), made from the
    same headers and vocabulary.

The CSV is RFC 4180 as Neo4j reads it by default (``csv_field``): LF
between records; a field holding a comma, a quote, a line break or a
backslash is quoted, with quotes doubled and, inside the quotes, backslashes
doubled too. Neo4j's CSV reader takes ``\\"`` and ``\\\\`` inside quotes as
escapes ("legacy quoting", on by default for ``LOAD CSV``:
``db.import.csv.legacy_quote_escaping``), so plain RFC 4180 would let a
name that ends in a backslash swallow the field after it. Written this way,
the files read back exactly with ``LOAD CSV``'s default, with
``neo4j-admin ... --legacy-style-quoting=true`` and with Python's ``csv``
and the ``NEO4J_CSV`` dialect; a reader without backslash escapes still
sees the same rows and columns, only a quoted field's backslashes doubled.
Empty fields are left unquoted (Neo4j reads null).

Array elements are separated by U+001F (unit separator) instead of ``;``:
names may hold ``;`` but can never hold U+001F, which ``clean_text``
removes, so no alias can break the array. Pass ``--array-delimiter=U+001F``
to ``neo4j-admin``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.core.atomic import atomic_folder, write_durable_text
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import EntityType, Predicate
from graph.outputs.exports.kuzu_schema import (
    KUZU_LOAD_FILE,
    KUZU_SCHEMA_FILE,
    KuzuLayout,
    kuzu_load_script,
    kuzu_schema,
)
from graph.outputs.exports.property_graph import alias_lists, to_property_graph
from graph.rdf.vocab import TYPE_IRI

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
ENTITY_LABEL = "Entity"
NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
SCRIPT_FILE = "load.cypher"
FILES = frozenset({NODES_FILE, RELATIONSHIPS_FILE, SCRIPT_FILE, KUZU_SCHEMA_FILE, KUZU_LOAD_FILE})

NODE_HEADER: tuple[str, ...] = (
    "entityId:ID",
    "name",
    "aliases:string[]",
    "type",
    "typeIri",
    "iri",
    "articleCount:int",
    "quoteCount:int",
    "lexiconId",
    "parentId",
    ":LABEL",
)
RELATIONSHIP_HEADER: tuple[str, ...] = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "edgeId",
    "label",
    "labelZh",
    "role",
    "confidence:float",
    "articleCount:int",
    "factCount:int",
    "former:boolean",
    "sentence",
    "articleId",
    "rule",
)

# The fixed vocabulary: the only labels and relationship types the CSVs and
# the script may name, whatever the data says.
NODE_LABEL: dict[EntityType, str] = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.SOFTWARE: "Software",
    EntityType.PLACE: "Place",
}
RELATIONSHIP_TYPE: dict[Predicate, str] = {
    Predicate.MEMBERSHIP: "MEMBER_OF",
    Predicate.CREATOR: "CREATED_BY",
    Predicate.COMPARED_WITH: "COMPARED_WITH",
    Predicate.LOCATED_IN: "LOCATED_IN",
    Predicate.SUB_ORGANIZATION_OF: "SUB_ORGANIZATION_OF",
}
# The ends each relationship type is expected to join; Kùzu needs them
# declared. A graph with other pairs gets those too (``relationship_pairs``).
EXPECTED_ENDS: dict[Predicate, tuple[EntityType, EntityType]] = {
    Predicate.MEMBERSHIP: (EntityType.PERSON, EntityType.ORGANIZATION),
    Predicate.CREATOR: (EntityType.SOFTWARE, EntityType.ORGANIZATION),
    Predicate.COMPARED_WITH: (EntityType.SOFTWARE, EntityType.SOFTWARE),
    Predicate.LOCATED_IN: (EntityType.ORGANIZATION, EntityType.PLACE),
    Predicate.SUB_ORGANIZATION_OF: (EntityType.ORGANIZATION, EntityType.ORGANIZATION),
}
NODE_LABELS: tuple[str, ...] = tuple(NODE_LABEL.values())
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(RELATIONSHIP_TYPE.values())
_LABEL_BY_TYPE_IRI: dict[str, str] = {str(TYPE_IRI[t]): label for t, label in NODE_LABEL.items()}
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Neo4jImport:
    """The rows and script of a Neo4j export, before they are written."""

    node_rows: tuple[tuple[str, ...], ...]  # without the header
    relationship_rows: tuple[tuple[str, ...], ...]
    script: str
    kuzu_schema: str  # kuzu_schema.cypher
    kuzu_load: str  # kuzu_load.cypher

    def files(self) -> dict[str, str]:
        """File name → text of each file of the export folder."""
        return {
            NODES_FILE: _csv_text(NODE_HEADER, self.node_rows),
            RELATIONSHIPS_FILE: _csv_text(RELATIONSHIP_HEADER, self.relationship_rows),
            SCRIPT_FILE: self.script,
            KUZU_SCHEMA_FILE: self.kuzu_schema,
            KUZU_LOAD_FILE: self.kuzu_load,
        }


class Neo4jCsvDialect(csv.Dialect):
    """How to read the export's CSV with Python's ``csv`` (``csv.reader(fh, dialect=NEO4J_CSV)``)."""

    delimiter = ","
    quotechar = '"'
    escapechar = "\\"
    doublequote = True
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False
    strict = True


NEO4J_CSV = Neo4jCsvDialect
_NEEDS_QUOTES = re.compile(r'[,"\\\r\n]')


def csv_field(value: str) -> str:
    r'''``value`` as one CSV field, read back unchanged by Neo4j's default (legacy) quoting.

    Python's ``csv`` writer cannot do this: it leaves a field that holds a
    backslash but nothing else special unquoted, and Neo4j reads backslashes
    as escapes only inside quotes.

    >>> print(*(csv_field(v) for v in ["周鸿祎", "a,b", 'say "hi"', "ends\\", "-"]))
    周鸿祎 "a,b" "say ""hi""" "ends\\" -
    '''
    if not _NEEDS_QUOTES.search(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '""') + '"'


def _csv_text(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    return "".join(",".join(csv_field(value) for value in row) + "\n" for row in (header, *rows))


def _checked(name: str, allowed: tuple[str, ...]) -> str:
    # Labels and types cannot be Cypher parameters, so they are spliced into
    # the script: only ever names from our vocabulary, and plain identifiers.
    if name not in allowed or not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a label or relationship type of the export vocabulary")
    return name


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _node_rows(graph: nx.MultiDiGraph, aliases: dict[str, list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            node,
            data["label"],
            ARRAY_DELIMITER.join(aliases[node]),
            data["type"],
            data["type_iri"],
            data["iri"],
            str(data["article_count"]),
            str(data["quote_count"]),
            data["lexicon_id"],
            data["parent_id"],
            _checked(_LABEL_BY_TYPE_IRI[data["type_iri"]], NODE_LABELS),
        )
        for node, data in graph.nodes(data=True)
    )


def _relationship_rows(graph: nx.MultiDiGraph) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            source,
            target,
            _checked(RELATIONSHIP_TYPE[Predicate(data["relation"])], RELATIONSHIP_TYPES),
            key,
            data["label"],
            data["label_zh"],
            data["role"],
            repr(data["confidence"]),
            str(data["article_count"]),
            str(data["fact_count"]),
            _boolean(data["former"]),
            data["sentence"],
            data["article_id"],
            data["rule"],
        )
        for source, target, key, data in graph.edges(keys=True, data=True)
    )


_SCRIPT_HEAD = f"""\
// Load a `kg export --to neo4j` folder into a running Neo4j (5.x) database.
// Copy nodes.csv and relationships.csv into the database's import folder,
// then run this file, e.g.:  cypher-shell -f load.cypher
// Every value comes from the CSV rows; labels and relationship types are the
// export's fixed vocabulary. Re-running it updates nodes and edges in place.
//
// Offline bulk alternative (empty database):
//   neo4j-admin database import full neo4j --nodes={ENTITY_LABEL}=import/{NODES_FILE} \\
//     --relationships=import/{RELATIONSHIPS_FILE} --array-delimiter={ARRAY_DELIMITER_OPTION} \\
//     --multiline-fields=true --legacy-style-quoting=true

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.entityId IS UNIQUE;
"""

# Array fields are split on U+001F, written as a Cypher escape; an empty CSV
# field (read as null or "") is the empty list.
_NODES_BLOCK = """
LOAD CSV WITH HEADERS FROM 'file:///{nodes_file}' AS row
WITH row WHERE row.`:LABEL` = '{label}'
MERGE (n:{entity} {{entityId: row.`entityId:ID`}})
SET n:{label},
    n.name = row.name,
    n.aliases = CASE coalesce(row.`aliases:string[]`, '') WHEN '' THEN []
                ELSE split(row.`aliases:string[]`, '\\u001F') END,
    n.type = row.type,
    n.typeIri = row.typeIri,
    n.iri = row.iri,
    n.articleCount = toInteger(row.`articleCount:int`),
    n.quoteCount = toInteger(row.`quoteCount:int`),
    n.lexiconId = coalesce(row.lexiconId, ''),
    n.parentId = coalesce(row.parentId, '');
"""

_RELATIONSHIPS_BLOCK = """
LOAD CSV WITH HEADERS FROM 'file:///{relationships_file}' AS row
WITH row WHERE row.`:TYPE` = '{rel_type}'
MATCH (s:{entity} {{entityId: row.`:START_ID`}})
MATCH (o:{entity} {{entityId: row.`:END_ID`}})
MERGE (s)-[r:{rel_type} {{edgeId: row.edgeId}}]->(o)
SET r.label = row.label,
    r.labelZh = row.labelZh,
    r.role = coalesce(row.role, ''),
    r.confidence = toFloat(row.`confidence:float`),
    r.articleCount = toInteger(row.`articleCount:int`),
    r.factCount = toInteger(row.`factCount:int`),
    r.former = (row.`former:boolean` = 'true'),
    r.sentence = coalesce(row.sentence, ''),
    r.articleId = row.articleId,
    r.rule = row.rule;
"""


def load_script() -> str:
    """The ``LOAD CSV`` script: one block per node label and relationship type."""
    entity = _checked(ENTITY_LABEL, (ENTITY_LABEL,))
    parts = [_SCRIPT_HEAD]
    for label in NODE_LABELS:
        parts.append(_NODES_BLOCK.format(nodes_file=NODES_FILE, label=_checked(label, NODE_LABELS), entity=entity))
    for rel_type in RELATIONSHIP_TYPES:
        parts.append(
            _RELATIONSHIPS_BLOCK.format(
                relationships_file=RELATIONSHIPS_FILE,
                rel_type=_checked(rel_type, RELATIONSHIP_TYPES),
                entity=entity,
            )
        )
    return "".join(parts)


def relationship_pairs(graph: nx.MultiDiGraph) -> dict[str, tuple[tuple[str, str], ...]]:
    """Relationship type → the (from label, to label) pairs it joins.

    The expected pair comes first, then any other pair ``graph`` holds, so
    Kùzu has a table for every edge however the extractor typed its ends.
    """
    label_of = {node: _LABEL_BY_TYPE_IRI[data["type_iri"]] for node, data in graph.nodes(data=True)}
    seen = {
        (RELATIONSHIP_TYPE[Predicate(data["relation"])], label_of[source], label_of[target])
        for source, target, data in graph.edges(data=True)
    }
    pairs: dict[str, tuple[tuple[str, str], ...]] = {}
    for predicate, rel_type in RELATIONSHIP_TYPE.items():
        first, second = EXPECTED_ENDS[predicate]
        expected = (NODE_LABEL[first], NODE_LABEL[second])
        others = sorted((a, b) for t, a, b in seen if t == rel_type and (a, b) != expected)
        pairs[rel_type] = tuple((_checked(a, NODE_LABELS), _checked(b, NODE_LABELS)) for a, b in [expected, *others])
    return pairs


def kuzu_layout(graph: nx.MultiDiGraph) -> KuzuLayout:
    """What the Kùzu scripts need to know about this export: files, headers, labels and pairs."""
    return KuzuLayout(
        nodes_file=NODES_FILE,
        relationships_file=RELATIONSHIPS_FILE,
        node_header=NODE_HEADER,
        relationship_header=RELATIONSHIP_HEADER,
        node_labels=NODE_LABELS,
        relationship_pairs=relationship_pairs(graph),
    )


def to_neo4j(kg: KnowledgeGraph) -> Neo4jImport:
    """The Neo4j import rows and script of ``kg``.

    Examples
    --------
    >>> from graph.core.knowledge import KnowledgeGraph
    >>> export = to_neo4j(KnowledgeGraph())
    >>> export.files()["nodes.csv"].splitlines()[0].split(",")[:2]
    ['entityId:ID', 'name']
    """
    graph = to_property_graph(kg)
    layout = kuzu_layout(graph)
    return Neo4jImport(
        node_rows=_node_rows(graph, alias_lists(kg)),
        relationship_rows=_relationship_rows(graph),
        script=load_script(),
        kuzu_schema=kuzu_schema(layout),
        kuzu_load=kuzu_load_script(layout),
    )


def write_neo4j(kg: KnowledgeGraph, folder: Path) -> None:
    """Write ``nodes.csv``, ``relationships.csv``, ``load.cypher`` and the Kùzu scripts into ``folder``.

    The folder is built beside ``folder`` and renamed into place; an existing
    folder is replaced only if it holds nothing but these files.
    """
    export = to_neo4j(kg)
    with atomic_folder(Path(folder), replaceable=FILES) as tmp:
        for name, text in export.files().items():
            write_durable_text(tmp / name, text)
