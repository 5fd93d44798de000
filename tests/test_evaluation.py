"""Evaluation: exact scores on a tiny graph, the same numbers as the shared scorer, clean errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.core.errors import InputError
from graph.evaluation.gold import Gold, load_gold, normalize_name
from graph.evaluation.report import format_report, scores_to_json
from graph.evaluation.scores import Scores, Spurious, SystemAffiliation
from graph.evaluation.scoring import score_graph

ROOT = Path(__file__).resolve().parent.parent
# The evaluation script beside the repository, as README.md runs it (KG_SCORER overrides).
SCORER = Path(os.environ.get("KG_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))
SEEDS_GOLD = SCORER.parent / "seeds.gold.json"
REAL_GOLD = SCORER.parent / "real" / "real.gold.json"
SEEDS_GRAPH = ROOT / "output" / "graph.ttl"

# rdflib's own Dataset code (which the scorer uses too) warns about its own deprecated names.
pytestmark = [
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

# Three people (one in Traditional script, one twice, one unknown), an organization named as a
# model in the gold (wrong type), a membership with a role, a direct link the gold does not
# have, a model with its maker, and one quotation; shaped as `kg build` writes graph.ttl.
TINY_GRAPH = """\
@prefix schema: <https://schema.org/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kg: <https://w3id.org/cnkg/ontology#> .
@base <https://w3id.org/cnkg/id/> .

<person/周鸿祎> a schema:Person ;
    rdfs:label "周鸿祎"@zh-Hans ;
    skos:prefLabel "周鸿祎"@zh-Hans .

<person/周鴻禕> a schema:Person ;
    rdfs:label "周鴻禕"@zh-Hant .

<person/刘庆峰> a schema:Person ;
    rdfs:label "劉慶峰"@zh-Hant ;
    org:memberOf <organization/360集团> .

<person/王五> a schema:Person ;
    rdfs:label "王五"@zh-Hans .

<organization/360集团> a schema:Organization ;
    rdfs:label "360集团"@zh-Hans .

<organization/科大讯飞> a schema:Organization ;
    skos:prefLabel "科大讯飞"@zh-Hans ;
    skos:altLabel "iFLYTEK" .

<organization/星火> a schema:Organization ;
    rdfs:label "星火"@zh-Hans .

<softwareapplication/讯飞星火> a schema:SoftwareApplication, kg:AIModel ;
    rdfs:label "讯飞星火"@zh-Hans ;
    schema:creator <organization/科大讯飞> .

<role/董事长> a org:Role ;
    rdfs:label "董事长"@zh-Hans .

<membership/1> a org:Membership ;
    org:member <person/周鸿祎> ;
    org:organization <organization/360集团> ;
    org:role <role/董事长> .

<quotation/1> a schema:Quotation ;
    schema:creator <person/周鸿祎> ;
    schema:text "大模型是新的工业革命。"@zh-Hans .
"""
TINY_TRIPLES = 30

TINY_GOLD = {
    "docs": {"000": "000.txt"},
    "entities": [
        {"label": "周鸿祎", "type": "Person", "docs": ["000"], "aliases": ["周鴻禕"], "core": True},
        {"label": "刘庆峰", "type": "Person", "docs": ["000"], "aliases": ["劉慶峰"], "core": True},
        {"label": "张三", "type": "Person", "docs": ["000"], "aliases": [], "core": True},
        {"label": "360集团", "type": "Organization", "docs": ["000"], "aliases": ["360"], "core": True},
        {"label": "科大讯飞", "type": "Organization", "docs": ["000"], "aliases": [], "core": True},
        {"label": "讯飞星火", "type": "Model", "docs": ["000"], "aliases": ["星火"], "core": True},
    ],
    "affiliations": [
        {"person": "周鸿祎", "org": "360集团", "role": "董事长", "docs": ["000"], "core": True},
        {"person": "刘庆峰", "org": "科大讯飞", "role": "董事长", "docs": ["000"], "core": True},
    ],
    "created": [{"model": "讯飞星火", "org": "科大讯飞", "docs": ["000"], "core": True}],
    "quoted": [{"person": "周鸿祎", "docs": ["000"]}, {"person": "刘庆峰", "docs": ["000"]}],
}


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture()
def tiny_files(tmp_path: Path) -> tuple[Path, Path]:
    """The tiny gold and graph on disk, as `kg eval` is given them."""
    graph = tmp_path / "graph.ttl"
    graph.write_text(TINY_GRAPH, encoding="utf-8")
    return _write_json(tmp_path / "gold.json", TINY_GOLD), graph


@pytest.fixture()
def tiny_scores(tiny_files: tuple[Path, Path]) -> Scores:
    gold, graph = tiny_files
    return score_graph(load_gold(gold), [graph])


def _reference(gold: Path, graphs: list[Path]) -> object:
    """What the shared scorer prints with --json for these files."""
    run = subprocess.run(
        [sys.executable, str(SCORER), str(gold), *map(str, graphs), "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(run.stdout)


# --- names and the gold -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("劉慶峰", "刘庆峰"),
        ("《GPT-4o》", "gpt4o"),
        ("DALL·E 3", "dalle3"),
        ("Ｏｐｅｎ＿ＡＩ", "openai"),
    ],
)
def test_names_compare_across_script_case_width_and_punctuation(name: str, normalized: str) -> None:
    assert normalize_name(name) == normalized


def test_the_gold_loads_as_typed_records(tiny_files: tuple[Path, Path]) -> None:
    gold = load_gold(tiny_files[0])
    assert isinstance(gold, Gold)
    assert gold.entities[0].label == "周鸿祎" and gold.entities[0].aliases == ("周鴻禕",)
    assert [a.role for a in gold.affiliations] == ["董事长", "董事长"]
    assert [q.person for q in gold.quoted] == ["周鸿祎", "刘庆峰"]


# --- exact scores on the tiny graph -----------------------------------------------------------


def test_entity_scores_per_type_are_exact(tiny_scores: Scores) -> None:
    person, organization, model = tiny_scores.types
    # Person: 4 in the graph, 3 of them gold (周鸿祎 twice); 2 of the 3 core people found.
    assert (person.precision, person.recall) == (3 / 4, 2 / 3)
    assert person.f1 == pytest.approx(12 / 17)
    assert (organization.precision, organization.recall) == (2 / 3, 1.0)
    assert organization.f1 == pytest.approx(0.8)
    assert (model.precision, model.recall, model.f1) == (1.0, 1.0, 1.0)
    assert (tiny_scores.entities.precision, tiny_scores.entities.recall) == (6 / 8, 5 / 6)


def test_a_core_entity_no_node_names_is_missed(tiny_scores: Scores) -> None:
    assert tiny_scores.types[0].missed == ("张三",)


def test_entities_not_in_the_gold_are_unknown_or_of_the_wrong_type(tiny_scores: Scores) -> None:
    person, organization, _ = tiny_scores.types
    assert person.spurious == (Spurious(reason="unknown", names=("王五",)),)
    # 星火 is a model's alias in the gold, so an organization named so is the wrong type.
    assert organization.spurious == (Spurious(reason="wrong-type", names=("星火",)),)


def test_two_nodes_for_one_gold_entity_are_a_duplicate(tiny_scores: Scores) -> None:
    assert tiny_scores.types[0].duplicates == (("周鸿祎", 2),)


def test_affiliations_created_and_quoted_are_exact(tiny_scores: Scores) -> None:
    affiliations, created, quoted = tiny_scores.affiliations, tiny_scores.created, tiny_scores.quoted
    assert (affiliations.precision, affiliations.recall, affiliations.role_recall) == (0.5, 0.5, 0.5)
    assert affiliations.missed == (("刘庆峰", "科大讯飞"),)
    assert affiliations.spurious == (SystemAffiliation(pair=("刘庆峰", "360集团"), roles=()),)
    assert (created.precision, created.recall, created.system) == (1.0, 1.0, 1)
    assert (quoted.recall, quoted.system_people, quoted.missed) == (0.5, 1, ("刘庆峰",))
    assert tiny_scores.triples == TINY_TRIPLES


def test_the_json_has_the_scorers_keys_and_rounded_values(tiny_scores: Scores) -> None:
    assert scores_to_json(tiny_scores) == {
        "Person": {"precision": 0.75, "recall": 0.667, "f1": 0.706, "system": 4, "gold_core": 3,
                   "duplicates": {"周鸿祎": 2}},
        "Organization": {"precision": 0.667, "recall": 1.0, "f1": 0.8, "system": 3, "gold_core": 2,
                         "duplicates": {}},
        "Model": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "system": 1, "gold_core": 1,
                  "duplicates": {}},
        "entities": {"precision": 0.75, "recall": 0.833, "f1": 0.789},
        "affiliations": {"precision": 0.5, "recall": 0.5, "f1": 0.5, "role_recall": 0.5, "system": 2},
        "created": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "system": 1},
        "quoted": {"recall": 0.5, "system_people": 1},
        "triples": TINY_TRIPLES,
    }  # fmt: skip


def test_the_report_lists_misses_and_extras_only_when_asked(tiny_scores: Scores) -> None:
    short = format_report(tiny_scores, show=False)
    full = format_report(tiny_scores, show=True)
    assert short.splitlines()[0] == "Person        P=0.750 R=0.667 F1=0.706  system=4 gold=3 dup=1"
    assert "张三" not in short
    for line in ("   missed (1): 张三", "   not in gold (unknown) (1): 王五",
                 "   duplicates (1): 周鸿祎 ×2", "   not in gold (1): 刘庆峰 → 360集团"):  # fmt: skip
        assert line in full.splitlines()


# --- the same numbers as the shared scorer ----------------------------------------------------


def test_the_tiny_graph_scores_as_the_shared_scorer_does(tiny_files: tuple[Path, Path]) -> None:
    gold, graph = tiny_files
    assert scores_to_json(score_graph(load_gold(gold), [graph])) == _reference(gold, [graph])


@pytest.mark.parametrize("gold", [SEEDS_GOLD, REAL_GOLD], ids=["seeds-gold", "real-gold"])
def test_the_seeds_build_scores_as_the_shared_scorer_does(gold: Path) -> None:
    ours = scores_to_json(score_graph(load_gold(gold), [SEEDS_GRAPH]))
    assert ours == _reference(gold, [SEEDS_GRAPH])


def test_several_files_are_read_as_one_graph() -> None:
    graphs = [ROOT / "output" / "graph.trig", ROOT / "output" / "graph.nq"]
    ours = scores_to_json(score_graph(load_gold(SEEDS_GOLD), graphs))
    assert ours == _reference(SEEDS_GOLD, graphs)


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ("[]", "the top level must be a JSON object"),
        (json.dumps({**TINY_GOLD, "entities": None}), "'entities' must be a list"),
        (json.dumps({**TINY_GOLD, "entities": [{"label": "周鸿祎", "type": "Person", "aliases": []}]}),
         "entities[0].core must be true or false"),
        (json.dumps({**TINY_GOLD, "entities": [{"label": "x", "type": "Place", "aliases": [], "core": True}]}),
         "entities[0].type is 'Place'"),
        (json.dumps({**TINY_GOLD, "quoted": [{"docs": []}]}), "quoted[0].person must be a string"),
    ],
    ids=["not-json", "not-object", "no-entities", "no-core", "unknown-type", "no-person"],
)  # fmt: skip
def test_a_malformed_gold_file_is_an_input_error_naming_it(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.gold\.json") as caught:
        load_gold(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_a_missing_gold_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the gold file"):
        load_gold(tmp_path / "absent.json")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("graph.csv", "", "not an RDF file"), ("graph.ttl", "<a> <b> .", "cannot read it as turtle")],
    ids=["suffix", "syntax"],
)
def test_an_unreadable_graph_is_an_input_error_naming_it(
    tiny_files: tuple[Path, Path], name: str, content: str, message: str
) -> None:
    graph = tiny_files[1].with_name(name)
    graph.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        score_graph(load_gold(tiny_files[0]), [graph])
    assert str(graph) in str(caught.value)


def test_the_gold_example_in_the_docs_loads_and_scores(tmp_path: Path) -> None:
    """docs/evaluation.md shows users how to write a gold file: its example is a valid one."""
    text = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    example = text.split("```json", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.gold.json"
    path.write_text(example, encoding="utf-8")
    gold = load_gold(path)
    assert [e.label for e in gold.entities if e.core] == ["林晓峰", "远川科技", "远川大模型"]
    assert [(a.person, a.org, a.role) for a in gold.affiliations] == [("林晓峰", "远川科技", "董事长")]
