"""The Neo4j export's Kùzu scripts: a real load into an embedded Kùzu database."""

from __future__ import annotations

from pathlib import Path

import kuzu
import pytest

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Entity, EntityType, Predicate
from graph.outputs.exports import to_neo4j, to_property_graph, write_neo4j
from graph.outputs.exports.kuzu_schema import KUZU_LOAD_FILE, KUZU_SCHEMA_FILE, columns
from graph.outputs.exports.neo4j import NODE_HEADER, NODE_LABELS, RELATIONSHIP_HEADER, RELATIONSHIP_TYPES
from tests.test_exports import (
    HOSTILE_ORG,
    HOSTILE_PERSON,
    HOSTILE_ROLE,
    ZHOU,
    ArticleBuilder,
    hostile_results,
    news_results,
    two_roles_results,
)

BEIJING = Entity("place/北京", EntityType.PLACE, "北京")


def small_kg() -> KnowledgeGraph:
    """The news graph, the hostile strings, two edges between one pair, and a pair Kùzu is not told to expect."""
    text = "周鸿祎在北京。"
    builder = ArticleBuilder(text)
    builder.fact(Predicate.LOCATED_IN, builder.entity(ZHOU, "周鸿祎"), builder.entity(BEIJING, "北京"), text)
    return KnowledgeGraph.from_results([*news_results(), *hostile_results(), *two_roles_results(), builder.result()])


def rows(conn: kuzu.Connection, query: str, parameters: dict[str, object] | None = None) -> list[list[object]]:
    result = conn.execute(query, parameters or {})
    assert not isinstance(result, list)
    found = []
    while result.has_next():
        found.append(result.get_next())
    return found


def load(kg: KnowledgeGraph, folder: Path) -> kuzu.Connection:
    """A new Kùzu database filled by running the export's two scripts as they are."""
    write_neo4j(kg, folder / "neo4j")
    conn = kuzu.Connection(kuzu.Database(str(folder / "graph.kuzu")))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder / "neo4j")  # the scripts name the CSVs relative to the export folder
        conn.execute((folder / "neo4j" / KUZU_SCHEMA_FILE).read_text(encoding="utf-8"))
        conn.execute((folder / "neo4j" / KUZU_LOAD_FILE).read_text(encoding="utf-8"))
    return conn


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, kuzu.Connection]:
    kg = small_kg()
    return kg, load(kg, tmp_path_factory.mktemp("kuzu"))


def test_kuzu_holds_every_node(loaded: tuple[KnowledgeGraph, kuzu.Connection]) -> None:
    kg, conn = loaded
    assert rows(conn, "MATCH (n) RETURN count(n)") == [[len(kg.entities)]]


@pytest.mark.parametrize("label", NODE_LABELS)
def test_kuzu_puts_each_node_in_its_label_table(loaded: tuple[KnowledgeGraph, kuzu.Connection], label: str) -> None:
    kg, conn = loaded
    kind = {"Person": "Person", "Organization": "Organization", "Software": "SoftwareApplication", "Place": "Place"}
    expected = sum(e.entity_type.value == kind[label] for e in kg.entities.values())
    assert rows(conn, f"MATCH (n:{label}) RETURN count(n)") == [[expected]]


def test_kuzu_holds_every_edge(loaded: tuple[KnowledgeGraph, kuzu.Connection]) -> None:
    kg, conn = loaded
    assert rows(conn, "MATCH ()-[r]->() RETURN count(r)") == [[to_property_graph(kg).number_of_edges()]]


def test_kuzu_finds_a_person_by_cypher(loaded: tuple[KnowledgeGraph, kuzu.Connection]) -> None:
    _, conn = loaded
    found = rows(
        conn,
        "MATCH (p:Person {entityId: $id})-[r:MEMBER_OF]->(o:Organization) "
        "RETURN p.name, p.aliases, r.role, o.name ORDER BY r.role",
        {"id": ZHOU.entity_id},
    )
    # Two roles in one organization: two relationships between the same two nodes.
    assert found == [
        ["周鸿祎", ["周鴻禕"], "创始人", "360集团"],
        ["周鸿祎", ["周鴻禕"], "董事长", "360集团"],
    ]


def test_kuzu_reads_hostile_strings_back_exactly(loaded: tuple[KnowledgeGraph, kuzu.Connection]) -> None:
    _, conn = loaded
    found = rows(
        conn,
        "MATCH (p:Person {entityId: $id})-[r:MEMBER_OF]->(o) RETURN p.name, p.aliases, r.role, o.name, o.entityId",
        {"id": HOSTILE_PERSON.entity_id},
    )
    assert found == [
        [
            HOSTILE_PERSON.label,
            [a.text for a in HOSTILE_PERSON.aliases],
            HOSTILE_ROLE,
            HOSTILE_ORG.label,
            HOSTILE_ORG.entity_id,
        ]
    ]


def test_kuzu_loads_a_pair_outside_the_expected_ends(loaded: tuple[KnowledgeGraph, kuzu.Connection]) -> None:
    _, conn = loaded
    found = rows(conn, "MATCH (p:Person)-[:LOCATED_IN]->(c:Place) RETURN p.name, c.name")
    assert found == [["周鸿祎", "北京"]]


def test_kuzu_columns_have_the_csv_types(loaded: tuple[KnowledgeGraph, kuzu.Connection]) -> None:
    _, conn = loaded
    node_types = {row[1]: row[2] for row in rows(conn, "CALL table_info('Person') RETURN *")}
    rel_types = {row[1]: row[2] for row in rows(conn, "CALL table_info('MEMBER_OF') RETURN *")}
    assert (node_types, rel_types) == (
        {c.prop: c.kuzu_type for c in columns(NODE_HEADER) if c.prop},
        {c.prop: c.kuzu_type for c in columns(RELATIONSHIP_HEADER) if c.prop},
    )


@pytest.mark.parametrize(
    ("field", "prop", "kuzu_type"),
    [("entityId:ID", "entityId", "STRING"), ("articleCount:int", "articleCount", "INT64"),
     ("confidence:float", "confidence", "DOUBLE"), ("former:boolean", "former", "BOOL"),
     ("aliases:string[]", "aliases", "STRING[]"), ("name", "name", "STRING")],
)  # fmt: skip
def test_csv_header_types_map_to_kuzu_types(field: str, prop: str, kuzu_type: str) -> None:
    (column,) = columns((field,))
    assert (column.prop, column.kuzu_type) == (prop, kuzu_type)


def test_kuzu_scripts_hold_no_data_values() -> None:
    export = to_neo4j(KnowledgeGraph.from_results(hostile_results()))
    values = [HOSTILE_PERSON.label, HOSTILE_ORG.label, HOSTILE_ROLE, *(a.text for a in HOSTILE_PERSON.aliases)]
    scripts = export.kuzu_schema + export.kuzu_load
    assert [v for v in values if v in scripts] == []


def test_kuzu_schema_declares_every_relationship_type() -> None:
    schema = to_neo4j(KnowledgeGraph()).kuzu_schema
    assert [t for t in RELATIONSHIP_TYPES if f"CREATE REL TABLE {t}(" not in schema] == []


def test_kuzu_loads_the_export_of_an_empty_graph(tmp_path: Path) -> None:
    conn = load(KnowledgeGraph(), tmp_path)
    assert rows(conn, "MATCH (n) RETURN count(n)") == [[0]]
