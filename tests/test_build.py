"""``kg build`` as a whole: parallel workers, incremental updates, the manifest."""

from __future__ import annotations

import os
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

from graph.build.intake import MANIFEST_FILE
from graph.build.run import BuildOptions, build
from graph.cli import main
from graph.core.spool import RESULTS_FILE

ROOT = Path(__file__).resolve().parents[1]
GRAPH_FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.html", RESULTS_FILE)

ARTICLE_A = "科大讯飞董事长刘庆峰表示，讯飞星火大模型将在十月发布新版本。"
ARTICLE_B = "智谱AI CEO张鹏说，GLM-4的能力逼近GPT-4 Turbo。"
ARTICLE_B2 = "智谱AI CEO张鹏说，GLM-4的能力已经超过GPT-4。"
ARTICLE_C = "香港大学新兴技术研究所所长席宁指出，人工智能将改变制造业。"


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in GRAPH_FILES}


def _build(inputs: list[Path], out: Path, **options: object) -> object:
    _, summary = build(BuildOptions(inputs=tuple(inputs), out_dir=out, **options))
    return summary


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return folder


def test_two_jobs_give_the_same_build_as_one(tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    _build([seeds], tmp_path / "one")
    _build([seeds], tmp_path / "two", jobs=2)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_update_reuses_unchanged_files_without_reading_them(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    _build([corpus], out)
    read: list[str] = []
    import graph.build.intake as build_module

    real_read_file = build_module.read_file
    monkeypatch.setattr(build_module, "read_file", lambda path: (read.append(path.name), real_read_file(path))[1])
    summary = _build([corpus], out, update=True)
    assert read == []
    assert summary.articles_read == 0 and summary.articles_reused == 2


def test_update_with_a_changed_and_a_new_article_equals_a_full_rebuild(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build([corpus], out)
    (corpus / "b.txt").write_text(ARTICLE_B2, encoding="utf-8")
    os.utime(corpus / "b.txt", ns=(1, 1))  # a changed file, whatever the clock's resolution
    (corpus / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    summary = _build([corpus], out, update=True)
    assert summary.articles_read == 2 and summary.articles_reused == 1
    _build([corpus], tmp_path / "full")
    assert _files(out) == _files(tmp_path / "full")
    assert "超过GPT-4" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert "逼近GPT-4 Turbo" not in (out / "graph.ttl").read_text(encoding="utf-8")


def test_update_keeps_articles_of_files_not_named_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build([corpus], out)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    _build([extra], out, update=True)
    shutil.copy(extra / "c.txt", corpus / "c.txt")
    _build([corpus], tmp_path / "full")
    # Same graph; only the source path of c differs between the two builds.
    assert (out / "graph.nq").read_text(encoding="utf-8").count("席宁") > 0
    assert len((out / RESULTS_FILE).read_text(encoding="utf-8").splitlines()) == 3


def test_a_damaged_manifest_means_reading_everything_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build([corpus], out)
    (out / MANIFEST_FILE).write_text("{not json", encoding="utf-8")
    summary = _build([corpus], out, update=True)
    # Read again, but the texts are known: nothing is extracted twice.
    assert summary.articles_read == 0 and summary.articles_reused == 2


def test_an_extraction_failure_is_a_problem_not_a_crash(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from graph.extract.article import ArticleExtractor

    real = ArticleExtractor._extract_prepared

    def failing(self, prepared):
        if "张鹏" in prepared.article.text:
            raise RuntimeError("rule bug")
        return real(self, prepared)

    # Both articles are in one batch: the other one is still extracted.
    monkeypatch.setattr(ArticleExtractor, "_extract_prepared", failing)
    summary = _build([corpus], tmp_path / "out")
    assert summary.articles_read == 1
    (problem,) = summary.problems
    assert problem.path.endswith("b.txt") and "RuntimeError: rule bug" in problem.reason


def test_the_lac_segmenter_gives_the_same_graph(seeds_build, tmp_path: Path) -> None:
    _, _, pkuseg_out = seeds_build
    _build([Path("seeds")], tmp_path, segmenter="lac")
    for name in GRAPH_FILES:
        assert (tmp_path / name).read_bytes() == (pkuseg_out / name).read_bytes(), name


@pytest.mark.parametrize(
    "text",
    ["科大讯飞董事长刘庆峰表示。", "第一句。\n\n  第二句 Sora 的诞生 ", "", "   ", "a\tb\u3000c"],
)
def test_lac_tokens_tile_the_text(text: str) -> None:
    from graph.extract.nlp import load_pipeline

    doc = load_pipeline("lac").make_doc(text)
    assert doc.text == text
    assert all(t.text.strip() == t.text or not t.text.strip() for t in doc)  # whitespace apart


def test_a_long_error_message_is_cut_in_the_problem(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from graph.build.engines.local import MAX_REASON
    from graph.extract.article import ArticleExtractor

    real = ArticleExtractor._extract_prepared

    def failing(self, prepared):
        if "张鹏" in prepared.article.text:
            raise ValueError("cannot align " + prepared.article.text * 1000)
        return real(self, prepared)

    monkeypatch.setattr(ArticleExtractor, "_extract_prepared", failing)
    (problem,) = _build([corpus], tmp_path / "out").problems
    assert "ValueError: cannot align" in problem.reason
    assert problem.reason.endswith("…") and len(problem.reason) < MAX_REASON + 100


def test_a_killed_builds_temporary_files_are_removed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".graph.ttl.12345.deadbeef.tmp"
    stale.write_text("half a graph", encoding="utf-8")
    _build([corpus], out)
    assert not stale.exists() and (out / "graph.ttl").is_file()


def test_an_update_that_reuses_everything_loads_no_pipeline(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    _build([corpus], out)
    import graph.extract.article as article_module

    def no_pipeline(*args, **kwargs):
        raise AssertionError("the pipeline was loaded")

    monkeypatch.setattr(article_module, "ArticleExtractor", no_pipeline)
    summary = _build([corpus], out, update=True)
    assert summary.articles_reused == 2


def test_build_into_an_existing_file_is_a_clean_error(corpus: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "taken.txt"
    target.write_text("not a build", encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(target), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err == f"kg build: error: {target} is a file; --out takes a folder (new, or an earlier build)\n"
    assert target.read_text(encoding="utf-8") == "not a build"


def test_version_names_the_installed_distribution(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"kg {version('zh-news-kg')}\n"
