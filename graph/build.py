"""``kg build``: read articles, extract in one or more processes, write the outputs.

Outputs are written to temporary files and renamed into place, so an
interrupted build leaves the previous output whole.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, KgError
from graph.knowledge import KnowledgeGraph
from graph.model import Article, ArticleResult
from graph.reading import Problem, read_inputs
from graph.results_io import RESULTS_FILE, dump_result, iter_results

PROBLEMS_FILE = "problems.jsonl"


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[Path, ...]
    out_dir: Path
    jobs: int = 1
    update: bool = False
    strict: bool = False
    engine: str = "local"
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


class Progress:
    """One status line on stderr, refreshed at most a few times a second."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet or not sys.stderr
        self.started = time.monotonic()
        self.last = 0.0

    def update(self, done: int, chars: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if self.quiet or (not force and now - self.last < 0.5):
            return
        self.last = now
        rate = chars / max(now - self.started, 1e-9)
        print(f"\r  {done} articles, {chars:,} characters, {rate:,.0f} chars/s", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if not self.quiet:
            print(file=sys.stderr)


def _extract_local(articles: Iterable[Article], jobs: int) -> Iterator[ArticleResult]:
    if jobs <= 1:
        from graph.extract.article import ArticleExtractor

        extractor = ArticleExtractor()
        for article in articles:
            yield extractor.extract(article)
        return
    from graph.parallel import extract_in_processes

    yield from extract_in_processes(articles, jobs)


def _previous_results(out_dir: Path) -> dict[str, ArticleResult]:
    path = out_dir / RESULTS_FILE
    if not path.is_file():
        return {}
    return {r.article.article_id: r for r in iter_results(path)}


def build(options: BuildOptions) -> tuple[KnowledgeGraph, BuildSummary]:
    """Extract the graph of ``options.inputs`` and write every output file."""
    started = time.monotonic()
    if options.jobs < 1:
        raise KgError("--jobs must be at least 1")
    previous = _previous_results(options.out_dir) if options.update else {}
    problems: list[Problem] = []
    reused: list[ArticleResult] = []
    seen: set[str] = set()

    def fresh_articles() -> Iterator[Article]:
        for item in read_inputs(list(options.inputs)):
            if isinstance(item, Problem):
                problems.append(item)
                if options.strict:
                    raise InputError(f"{item.path}: {item.reason}")
                continue
            if item.article_id in seen:
                continue  # the same text twice: one article
            seen.add(item.article_id)
            if item.article_id in previous:
                reused.append(previous[item.article_id])
                continue
            yield item

    progress = Progress(options.quiet)
    results: list[ArticleResult] = []
    chars = 0
    if options.engine == "dask":
        from graph.dask_engine import extract_with_dask

        extracted: Iterable[ArticleResult] = extract_with_dask(fresh_articles(), options.scheduler)
    else:
        extracted = _extract_local(fresh_articles(), options.jobs)
    for result in extracted:
        results.append(result)
        chars += len(result.article.text)
        progress.update(len(results), chars)
    progress.update(len(results), chars, force=True)
    progress.done()

    if options.update:
        # Keep what the previous build had that this run did not see again.
        reused.extend(r for aid, r in previous.items() if aid not in seen)
    all_results = sorted([*results, *reused], key=lambda r: r.article.article_id)
    if not all_results:
        raise InputError("no article could be read" + (f": {problems[0].path}: {problems[0].reason}" if problems else ""))
    kg = KnowledgeGraph.from_results(all_results)
    write_outputs(kg, all_results, problems, options.out_dir)
    summary = BuildSummary(
        articles_read=len(results),
        articles_reused=len(all_results) - len(results),
        entities_by_type=dict(sorted(Counter(e.entity_type.value for e in kg.entities.values()).items())),
        facts_by_kind=dict(sorted(Counter(f.predicate.value for f in kg.facts).items())),
        problems=tuple(problems),
        seconds=time.monotonic() - started,
        characters=chars,
    )
    return kg, summary


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_outputs(kg: KnowledgeGraph, results: list[ArticleResult], problems: list[Problem], out_dir: Path) -> None:
    from graph.html_view import write_html
    from graph.rdf import write_nquads, write_trig, write_turtle

    out_dir.mkdir(parents=True, exist_ok=True)
    _atomic_write_text(out_dir / RESULTS_FILE, "".join(dump_result(r) + "\n" for r in results))
    _atomic_write_text(
        out_dir / PROBLEMS_FILE,
        "".join(
            json.dumps({"path": p.path, "reason": p.reason, "line": p.line}, ensure_ascii=False, sort_keys=True) + "\n"
            for p in problems
        ),
    )
    write_turtle(kg, out_dir / "graph.ttl")
    write_trig(kg, out_dir / "graph.trig")
    write_nquads(kg, out_dir / "graph.nq")
    write_html(kg, out_dir / "graph.html")


def format_summary(summary: BuildSummary, out_dir: Path) -> str:
    lines = [
        f"articles read: {summary.articles_read}" + (f" (+{summary.articles_reused} unchanged, reused)" if summary.articles_reused else ""),
        "entities: " + ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items()),
        "facts: " + ", ".join(f"{k} {v}" for k, v in summary.facts_by_kind.items()),
        f"problems: {len(summary.problems)}" + (f" (see {out_dir / PROBLEMS_FILE})" if summary.problems else ""),
    ]
    lines += [f"  skipped {p.path}: {p.reason}" for p in summary.problems[:20]]
    rate = summary.characters / summary.seconds if summary.seconds else 0
    lines.append(f"time: {summary.seconds:.1f} s ({rate:,.0f} chars/s) → {out_dir}")
    return "\n".join(lines)


def run_build(options: BuildOptions) -> int:
    """CLI entry: build, print the summary, exit 0 when anything was built."""
    _, summary = build(options)
    print(format_summary(summary, options.out_dir))
    return 1 if options.strict and summary.problems else 0
