"""A `kg build` killed with SIGKILL leaves the previous build readable, and
`kg build --update` afterwards gives the same build as a full rebuild.

The previous build is of corpus v1 (the openings of the five seeds, to keep
the test fast); the killed run is `kg build --update` of v2 (one edited,
six articles added). It is killed
at three moments:

* during extraction, from outside, as soon as it reports progress;
* after the first output file is renamed into place, and
* before the last one is: from inside, by a wrapper around ``os.replace``
  that sends the process SIGKILL at the n-th rename into the output folder,
  so the moment between two files is exact rather than a race.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest

from graph.cli import main
from graph.core.spool import iter_results

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RUN_TIMEOUT_S = 300
# What the added articles open with: each one a new text, so a new article to extract.
ADDED_OPENING = "第{n}期：月之暗面创始人杨植麟表示，长文本能力是大模型的关键。\n"
ADDED_ARTICLES = 6
# Characters of each seed used: a few sentences, so extraction takes seconds, not tens.
SEED_OPENING_CHARS = 1200
EDIT = "\n另据报道，百度创始人李彦宏表示，文心一言的用户数已经超过一亿。\n"

# Runs `kg build` with os.replace wrapped: SIGKILL just before the KILL_BEFORE-th
# rename into the output folder (its temporary file is whole; it and the files
# after it are still the old ones).
KILLING_KG = """
import os, signal, sys
from pathlib import Path
out, kill_before = Path(sys.argv.pop(1)).resolve(), int(sys.argv.pop(1))
real_replace, renamed = os.replace, []
def replace(src, dst, *args, **kwargs):
    target = Path(dst).resolve()
    if target.parent == out and not target.name.startswith("."):
        if len(renamed) + 1 == kill_before:
            os.kill(os.getpid(), signal.SIGKILL)
        renamed.append(target.name)
    return real_replace(src, dst, *args, **kwargs)
os.replace = replace
from graph.cli import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass(frozen=True)
class Builds:
    corpus: Path  # v2 by now
    previous: Path  # the complete build of v1
    reference: Path  # a full build of v2
    output_files: tuple[str, ...]


@dataclass(frozen=True)
class Interrupted:
    out: Path
    returncode: int
    renamed: tuple[str, ...]  # output files the killed run had replaced
    stderr: str


def _build_in_process(*args: str | Path) -> None:
    assert main(["build", *map(str, args), "--quiet"]) == 0


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    root = tmp_path_factory.mktemp("crash")
    corpus = root / "corpus"
    corpus.mkdir()
    seed_texts = [_opening(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.iterdir())]
    for n, text in enumerate(seed_texts):
        (corpus / f"seed_{n}.txt").write_text(text, encoding="utf-8")
    previous, reference = root / "previous", root / "reference"
    _build_in_process(corpus, "--out", previous)
    edited = corpus / "seed_3.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    for n in range(ADDED_ARTICLES):
        text = ADDED_OPENING.format(n=n + 1) + seed_texts[n % len(seed_texts)]
        (corpus / f"added_{n}.txt").write_text(text, encoding="utf-8")
    _build_in_process(corpus, "--out", reference)
    return Builds(corpus, previous, reference, _output_files(previous))


def _opening(text: str) -> str:
    """The lines of ``text`` that fit in ``SEED_OPENING_CHARS``."""
    return text[: text.rfind("\n", 0, SEED_OPENING_CHARS) + 1]


def _output_files(out: Path) -> tuple[str, ...]:
    # Hidden names are temporary files of writes in progress (or killed).
    return tuple(sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.startswith(".")))


def _identity(out: Path) -> dict[str, tuple[int, int]]:
    return {name: ((s := (out / name).stat()).st_ino, s.st_mtime_ns) for name in _output_files(out)}


def _kg_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "graph.cli", *map(str, args)]


def _kill_during_extraction(builds: Builds, out: Path) -> tuple[int, str]:
    """Start the update and SIGKILL it when it first reports an extracted article."""
    proc = subprocess.Popen(
        _kg_command("build", builds.corpus, "--update", "--out", out), cwd=ROOT, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    progress = threading.Event()
    seen = bytearray()

    def watch() -> None:
        # The progress line is rewritten with "\r", never ended: read bytes, not lines.
        while chunk := os.read(proc.stderr.fileno(), 4096):
            seen.extend(chunk)
            if b" article" in seen:  # "1 article, ..." then "N articles, ..."
                progress.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    if progress.wait(RUN_TIMEOUT_S):
        proc.send_signal(signal.SIGKILL)
    proc.wait(RUN_TIMEOUT_S)
    watcher.join(RUN_TIMEOUT_S)
    return proc.returncode, seen.decode("utf-8", "replace")


def _kill_before_rename(builds: Builds, out: Path, kill_before: int) -> tuple[int, str]:
    args = ["build", builds.corpus, "--update", "--quiet", "--out", out]
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLING_KG, str(out), str(kill_before), *map(str, args)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    return proc.returncode, err.decode("utf-8", "replace")


MOMENTS = ["during-extraction", "after-the-first-file", "before-the-last-file"]


@pytest.fixture(scope="module", params=MOMENTS)
def interrupted(request: pytest.FixtureRequest, builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Interrupted:
    out = tmp_path_factory.mktemp(request.param) / "out"
    shutil.copytree(builds.previous, out)
    before = _identity(out)
    if request.param == "during-extraction":
        returncode, stderr = _kill_during_extraction(builds, out)
    elif request.param == "after-the-first-file":
        returncode, stderr = _kill_before_rename(builds, out, 2)
    else:
        returncode, stderr = _kill_before_rename(builds, out, len(builds.output_files))
    after = _identity(out)
    renamed = tuple(name for name in before if after.get(name) != before[name])
    return Interrupted(out, returncode, renamed, stderr)


# How many output files each moment finds renamed into place (-1: all but the last).
EXPECTED_RENAMED = {"during-extraction": 0, "after-the-first-file": 1, "before-the-last-file": -1}


def test_build_was_killed_at_the_intended_moment(interrupted, builds, request):
    moment = request.node.callspec.params["interrupted"]
    expected = EXPECTED_RENAMED[moment] % len(builds.output_files)
    assert (interrupted.returncode, len(interrupted.renamed)) == (-signal.SIGKILL, expected), interrupted.stderr


def test_killed_build_leaves_every_output_file(interrupted, builds):
    assert _output_files(interrupted.out) == builds.output_files


def _parse_rdf(fmt: pyoxigraph.RdfFormat):
    def parse(path: Path) -> None:
        assert sum(1 for _ in pyoxigraph.parse(path=str(path), format=fmt)) > 0

    return parse


def _parse_json_lines(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        json.loads(line)


def _parse_results(path: Path) -> None:
    assert sum(1 for _ in iter_results(path)) > 0


def _parse_html(path: Path) -> None:
    assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")


def _parse_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        json.loads(text)


PARSERS = {
    "graph.ttl": _parse_rdf(pyoxigraph.RdfFormat.TURTLE),
    "graph.trig": _parse_rdf(pyoxigraph.RdfFormat.TRIG),
    "graph.nq": _parse_rdf(pyoxigraph.RdfFormat.N_QUADS),
    "graph.html": _parse_html,
    "results.jsonl": _parse_results,
    "problems.jsonl": _parse_json_lines,
}


def test_killed_build_leaves_every_output_file_whole(interrupted, builds):
    broken = []
    for name in builds.output_files:
        try:
            PARSERS.get(name, _parse_text)(interrupted.out / name)
        except Exception as err:  # noqa: BLE001  (collected: the assertion names every broken file)
            broken.append(f"{name}: {type(err).__name__}: {err}")
    assert broken == []


def test_update_after_a_killed_build_equals_a_full_rebuild(interrupted, builds, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(interrupted.out, out)  # the killed state stays for the other tests
    _build_in_process(builds.corpus, "--update", "--out", out)
    _, mismatch, errors = filecmp.cmpfiles(out, builds.reference, builds.output_files, shallow=False)
    assert (mismatch, errors) == ([], [])
