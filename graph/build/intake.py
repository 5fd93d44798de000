"""Intake: which input articles a build must extract and which it may reuse.

With ``--update`` the manifest (``manifest.json``: size and modification time
of every input file, and the articles it gave) and the previous results let a
build skip unchanged files unread and reuse articles whose text it has
already extracted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.core.errors import InputError
from graph.core.records import Article, Problem
from graph.core.spool import RESULTS_FILE, ResultLines, ResultSpool
from graph.ingest.reading import iter_input_files, read_file

MANIFEST_FILE = "manifest.json"

@dataclass(frozen=True)
class FileRecord:
    """What the manifest knows of one input file: enough to skip it unread."""

    size: int
    mtime_ns: int
    article_ids: tuple[str, ...]

def _file_stat(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns

def read_manifest(out_dir: Path) -> dict[str, FileRecord]:
    path = out_dir / MANIFEST_FILE
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        return {name: FileRecord(r["size"], r["mtime_ns"], tuple(r["article_ids"])) for name, r in files.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no manifest, or a damaged one: every file is read again

def manifest_text(records: dict[str, FileRecord]) -> str:
    files = {
        name: {"size": r.size, "mtime_ns": r.mtime_ns, "article_ids": list(r.article_ids)}
        for name, r in sorted(records.items())
    }
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

def previous_results(out_dir: Path) -> ResultLines:
    path = out_dir / RESULTS_FILE
    try:
        return ResultLines(path)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot reuse the previous build ({err}); rebuild without --update") from err

class Intake:
    """Walks the inputs once: new articles to extract, unchanged ones to reuse.

    With ``--update`` a file whose size and modification time match the
    manifest, and whose articles are all in the previous results, is not read
    at all; an article whose text (its id is a hash of the text) is already
    in the previous results is reused without extraction.
    """

    def __init__(
        self,
        inputs: Sequence[Path],
        *,
        strict: bool,
        previous: ResultLines,
        manifest: dict[str, FileRecord],
        spool: ResultSpool,
    ) -> None:
        self.inputs = list(inputs)
        self.strict = strict
        self.previous = previous
        self.manifest = manifest
        self.spool = spool  # reused results go straight in, as lines
        self.problems: list[Problem] = []
        self.reused: set[str] = set()
        self.files: dict[str, FileRecord] = {}
        self.seen: set[str] = set()

    def record_problem(self, problem: Problem) -> None:
        """Keep ``problem`` for the report; with ``--strict``, stop the build."""
        self.problems.append(problem)
        if self.strict:
            raise InputError(f"{problem.path}: {problem.reason}" + (f" (line {problem.line})" if problem.line else ""))

    def fresh_articles(self) -> Iterator[Article]:
        for item in iter_input_files(self.inputs):
            if isinstance(item, Problem):
                self.record_problem(item)
                continue
            stat = _file_stat(item)
            known = self.manifest.get(str(item))
            if (
                stat is not None
                and known is not None
                and (known.size, known.mtime_ns) == stat
                and all(aid in self.previous for aid in known.article_ids)
            ):
                self.files[str(item)] = known
                for aid in known.article_ids:
                    self.reuse(aid)
                continue
            ids: list[str] = []
            for article in read_file(item):
                if isinstance(article, Problem):
                    self.record_problem(article)
                    continue
                ids.append(article.article_id)
                if article.article_id in self.seen:
                    continue  # the same text twice: one article
                if article.article_id in self.previous:
                    self.reuse(article.article_id)
                    continue
                self.seen.add(article.article_id)
                yield article
            if stat is not None:
                self.files[str(item)] = FileRecord(stat[0], stat[1], tuple(ids))

    def reuse(self, article_id: str) -> None:
        if article_id not in self.seen:
            self.seen.add(article_id)
            self.reused.add(article_id)
            self.spool.add_line(article_id, self.previous.line(article_id))

    def kept_from_previous_build(self) -> Iterator[tuple[str, FileRecord]]:
        """Files of the previous build that this run did not name: kept as they were."""
        for name, record in self.manifest.items():
            if name not in self.files:
                yield name, record
