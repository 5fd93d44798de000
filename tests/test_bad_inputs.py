"""`kg build` on a corpus of bad and hostile files, through the real command line.

The committed corpus (tests/data/bad_inputs/) holds good articles in awkward
encodings and files that are not articles at all; a 50 MB single-line file
and a missing path are added at test time. The build must read every good
article, skip every bad file with its path and reason (in the printed summary
and in problems.jsonl), exit 0, and never show a traceback; ``--strict`` turns
any problem into a clean non-zero exit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.cli import main
from graph.ingest.reading import MAX_ARTICLE_CHARS

ROOT = Path(__file__).resolve().parent.parent
BAD_INPUTS = Path(__file__).resolve().parent / "data" / "bad_inputs"
HUGE_FILE = "huge_single_line.txt"
HUGE_LINE = "科大讯飞董事长刘庆峰表示，通用人工智能是全球科技竞争的焦点。" * 560_000  # ~50 MB of UTF-8
# A build of this small corpus takes seconds; a minute means something hangs.
BUILD_TIMEOUT_S = 300


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    corpus: Path
    missing: Path
    out: Path


def _kg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph.cli", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "corpus"
    shutil.copytree(BAD_INPUTS, folder)
    (folder / HUGE_FILE).write_text(HUGE_LINE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cli_run(corpus: Path) -> CliRun:
    missing = corpus.parent / "no_such_article.txt"
    out = corpus.parent / "out"
    done = _kg("build", corpus, missing, "--out", out)
    return CliRun(done.returncode, done.stdout, done.stderr, corpus, missing, out)


def _results(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def _problems(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "problems.jsonl").read_text(encoding="utf-8").splitlines()]


def test_build_with_bad_inputs_exits_0(cli_run):
    assert cli_run.returncode == 0, cli_run.stderr


def test_build_with_bad_inputs_shows_no_traceback(cli_run):
    assert "Traceback" not in cli_run.stderr + cli_run.stdout


# (file, encoding read, person, organization): a membership between the two
# shows that the text was decoded right and survived cleaning.
GOOD_ARTICLES = [
    ("gbk_simplified.txt", "gb18030", "刘庆峰", "科大讯飞"),
    ("big5_traditional.txt", "big5", "席宁", "香港大学新兴技术研究所"),
    ("utf16_with_bom.txt", "utf-16", "周鸿祎", "360集团"),
    ("utf8_with_bom.md", "utf-8-sig", "李彦宏", "百度"),
    ("gbk_with_stray_nul.txt", "gb18030", "蔡崇信", "阿里巴巴"),
    ("full_page.html", "utf-8", "徐立", "商汤科技"),
    ("malformed.jsonl#L9", "utf-8", "杨植麟", "月之暗面"),
]


@pytest.mark.parametrize(("name", "encoding", "person", "organization"), GOOD_ARTICLES, ids=[g[0] for g in GOOD_ARTICLES])
def test_good_article_is_read_and_its_membership_extracted(cli_run, name, encoding, person, organization):
    by_source = {r["article"]["source"]: r for r in _results(cli_run.out)}
    result = by_source[str(cli_run.corpus / name)]
    memberships = {(f["subject"], f["object"]) for f in result["facts"] if f["predicate"] == "membership"}
    assert result["article"]["encoding"] == encoding
    assert (f"person/{person}", f"organization/{organization}") in memberships


def test_jsonl_line_with_a_url_is_read_under_its_url(cli_run):
    sources = {r["article"]["source"] for r in _results(cli_run.out)}
    assert "https://news.example.com/zhipu/1" in sources


def test_every_article_read_is_a_good_one(cli_run):
    expected = {str(cli_run.corpus / name) for name, *_ in GOOD_ARTICLES} | {"https://news.example.com/zhipu/1"}
    assert {r["article"]["source"] for r in _results(cli_run.out)} == expected


# (file relative to the corpus, or None for the missing path; JSON line; reason or its start).
BAD_FILES = [
    ("empty.txt", None, "empty file"),
    ("only_whitespace.txt", None, "empty: only whitespace"),
    ("only_punctuation.txt", None, "no words: only punctuation or symbols"),
    ("image_named_as_text.txt", None, "binary or undecodable file"),
    (HUGE_FILE, None, f"article too long ({len(HUGE_LINE.encode()):,} bytes, more than {MAX_ARTICLE_CHARS:,} characters)"),
    ("malformed.jsonl", 2, "malformed JSON: Expecting ',' delimiter"),
    ("malformed.jsonl", 3, "missing or empty 'text' field"),
    ("malformed.jsonl", 4, "missing or empty 'text' field"),  # a number, not a string
    ("malformed.jsonl", 5, "missing or empty 'text' field"),  # blanks only
    ("malformed.jsonl", 6, "line is not a JSON object"),
    ("malformed.jsonl", 7, "line is not a JSON object"),  # null
    ("malformed.jsonl", 8, "malformed JSON: Expecting value"),
    ("malformed.jsonl", 10, "malformed JSON: Unterminated string starting at"),  # cut off, no newline
    (None, None, "no such file or folder"),
]
BAD_IDS = [f"{name or 'missing'}{f':{line}' if line else ''}" for name, line, _ in BAD_FILES]


def _bad_path(run: CliRun, name: str | None) -> str:
    return str(run.corpus / name if name else run.missing)


@pytest.mark.parametrize(("name", "line", "reason"), BAD_FILES, ids=BAD_IDS)
def test_bad_input_is_in_problems_jsonl_with_path_and_reason(cli_run, name, line, reason):
    assert {"path": _bad_path(cli_run, name), "line": line, "reason": reason} in _problems(cli_run.out)


def _skipped_lines(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if line.startswith("  skipped ")]


@pytest.mark.parametrize(("name", "line", "reason"), BAD_FILES, ids=BAD_IDS)
def test_bad_input_is_in_the_printed_summary(cli_run, name, line, reason):
    # Path and reason on one line, however a JSON line's number is shown there.
    path = _bad_path(cli_run, name)
    assert any(path in shown and reason in shown for shown in _skipped_lines(cli_run.stdout))


def test_problems_jsonl_holds_only_the_bad_inputs(cli_run):
    assert len(_problems(cli_run.out)) == len(BAD_FILES)


def test_summary_counts_the_problems(cli_run):
    assert f"problems: {len(BAD_FILES)} (see {cli_run.out / 'problems.jsonl'})" in cli_run.stdout.splitlines()


# Names that only the page's script, style, navigation, side bar and noscript hold.
@pytest.mark.parametrize("name", ["马云", "马化腾", "雷军", "任正非", "阿里巴巴"])
def test_html_page_boilerplate_gives_no_entity(cli_run, name):
    (page,) = [r for r in _results(cli_run.out) if r["article"]["source"].endswith("full_page.html")]
    assert name not in {e["label"] for e in page["entities"]}


def test_strict_build_fails_cleanly_on_the_first_problem(corpus, tmp_path, capsys):
    # In this process: an exception would fail the test; the model loads once for the module.
    code = main(["build", str(corpus), "--strict", "--quiet", "--out", str(tmp_path / "out")])
    assert (code, capsys.readouterr().err) == (2, f"kg build: error: {corpus / 'empty.txt'}: empty file\n")


def test_strict_build_writes_no_output(corpus, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(corpus / "empty.txt"), str(corpus / "gbk_simplified.txt"), "--strict", "--quiet", "--out", str(out)]) == 2
    assert not out.exists()


def test_strict_build_without_problems_exits_0(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(BAD_INPUTS / "gbk_simplified.txt"), "--strict", "--quiet", "--out", str(out)]) == 0
    assert _problems(out) == []


def test_build_with_nothing_readable_fails_cleanly(tmp_path, capsys):
    code = main(["build", str(BAD_INPUTS / "empty.txt"), "--quiet", "--out", str(tmp_path / "out")])
    assert (code, capsys.readouterr().err) == (2, f"kg build: error: no article could be read: {BAD_INPUTS / 'empty.txt'}: empty file\n")


def test_unreadable_file_is_skipped_with_its_reason(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BAD_INPUTS / "gbk_simplified.txt", corpus / "good.txt")
    locked = corpus / "locked.txt"
    shutil.copy(BAD_INPUTS / "big5_traditional.txt", locked)
    locked.chmod(0)
    if os.geteuid() == 0:
        # chmod 000 does not stop root (CI containers run as root): refuse the read the way the OS would.
        real_read_bytes = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    out = tmp_path / "out"
    assert main(["build", str(corpus), "--quiet", "--out", str(out)]) == 0
    assert _skipped_lines(capsys.readouterr().out) == [f"skipped {locked}: cannot read: Permission denied"]
    assert _problems(out) == [{"path": str(locked), "line": None, "reason": "cannot read: Permission denied"}]
