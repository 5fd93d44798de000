"""The learned person–organization–title decision (graph.extract.affiliation) with the shipped weights.

Every sentence here was written for this test: none comes from the seeds, the
evaluation sets or the training corpora.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from graph.core.records import EntityType
from graph.extract.affiliation import (
    FEATURES_VERSION,
    AffiliationModel,
    AffiliationModelError,
    MentionSpan,
    Span,
    joining_role,
    joining_roles,
    lac_mentions,
    pair_features,
    role_matches,
)
from graph.extract.affiliation.model import MODEL_DIR, WEIGHTS_FILE

ROOT = Path(__file__).resolve().parent.parent


def span(text: str, name: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name))


def names(text: str, persons: Sequence[str], orgs: Sequence[str]) -> tuple[list[Span], list[Span], list[MentionSpan]]:
    p = [span(text, n) for n in persons]
    o = [span(text, n) for n in orgs]
    mentions = sorted([*((a, b, "PER") for a, b in p), *((a, b, "ORG") for a, b in o)])
    return p, o, mentions


def joined(model: AffiliationModel, text: str, persons: Sequence[str], orgs: Sequence[str]) -> dict[tuple[str, str], float]:
    p, o, mentions = names(text, persons, orgs)
    return {(persons[i], orgs[j]): score for i, j, score in model.best_pairs(text, p, o, mentions)}


@pytest.fixture(scope="module")
def model() -> AffiliationModel:
    return AffiliationModel.shared()


def test_the_shipped_model_loads(model: AffiliationModel) -> None:
    path = MODEL_DIR / WEIGHTS_FILE
    assert path.stat().st_size < 5 * 1024 * 1024
    assert model.card["features_version"] == FEATURES_VERSION
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 50
    assert AffiliationModel.shared() is model  # loaded once per process


@pytest.mark.parametrize(
    ("text", "person", "org", "role"),
    [
        ("远川科技董事长林晓峰表示，公司今年的研发投入将翻一番。", "林晓峰", "远川科技", "董事长"),
        ("林晓峰，远川科技董事长，1970年生于福建。", "林晓峰", "远川科技", "董事长"),
        ("青禾大学校长陈思远在开学典礼上致辞。", "陈思远", "青禾大学", "校长"),
        ("林晓峰目前担任远川科技的首席科学家。", "林晓峰", "远川科技", "首席科学家"),
        ("作为远川科技的创始人，林晓峰一直关注芯片设计。", "林晓峰", "远川科技", "创始人"),
    ],
)
def test_joins_a_person_to_the_organization_of_the_title(
    model: AffiliationModel, text: str, person: str, org: str, role: str
) -> None:
    found = joined(model, text, [person], [org])
    assert found.get((person, org), 0.0) >= model.threshold
    p, o, mentions = names(text, [person], [org])
    match = joining_role(text, p[0], o[0], mentions)
    assert match is not None and match.word == role


def test_the_example_of_the_issue(model: AffiliationModel) -> None:
    text = "远川科技董事长林晓峰表示，公司今年将与华星银行签署合作协议。"
    found = joined(model, text, ["林晓峰"], ["远川科技", "华星银行"])
    assert set(found) == {("林晓峰", "远川科技")}
    p, o, mentions = names(text, ["林晓峰"], ["远川科技", "华星银行"])
    assert model.score(text, p[0], o[1], mentions) < model.threshold  # the partner, in another clause
    assert model.score(text, p[0], o[0], mentions) > 0.9


@pytest.mark.parametrize(
    ("text", "persons", "orgs", "expected"),
    [
        # A customer in another clause.
        ("远川科技董事长林晓峰在发布会上说，华星银行是公司最大的客户。", ["林晓峰"], ["远川科技", "华星银行"], {("林晓峰", "远川科技")}),
        # A partner named before the person's own organization.
        ("据远川科技介绍，其合作伙伴华星银行行长周明德也出席了签约仪式。", ["周明德"], ["远川科技", "华星银行"], {("周明德", "华星银行")}),
        # Two people, each with their own organization.
        (
            "远川科技创始人林晓峰与华星银行行长周明德共同出席了签约仪式。",
            ["林晓峰", "周明德"],
            ["远川科技", "华星银行"],
            {("林晓峰", "远川科技"), ("周明德", "华星银行")},
        ),
        # A visit is no affiliation when a title already joins the person elsewhere.
        ("记者从青禾大学获悉，该校副校长陈思远将带队访问华星银行。", ["陈思远"], ["青禾大学", "华星银行"], {("陈思远", "青禾大学")}),
    ],
)
def test_does_not_join_partners_and_customers(
    model: AffiliationModel, text: str, persons: list[str], orgs: list[str], expected: set[tuple[str, str]]
) -> None:
    assert set(joined(model, text, persons, orgs)) == expected


def test_a_second_organization_needs_a_title() -> None:
    text = "远川科技董事长林晓峰当选为福建省软件行业协会会长。"
    model = AffiliationModel.shared()
    found = joined(model, text, ["林晓峰"], ["远川科技", "福建省软件行业协会"])
    assert ("林晓峰", "远川科技") in found
    p, o, mentions = names(text, ["林晓峰"], ["远川科技", "福建省软件行业协会"])
    match = joining_role(text, p[0], o[1], mentions)
    assert match is not None and match.word == "会长"


def test_roles_of_a_chain_and_former_posts() -> None:
    text = "远川科技董事长、总裁林晓峰和华星银行原行长周明德"
    p, o, mentions = names(text, ["林晓峰", "周明德"], ["远川科技", "华星银行"])
    assert [r.word for r in joining_roles(text, p[0], o[0], mentions)] == ["董事长", "总裁"]
    nearest = joining_role(text, p[0], o[0], mentions)
    assert nearest is not None and nearest.word == "总裁" and not nearest.former
    former = joining_role(text, p[1], o[1], mentions)
    assert former is not None and former.word == "行长" and former.former
    # Another person stands between 远川科技's titles and 周明德: they are not his.
    assert joining_roles(text, p[1], o[0], mentions) == []


def test_a_title_followed_by_another_person_is_that_persons() -> None:
    text = "林晓峰，远川科技董事长王强的大学同学。"
    p, o, mentions = names(text, ["林晓峰", "王强"], ["远川科技"])
    assert joining_roles(text, p[0], o[0], mentions) == []
    assert [r.word for r in joining_roles(text, p[1], o[0], mentions)] == ["董事长"]


def test_role_words_inside_names_are_not_roles() -> None:
    text = "北京市长城电子公司总经理王强"
    mentions: list[MentionSpan] = [(*span(text, "北京市长城电子公司"), "ORG"), (*span(text, "王强"), "PER")]
    assert [r.word for r in role_matches(text)] == ["市长", "总经理"]
    assert [r.word for r in role_matches(text, mentions)] == ["总经理"]


def test_features_are_deterministic() -> None:
    text = "远川科技董事长林晓峰表示，公司今年将与华星银行签署合作协议。"
    p, o, mentions = names(text, ["林晓峰"], ["远川科技", "华星银行"])
    first = pair_features(text, p[0], o[0], mentions)
    assert first == pair_features(text, p[0], o[0], mentions)
    assert first == sorted(set(first))
    assert first == pair_features(text, p[0], o[0], list(reversed(mentions)))  # the order of the names does not matter
    assert "op:role_adjacent" in first and "order=op" in first
    # The pipeline's entity types read as LAC's labels.
    typed = [(a, b, EntityType.PERSON if label == "PER" else EntityType.ORGANIZATION) for a, b, label in mentions]
    assert pair_features(text, p[0], o[0], typed) == first
    model = AffiliationModel.shared()
    assert model.score(text, p[0], o[0], mentions) == model.score(text, p[0], o[0], typed)


def test_with_lac_names() -> None:
    from graph.extract.statistical import LacTagger

    text = "远川科技董事长林晓峰表示，公司今年将与华星银行签署合作协议。"
    mentions = lac_mentions(text, LacTagger.shared().tag(text))
    persons = [(a, b) for a, b, label in mentions if label == "PER"]
    orgs = [(a, b) for a, b, label in mentions if label == "ORG"]
    model = AffiliationModel.shared()
    pairs = {(text[slice(*persons[i])], text[slice(*orgs[j])]) for i, j, _ in model.best_pairs(text, persons, orgs, mentions)}
    assert pairs == {("林晓峰", "远川科技")}


def test_weights_of_other_features_are_refused(tmp_path: Path) -> None:
    card = json.loads((MODEL_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))
    card["features_version"] = FEATURES_VERSION + 1
    (tmp_path / WEIGHTS_FILE).write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(AffiliationModelError, match="features version"):
        AffiliationModel.load(tmp_path)
    with pytest.raises(AffiliationModelError, match="cannot read"):
        AffiliationModel.load(tmp_path / "missing")


# A tiny corpus in the DuIE format, written for this test.
_RECORDS = [
    ("远川科技董事长林晓峰出席了论坛。", [("林晓峰", "远川科技", "董事长")]),
    ("青禾大学校长陈思远在典礼上致辞。", [("陈思远", "青禾大学", "校长")]),
    ("周明德于2009年创办了华星物流公司。", [("周明德", "华星物流公司", "创始人")]),
    ("王海峰，男，1975年生，毕业于南江大学。", [("王海峰", "南江大学", "毕业院校")]),
    ("苏远航，华星银行董事长，长期从事金融工作。", [("苏远航", "华星银行", "董事长")]),
    ("东川学院校长刘志明会见了来访的客人。", [("刘志明", "东川学院", "校长")]),
    ("记者李文军昨天在北江市采访了当地农民。", []),
    ("张晓东说，华星银行的服务越来越好了。", []),
    ("北江电视台播出了赵云飞主演的新剧。", []),
    ("孙立平和周红梅在青禾公园散步。", []),
    ("远川科技与华星银行签署了合作协议，刘明亮出席。", []),
    ("南江大学的学生马晓雪获得了奖学金。", []),
]


def test_the_training_script_runs_and_is_deterministic(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    (corpora / "duie").mkdir(parents=True)
    with (corpora / "duie" / "train.jsonl").open("w", encoding="utf-8") as fh:
        for n, (text, relations) in enumerate(_RECORDS):
            rels = [{"person": p, "org": o, "predicate": r, "role": r} for p, o, r in relations]
            fh.write(json.dumps({"id": f"t-{n}", "text": text, "relations": rels, "negative": not rels}, ensure_ascii=False) + "\n")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = subprocess.run(
            [sys.executable, str(ROOT / "training" / "train_affiliation.py"), "--corpora", str(corpora), "--out", str(out)],
            capture_output=True, text=True, check=False, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        outputs.append((out / WEIGHTS_FILE).read_bytes())
    assert outputs[0] == outputs[1]
    training = AffiliationModel.load(tmp_path / "a").card["training"]
    assert isinstance(training, dict)
    assert training["records"] + training["dev_records"] == len(_RECORDS)


def test_the_training_script_refuses_evaluation_data(tmp_path: Path) -> None:
    corpora = tmp_path / "eval"
    (corpora / "duie").mkdir(parents=True)
    shutil.copy(MODEL_DIR / WEIGHTS_FILE, corpora / "duie" / "train.jsonl")  # never read
    result = subprocess.run(
        [sys.executable, str(ROOT / "training" / "train_affiliation.py"), "--corpora", str(corpora), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert result.returncode != 0 and "evaluation data" in result.stderr
    assert not (tmp_path / "out").exists()
