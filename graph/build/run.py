"""``kg build``: read articles, extract in one or more processes, write the outputs.

Outputs are written to temporary files and renamed into place, so an
interrupted build leaves the previous output whole.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.core.atomic import write_text_atomic
from graph.core.errors import InputError, KgError
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Article, ArticleResult, Problem
from graph.core.spool import RESULTS_FILE, ResultLines, ResultSpool
from graph.ingest.reading import iter_input_files, read_file

PROBLEMS_FILE = "problems.jsonl"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[Path, ...]
    out_dir: Path
    jobs: int = 1
    update: bool = False
    strict: bool = False
    engine: str = "local"
    segmenter: str = "pkuseg"
    scheduler: str | None = None
    quiet: bool = False


@dataclass(frozen=True)
class BuildSummary:
    articles_read: int
    articles_reused: int
    entities_by_type: dict[str, int]
    facts_by_kind: dict[str, int]
    problems: tuple[Problem, ...]
    seconds: float
    characters: int
    encodings: dict[str, int] = field(default_factory=dict)  # of the articles read this run


class Progress:
    """Progress on stderr: one line refreshed in place on a terminal, a line
    every few seconds in a log."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or sys.stderr is None
        self.interactive = not self.quiet and sys.stderr.isatty()
        self.every = 0.5 if self.interactive else 10.0
        self.started = time.monotonic()
        self.last = float("-inf")  # the first article is reported at once: the build is under way
        self.shown = False

    def update(self, done: int, chars: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if self.quiet or (not force and now - self.last < self.every) or (force and not self.shown and not done):
            return
        self.last = now
        self.shown = True
        rate = chars / max(now - self.started, 1e-9)
        line = f"  {done:,} article{'' if done == 1 else 's'}, {chars:,} characters, {rate:,.0f} chars/s"
        if self.interactive:
            print(f"\r{line}", end="", file=sys.stderr, flush=True)
        elif not force:
            print(line, file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.interactive and self.shown:
            print(file=sys.stderr)


def _extract(articles: Iterable[Article], options: BuildOptions) -> Iterator[ArticleResult | Problem]:
    if options.engine == "dask":
        from graph.build.engines.dask import extract_with_dask
        from graph.build.engines.shards import SHARDS_DIR, remove_shards

        if options.segmenter != "pkuseg":
            raise KgError("--segmenter applies to the local engine only")
        shard_dir = options.out_dir / SHARDS_DIR
        remove_shards(shard_dir)  # an update may drop replaced articles: old shards cannot be trusted
        return extract_with_dask(articles, options.scheduler, shard_dir=shard_dir)
    if options.jobs > 1:
        from graph.build.engines.local import extract_in_processes

        return extract_in_processes(articles, options.jobs, segmenter=options.segmenter)
    from graph.build.engines.local import extract_sequentially

    return extract_sequentially(articles, segmenter=options.segmenter)


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


def _read_manifest(out_dir: Path) -> dict[str, FileRecord]:
    path = out_dir / MANIFEST_FILE
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        return {name: FileRecord(r["size"], r["mtime_ns"], tuple(r["article_ids"])) for name, r in files.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no manifest, or a damaged one: every file is read again


def _manifest_text(records: dict[str, FileRecord]) -> str:
    files = {
        name: {"size": r.size, "mtime_ns": r.mtime_ns, "article_ids": list(r.article_ids)}
        for name, r in sorted(records.items())
    }
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _previous_results(out_dir: Path) -> ResultLines:
    path = out_dir / RESULTS_FILE
    try:
        return ResultLines(path)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot reuse the previous build ({err}); rebuild without --update") from err


class _Intake:
    """Walks the inputs once: new articles to extract, unchanged ones to reuse.

    With ``--update`` a file whose size and modification time match the
    manifest, and whose articles are all in the previous results, is not read
    at all; an article whose text (its id is a hash of the text) is already
    in the previous results is reused without extraction.
    """

    def __init__(self, options: BuildOptions, previous: ResultLines, manifest: dict[str, FileRecord], spool: ResultSpool):
        self.options = options
        self.previous = previous
        self.manifest = manifest
        self.spool = spool  # reused results go straight in, as lines
        self.problems: list[Problem] = []
        self.reused: set[str] = set()
        self.files: dict[str, FileRecord] = {}
        self.seen: set[str] = set()

    def _problem(self, problem: Problem) -> None:
        self.problems.append(problem)
        if self.options.strict:
            raise InputError(f"{problem.path}: {problem.reason}" + (f" (line {problem.line})" if problem.line else ""))

    def fresh_articles(self) -> Iterator[Article]:
        for item in iter_input_files(list(self.options.inputs)):
            if isinstance(item, Problem):
                self._problem(item)
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
                    self._problem(article)
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


def build(options: BuildOptions) -> tuple[KnowledgeGraph, BuildSummary]:
    """Extract the graph of ``options.inputs`` and write every output file.

    Results go to a spool file as they arrive and the pipeline is let go
    before the graph is assembled, so memory holds one of them at a time.
    """
    started = time.monotonic()
    if options.jobs < 1:
        raise KgError("--jobs must be at least 1")
    _remove_stale_temporaries(options.out_dir)
    previous = _previous_results(options.out_dir) if options.update else ResultLines(None)
    manifest = _read_manifest(options.out_dir) if options.update else {}
    created = not options.out_dir.exists()
    options.out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with ResultSpool(options.out_dir) as spool:
            return _build_with(options, previous, manifest, spool, started)
    except BaseException:
        if created and not any(options.out_dir.iterdir()):
            options.out_dir.rmdir()  # a build that failed leaves no empty folder behind
        raise


def _build_with(
    options: BuildOptions, previous: ResultLines, manifest: dict[str, FileRecord], spool: ResultSpool, started: float
) -> tuple[KnowledgeGraph, BuildSummary]:
    intake = _Intake(options, previous, manifest, spool)
    progress = Progress(options.quiet)
    read = chars = 0
    encodings: Counter[str] = Counter()
    for result in _extract(intake.fresh_articles(), options):
        if isinstance(result, Problem):
            intake._problem(result)
            continue
        spool.add(result)
        read += 1
        chars += len(result.article.text)
        encodings[result.article.encoding] += 1
        progress.update(read, chars)
    progress.update(read, chars, force=True)
    progress.done()
    _release_pipeline()

    files = dict(intake.files)
    if options.update:
        # An update adds to the previous build: what it built from files not
        # named this time stays, unless its text was replaced by a new version.
        for name, record in intake.kept_from_previous_build():
            files[name] = record
            for aid in record.article_ids:
                if aid in previous and aid not in intake.seen:
                    intake.reuse(aid)
    if not len(spool):
        first = intake.problems[0] if intake.problems else None
        raise InputError("no article could be read" + (f": {first.path}: {first.reason}" if first else ""))
    kg = KnowledgeGraph.from_results(spool.results())
    # The extraction workers are gone: their cores can write outputs (not under Dask, whose client runs threads).
    processes = options.jobs if options.engine == "local" else 1
    write_outputs(kg, spool, intake.problems, options.out_dir, manifest=files, processes=processes)
    if options.engine == "dask":
        _complete_shards(kg, spool, sorted(intake.reused), options.out_dir)
    summary = BuildSummary(
        articles_read=read,
        articles_reused=len(spool) - read,
        entities_by_type=dict(sorted(Counter(e.entity_type.value for e in kg.entities.values()).items())),
        facts_by_kind=dict(sorted(Counter(f.predicate.value for f in kg.facts).items())),
        problems=tuple(intake.problems),
        seconds=time.monotonic() - started,
        characters=chars,
        encodings=dict(sorted(encodings.items())),
    )
    return kg, summary


def _release_pipeline() -> None:
    """Let the spaCy pipeline (about 1 GB, most of it pkuseg's model) go before
    the graph is assembled: the two never need to be in memory together."""
    nlp = sys.modules.get("graph.extract.nlp")
    if nlp is not None:  # only when this process loaded it
        nlp.release_pipelines()
    gc.collect()


def _complete_shards(kg: KnowledgeGraph, spool: ResultSpool, reused: list[str], out_dir: Path) -> None:
    """The workers wrote one N-Quads shard per partition of the articles they
    extracted; add the reused articles' graphs and the default graph (entities,
    written once from the merged graph), so the union of the shards is graph.nq."""
    from graph.build.engines.shards import (
        SHARDS_DIR,
        article_graphs_nquads,
        write_default_graph,
        write_partition_shard,
    )

    shard_dir = out_dir / SHARDS_DIR
    if reused:
        write_partition_shard(shard_dir, reused, article_graphs_nquads(spool.results(reused)))
    write_default_graph(kg, shard_dir)


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Temporary files a killed build left behind (``.graph.ttl.<pid>.tmp``):
    never renamed into place, so never part of any build."""
    if out_dir.is_dir():
        for stale in out_dir.glob(".*.tmp"):
            stale.unlink(missing_ok=True)


def write_outputs(
    kg: KnowledgeGraph,
    results: ResultSpool,
    problems: list[Problem],
    out_dir: Path,
    *,
    manifest: dict[str, FileRecord] | None = None,
    processes: int = 1,
) -> None:
    """Every output file, each written whole and renamed into place.

    The graph files come first and the results and manifest last, so a build
    killed half way leaves a previous build that ``--update`` can still trust:
    the manifest never names results that were not written. With two or more
    ``processes``, a forked child writes the Turtle and the HTML view while
    this process writes the TriG and the N-Quads (about the same work).
    """
    from graph.build.forked import alongside
    from graph.outputs.view.page import write_html
    from graph.rdf.files import write_rdf_files

    out_dir.mkdir(parents=True, exist_ok=True)

    def turtle_and_html() -> None:
        write_rdf_files(kg, turtle=out_dir / "graph.ttl")
        write_html(kg, out_dir / "graph.html")

    if processes > 1:
        with alongside(turtle_and_html, what="writing graph.ttl and graph.html"):
            write_rdf_files(kg, trig=out_dir / "graph.trig", nquads=out_dir / "graph.nq")
    else:  # one pass renders each statement once for all three files
        write_rdf_files(kg, turtle=out_dir / "graph.ttl", trig=out_dir / "graph.trig", nquads=out_dir / "graph.nq")
        write_html(kg, out_dir / "graph.html")
    write_text_atomic(
        out_dir / PROBLEMS_FILE,
        "".join(
            json.dumps({"path": p.path, "reason": p.reason, "line": p.line}, ensure_ascii=False, sort_keys=True) + "\n"
            for p in problems
        ),
    )
    results.write_sorted(out_dir / RESULTS_FILE)
    if manifest is not None:
        write_text_atomic(out_dir / MANIFEST_FILE, _manifest_text(manifest))


def format_summary(summary: BuildSummary, out_dir: Path) -> str:
    lines = [
        f"articles read: {summary.articles_read}" + (f" (+{summary.articles_reused} unchanged, reused)" if summary.articles_reused else ""),
        "encodings: " + (", ".join(f"{k} {v}" for k, v in summary.encodings.items()) or "-"),
        "entities: " + ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items()),
        "facts: " + ", ".join(f"{k} {v}" for k, v in summary.facts_by_kind.items()),
        f"problems: {len(summary.problems)}" + (f" (see {out_dir / PROBLEMS_FILE})" if summary.problems else ""),
    ]
    lines += [
        f"  skipped {p.path}" + (f" line {p.line}" if p.line else "") + f": {p.reason}" for p in summary.problems[:20]
    ]
    if len(summary.problems) > 20:
        lines.append(f"  … and {len(summary.problems) - 20} more")
    rate = summary.characters / summary.seconds if summary.seconds else 0
    lines.append(f"time: {summary.seconds:.1f} s ({rate:,.0f} chars/s) → {out_dir}")
    return "\n".join(lines)


def run_build(options: BuildOptions) -> int:
    """CLI entry: build, print the summary, exit 0 when anything was built."""
    _, summary = build(options)
    print(format_summary(summary, options.out_dir))
    return 1 if options.strict and summary.problems else 0
