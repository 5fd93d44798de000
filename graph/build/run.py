"""``kg build``: read articles, extract them with an engine, write the outputs.

Outputs are written to temporary files and renamed into place, so an
interrupted build leaves the previous output whole. Progress is reported
through ``BuildOptions.on_progress``; this module never prints.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.build.engines import EngineName, EngineSettings, ExtractionEngine, open_engine
from graph.build.intake import MANIFEST_FILE, FileRecord, Intake, manifest_text, previous_results, read_manifest
from graph.core.atomic import write_text_atomic
from graph.core.errors import InputError, KgError
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import Problem
from graph.core.spool import RESULTS_FILE, ResultLines, ResultSpool
from graph.extract.segmenter import Segmenter

PROBLEMS_FILE = "problems.jsonl"

# Called with (articles extracted so far, their characters) after each article.
ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[Path, ...]
    out_dir: Path
    jobs: int = 1
    update: bool = False
    strict: bool = False
    engine: str = EngineName.LOCAL
    segmenter: str = Segmenter.PKUSEG
    scheduler: str | None = None
    on_progress: ProgressCallback | None = None


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


def build(options: BuildOptions) -> tuple[KnowledgeGraph, BuildSummary]:
    """Extract the graph of ``options.inputs`` and write every output file.

    Results go to a spool file as they arrive and the engine lets the
    pipeline go before the graph is assembled, so memory holds one of them
    at a time.
    """
    started = time.monotonic()
    if options.jobs < 1:
        raise KgError("--jobs must be at least 1")
    out_dir = options.out_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir} is a file; --out takes a folder (new, or an earlier build)")
    engine = open_engine(
        options.engine,
        EngineSettings(out_dir=out_dir, jobs=options.jobs, segmenter=options.segmenter, scheduler=options.scheduler),
    )
    _remove_stale_temporaries(out_dir)
    previous = previous_results(out_dir) if options.update else ResultLines(None)
    manifest = read_manifest(out_dir) if options.update else {}
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with ResultSpool(out_dir) as spool:
            intake = Intake(options.inputs, strict=options.strict, previous=previous, manifest=manifest, spool=spool)
            return _build_with(options, engine, intake, spool, started)
    except BaseException:
        engine.close()
        if created and not any(out_dir.iterdir()):
            out_dir.rmdir()  # a build that failed leaves no empty folder behind
        raise


def _build_with(
    options: BuildOptions, engine: ExtractionEngine, intake: Intake, spool: ResultSpool, started: float
) -> tuple[KnowledgeGraph, BuildSummary]:
    read = chars = 0
    encodings: Counter[str] = Counter()
    for result in engine.extract(intake.fresh_articles()):
        if isinstance(result, Problem):
            intake.record_problem(result)
            continue
        spool.add(result)
        read += 1
        chars += len(result.article.text)
        encodings[result.article.encoding] += 1
        if options.on_progress is not None:
            options.on_progress(read, chars)
    engine.close()

    files = dict(intake.files)
    if options.update:
        # An update adds to the previous build: what it built from files not
        # named this time stays, unless its text was replaced by a new version.
        for name, record in intake.kept_from_previous_build():
            files[name] = record
            for aid in record.article_ids:
                if aid in intake.previous and aid not in intake.seen:
                    intake.reuse(aid)
    if not len(spool):
        first = intake.problems[0] if intake.problems else None
        raise InputError("no article could be read" + (f": {first.path}: {first.reason}" if first else ""))
    kg = KnowledgeGraph.from_results(spool.results())
    write_outputs(kg, spool, intake.problems, options.out_dir, manifest=files, processes=engine.output_processes)
    engine.finish(kg, spool, sorted(intake.reused))
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
        write_text_atomic(out_dir / MANIFEST_FILE, manifest_text(manifest))


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
