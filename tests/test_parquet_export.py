"""Parquet tables: DuckDB reads each file back with the graph's rows, types and text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from graph.cli import main as kg_main
from graph.core.errors import InputError
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Alias, ArticleMeta, ArticleResult, Entity, EntityType, Predicate
from graph.core.spool import write_results
from graph.outputs.exports import EXPORT_FORMATS, export_build, to_parquet_tables, write_parquet
from graph.outputs.exports.parquet import TABLE_COLUMNS, TABLE_NAMES
from tests.test_exports import (
    HOSTILE_PERSON,
    HOSTILE_ROLE,
    ArticleBuilder,
    hostile_results,
    news_results,
)

# Arrow type → what DuckDB calls it.
DUCKDB_TYPE = {
    "string": "VARCHAR",
    "int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
    "date32": "DATE",
    "list<string>": "VARCHAR[]",
}
# An unpaired surrogate (UTF-8 cannot hold it) in an article text: the reader
# never makes one, but a hand-made record could hold one.
ODD = Entity("person/张三", EntityType.PERSON, "张三", aliases=(Alias("張三", "script-variant"),))
ODD_TEXT = "记者\ud800张三报道：\r\n张三说“好”。"


def odd_results() -> list[ArticleResult]:
    builder = ArticleBuilder(ODD_TEXT.replace("\ud800", "X"))
    zhang = builder.entity(ODD, "张三")
    builder.fact(Predicate.QUOTATION, zhang, None, "张三说“好”。", text="好", rule="quote-colon")
    result = builder.result()
    meta = ArticleMeta(headline="报道", date="2024-03-05", authors=("记者甲",))
    return [replace(result, article=replace(result.article, text=ODD_TEXT, meta=meta))]


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.from_results([*news_results(), *hostile_results(), *odd_results()])


@pytest.fixture(scope="module")
def folder(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet") / "tables"
    write_parquet(kg, out)
    return out


def sql(folder: Path, query: str, *parameters: object) -> list[tuple[object, ...]]:
    """Run ``query`` with each table's file as a view named after the table."""
    conn = duckdb.connect()
    for name in TABLE_NAMES:
        conn.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder / name}.parquet')")
    return conn.execute(query, list(parameters)).fetchall()


def test_one_file_per_table(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [
        "articles.parquet",
        "entities.parquet",
        "facts.parquet",
        "mentions.parquet",
    ]


def test_row_counts_match_the_graph(kg: KnowledgeGraph, folder: Path) -> None:
    counts = {name: sql(folder, f"SELECT count(*) FROM {name}")[0][0] for name in TABLE_NAMES}
    assert counts == {
        "entities": len(kg.entities),
        "facts": len(kg.facts),
        "mentions": len(kg.mentions),
        "articles": len(kg.articles),
    }


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_columns_have_the_documented_names_and_types(folder: Path, table: str) -> None:
    described = [(row[0], row[1]) for row in sql(folder, f"DESCRIBE {table}")]
    assert described == [(c.name, DUCKDB_TYPE[c.type]) for c in TABLE_COLUMNS[table]]


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_not_null_columns_are_required_in_the_file(folder: Path, table: str) -> None:
    names = {c.name for c in TABLE_COLUMNS[table]}
    schema = sql(folder, "SELECT name, repetition_type FROM parquet_schema(?)", f"{folder / table}.parquet")
    required = {name: kind == "REQUIRED" for name, kind in schema if name in names}
    assert required == {c.name: not c.nullable for c in TABLE_COLUMNS[table]}


def test_facts_join_entities_by_id_to_names(folder: Path) -> None:
    memberships = sql(
        folder,
        """
        SELECT s.label, f.role, o.label
        FROM facts f JOIN entities s ON f.subject_id = s.entity_id JOIN entities o ON f.object_id = o.entity_id
        WHERE f.predicate = 'membership' AND o.entity_id NOT LIKE '%a,b%'
        ORDER BY f.confidence DESC, s.label
        """,
    )
    # 周鸿祎 is 创始人 of 360集团 in two articles: two facts, one per article.
    assert memberships == [
        ("刘庆峰", "董事长", "科大讯飞"),
        ("周鸿祎", "创始人", "360集团"),
        ("周鸿祎", "创始人", "360集团"),
    ]


def test_fact_provenance_points_into_the_article_text(folder: Path) -> None:
    mismatched = sql(
        folder,
        """
        SELECT f.fact_id FROM facts f JOIN articles a USING (article_id)
        WHERE substring(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) <> f.sentence
        """,
    )
    assert mismatched == []


def test_fact_evidence_names_mentions_at_their_offsets(folder: Path) -> None:
    evidence = sql(
        folder,
        """
        SELECT m.surface, substring(a.text, m.start + 1, m."end" - m.start)
        FROM (SELECT unnest(evidence_mention_ids) AS mention_id FROM facts) e
        JOIN mentions m USING (mention_id) JOIN articles a USING (article_id)
        """,
    )
    assert (len(evidence) > 0, [row for row in evidence if row[0] != row[1]]) == (True, [])


def test_provenance_columns_of_a_fact(folder: Path) -> None:
    row = sql(
        folder,
        "SELECT rule, confidence, sentence, former, object_id, quote FROM facts WHERE rule = 'org-release-model'",
    )
    assert row == [("org-release-model", 0.85, "OpenAI发布视频生成模型Sora。", False, "organization/openai", None)]


def test_chinese_text_round_trips(kg: KnowledgeGraph, folder: Path) -> None:
    texts = dict(sql(folder, "SELECT article_id, text FROM articles"))
    expected = {k: a.text.replace("\ud800", "\ufffd") for k, a in kg.articles.items()}
    assert texts == expected


def test_a_lone_surrogate_becomes_one_replacement_character(folder: Path) -> None:
    ((text, char_count),) = sql(folder, "SELECT text, char_count FROM articles WHERE headline = '报道'")
    assert (text, char_count) == (ODD_TEXT.replace("\ud800", "\ufffd"), len(ODD_TEXT))


def test_hostile_strings_read_back_unchanged(folder: Path) -> None:
    ((label, aliases, role),) = sql(
        folder,
        "SELECT e.label, e.aliases, f.role FROM entities e JOIN facts f ON f.subject_id = e.entity_id "
        "WHERE e.entity_id = ?",
        HOSTILE_PERSON.entity_id,
    )
    assert (label, aliases, role) == (HOSTILE_PERSON.label, [a.text for a in HOSTILE_PERSON.aliases], HOSTILE_ROLE)


def test_entity_counts_and_unknowns(folder: Path) -> None:
    rows = sql(
        folder,
        "SELECT entity_id, entity_type, article_count, mention_count, quote_count, lexicon_id FROM entities "
        "WHERE entity_id IN ('person/周鸿祎', 'software/sora') ORDER BY entity_id",
    )
    assert rows == [
        ("person/周鸿祎", "Person", 2, 3, 1, None),
        ("software/sora", "SoftwareApplication", 1, 1, 0, "sora"),
    ]


def test_article_metadata_is_typed(folder: Path) -> None:
    rows = sql(folder, "SELECT date, authors, keywords, url, language FROM articles WHERE headline = '报道'")
    assert rows == [(dt.date(2024, 3, 5), ["记者甲"], [], None, "zh-Hans")]


def test_quotation_has_no_object_and_its_text(folder: Path) -> None:
    rows = sql(
        folder, "SELECT subject_id, object_id, quote FROM facts WHERE predicate = 'quotation' ORDER BY subject_id"
    )
    assert rows == [("person/周鸿祎", None, "大模型将重塑每一个行业。"), ("person/张三", None, "好")]


def test_same_graph_gives_the_same_bytes(tmp_path: Path) -> None:
    write_parquet(KnowledgeGraph.from_results(news_results()), tmp_path / "a")
    write_parquet(KnowledgeGraph.from_results(reversed(news_results())), tmp_path / "b")
    files = {n: [(tmp_path / side / f"{n}.parquet").read_bytes() for side in "ab"] for n in TABLE_NAMES}
    assert [n for n, (a, b) in files.items() if a != b] == []


def test_empty_graph_gives_empty_tables() -> None:
    assert {name: table.num_rows for name, table in to_parquet_tables(KnowledgeGraph()).items()} == dict.fromkeys(
        TABLE_NAMES, 0
    )


def test_parquet_is_a_registered_folder_format() -> None:
    assert EXPORT_FORMATS["parquet"].writes_folder


def test_export_build_writes_and_replaces_the_tables(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    write_results(news_results(), build / "results.jsonl")
    export_build(build, to="parquet", out=tmp_path / "tables")
    export_build(build, to="parquet", out=tmp_path / "tables")
    assert (sql(tmp_path / "tables", "SELECT count(*) FROM entities"), sorted(p.name for p in tmp_path.iterdir())) == (
        [(8,)],
        ["build", "tables"],
    )


def test_a_folder_with_other_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="other files"):
        write_parquet(KnowledgeGraph.from_results(news_results()), tmp_path / "tables")


def test_cli_exports_parquet(tmp_path: Path) -> None:
    build = tmp_path / "build"
    build.mkdir()
    write_results(news_results(), build / "results.jsonl")
    code = kg_main(["export", str(build), "--to", "parquet", "--out", str(tmp_path / "tables")])
    assert (code, sql(tmp_path / "tables", "SELECT count(*) FROM facts")) == (0, [(6,)])
