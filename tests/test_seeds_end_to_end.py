"""End-to-end: the five seed articles give the named facts, one node per entity."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from rdflib import Graph

from graph.build.run import BuildOptions, build
from graph.core.records import EntityType, Predicate
from tests.conftest import ROOT


def _entity(kg, label):
    found = [e for e in kg.entities.values() if e.label == label or label in {a.text for a in e.aliases}]
    assert len(found) == 1, f"{label}: {[e.entity_id for e in found]}"
    return found[0]


def _facts(kg, predicate, subject, obj=None):
    return [
        f for f in kg.facts
        if f.predicate is predicate and f.subject_id == subject.entity_id and (obj is None or f.object_id == obj.entity_id)
    ]


@pytest.mark.parametrize(
    ("person", "org", "role"),
    [("刘庆峰", "科大讯飞", "董事长"), ("周鸿祎", "360集团", "创始人"), ("席宁", "香港大学新兴技术研究所", "所长"),
     ("张鹏", "智谱AI", "CEO"), ("慎海雄", "中宣部", "副部长")],
)
def test_memberships(seeds_build, person, org, role):
    kg = seeds_build[0]
    facts = _facts(kg, Predicate.MEMBERSHIP, _entity(kg, person), _entity(kg, org))
    assert role in {f.role for f in facts}


@pytest.mark.parametrize(("model", "org"), [("Sora", "OpenAI"), ("Etna", "七火山"), ("讯飞星火", "科大讯飞"), ("盘古气象大模型", "华为云")])
def test_creators(seeds_build, model, org):
    kg = seeds_build[0]
    assert _facts(kg, Predicate.CREATOR, _entity(kg, model), _entity(kg, org))


@pytest.mark.parametrize(("traditional", "simplified"), [("席寧", "席宁"), ("周鴻禕", "周鸿祎"), ("訊飛星火認知大模型", "讯飞星火")])
def test_script_variants_are_one_node(seeds_build, traditional, simplified):
    kg = seeds_build[0]
    assert _entity(kg, traditional) is _entity(kg, simplified)


def test_distinct_models_stay_distinct(seeds_build):
    kg = seeds_build[0]
    assert _entity(kg, "GPT-4").entity_id != _entity(kg, "GPT-4 Turbo").entity_id
    assert _entity(kg, "华为云").entity_id != _entity(kg, "华为").entity_id


def test_quotations_have_speakers_and_text(seeds_build):
    kg = seeds_build[0]
    quoted = {kg.entities[f.subject_id].label for f in kg.facts if f.predicate is Predicate.QUOTATION}
    assert {"席宁", "刘庆峰", "周鸿祎", "胡权", "杜奕瑾"} <= quoted


def test_mention_offsets_point_at_original_text(seeds_build):
    kg = seeds_build[0]
    for m in kg.mentions:
        assert kg.articles[m.article_id].text[m.start : m.end] == m.surface


def test_no_junk_from_trailing_snippet(seeds_build):
    kg = seeds_build[0]
    labels = {e.label for e in kg.entities.values() if e.entity_type is EntityType.PERSON}
    assert "李振兴" not in labels and "冷友斌" not in labels


def test_turtle_parses_and_build_is_byte_identical(seeds_build, tmp_path, monkeypatch):
    _, _, out = seeds_build
    Graph().parse(out / "graph.ttl", format="turtle")
    monkeypatch.chdir(ROOT)
    build(BuildOptions(inputs=(Path("seeds"),), out_dir=tmp_path))
    for name in ("graph.ttl", "graph.trig", "graph.nq", "results.jsonl"):
        assert filecmp.cmp(out / name, tmp_path / name, shallow=False), name


def test_committed_output_is_the_fresh_build(seeds_build):
    _, _, out = seeds_build
    for name in ("graph.ttl", "graph.trig", "graph.nq", "results.jsonl"):
        assert filecmp.cmp(out / name, ROOT / "output" / name, shallow=False), name
