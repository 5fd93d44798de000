"""Latency of the bundled queries (``queries/*.rq``) on a graph of about a million triples.

The graph is made by the real RDF writer (``graph.rdf.files.write_nquads``) from a
synthetic ``KnowledgeGraph`` (``bench/synthetic_graph.py``; 2,000 articles
give about one million distinct triples) and cached under ``bench/out/``.
Each query is run on:

- Oxigraph, loaded by ``graph.serve.store.load_store`` and queried by
  ``graph.serve.store.run_query``, exactly as ``kg query`` and ``kg serve`` do;
- rdflib's in-memory ``Dataset`` (default graph = union of the named graphs),
  in a child process; a run that takes over ``--rdflib-timeout`` seconds is
  stopped and the query shown as over that limit.

A run is the query's evaluation and the iteration over every solution
(results are lazy). One warm-up run, then ``--runs`` timed runs; the table
shows the median. The target is a median under 100 ms on Oxigraph.

Usage::

    python bench/sparql_latency.py                       # ~1M triples, Oxigraph and rdflib
    python bench/sparql_latency.py --articles 200 --no-rdflib
"""

from __future__ import annotations

import argparse
import hashlib
import json
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``graph`` and ``bench`` importable
    sys.path.insert(0, str(ROOT))

QUERIES_DIR = ROOT / "queries"
CACHE = ROOT / "bench" / "out"
DEFAULT_ARTICLES = 2_000
DEFAULT_SEED = 2024
DEFAULT_RUNS = 5
DEFAULT_RDFLIB_RUNS = 3
DEFAULT_RDFLIB_TIMEOUT_S = 60
TARGET_MS = 100.0


def graph_path(articles: int, seed: int) -> Path:
    """The N-Quads file of the synthetic graph, written on first use; a change to
    the code that makes it (the generator, the RDF mapping) makes a new one."""
    path = CACHE / f"sparql-{articles}articles-seed{seed}-{_graph_code_key()}" / "graph.nq"
    if not path.is_file():
        from bench.synthetic_graph import synthetic_graph
        from graph.rdf.files import write_nquads

        started = time.perf_counter()
        kg = synthetic_graph(articles, seed=seed)
        write_nquads(kg, path)
        print(f"wrote {path} ({len(kg.entities):,} entities, {len(kg.facts):,} facts) "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _graph_code_key() -> str:
    sources = (ROOT / "bench" / "synthetic_graph.py", ROOT / "graph" / "rdf.py", ROOT / "graph" / "vocab.py")
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:12]


def bundled_queries(folder: Path = QUERIES_DIR) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.rq"))}


def time_runs(run: Callable[[], int], runs: int) -> tuple[int, list[float], list[float]]:
    """(rows, wall-clock ms of each timed run, CPU ms of each) after one warm-up run.

    CPU time (this process) is what the query costs; wall time also counts
    waiting for a core, which on a busy machine can be most of it.
    """
    rows = run()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return rows, wall, cpu


# --- Oxigraph (the project's store) ---------------------------------------------------------


def measure_oxigraph(path: Path, queries: dict[str, str], runs: int) -> tuple[float, int, dict[str, dict]]:
    from graph.serve.store import load_store, run_query

    started = time.perf_counter()
    store = load_store(path)
    load_s = time.perf_counter() - started
    triples = int(next(iter(run_query(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))["n"].value)

    results = {}
    for name, text in queries.items():
        rows, wall, cpu = time_runs(lambda text=text: _count(run_query(store, text)), runs)
        results[name] = {"rows": rows, "times_ms": wall, "cpu_ms": cpu}
    return load_s, triples, results


def measure_endpoint(path: Path, queries: dict[str, str], runs: int) -> dict[str, dict]:
    """Through ``kg serve``'s query pool (one worker, JSON results, the default
    row limit): the first answer, run by the worker, and the median of
    ``runs`` repeats, which the pool's answer cache serves."""
    from graph.serve.http import ServerConfig
    from graph.serve.pool import QueryJob, QueryPool

    config = ServerConfig(path.parent)
    results = {}
    with QueryPool(path, workers=1, timeout_s=600, cache_bytes=config.cache_bytes) as pool:
        for name, text in queries.items():
            job = QueryJob(text, "application/sparql-results+json", None, max_rows=config.max_rows)
            started = time.perf_counter()
            first = pool.run(job)
            first_ms = (time.perf_counter() - started) * 1000
            repeats = []
            for _ in range(runs):
                started = time.perf_counter()
                again = pool.run(job)
                repeats.append((time.perf_counter() - started) * 1000)
            assert again == first, name
            results[name] = {"first_ms": first_ms, "repeat_ms": repeats, "outcome": first.outcome.value}
    return results


def _count(solutions: Iterable) -> int:
    return sum(1 for _ in solutions)


# --- rdflib (child process) -----------------------------------------------------------------


class _TimeoutError(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _TimeoutError


def measure_rdflib(path: Path, queries: dict[str, str], runs: int, timeout_s: int) -> dict:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    load_s = time.perf_counter() - started
    signal.signal(signal.SIGALRM, _on_alarm)
    results = {}
    for name, text in queries.items():
        try:
            rows, wall, _ = time_runs(_with_time_limit(lambda text=text: _count(dataset.query(text)), timeout_s), runs)
            results[name] = {"rows": rows, "times_ms": wall}
        except _TimeoutError:  # the warm-up or a run took too long: no figure, only "over the limit"
            results[name] = {"rows": None, "times_ms": None}
    return {"load_s": load_s, "results": results}


def _with_time_limit(run: Callable[[], int], seconds: int) -> Callable[[], int]:
    """``run`` interrupted by SIGALRM after ``seconds`` (rdflib is pure Python: the signal gets through)."""

    def limited() -> int:
        signal.alarm(seconds)
        try:
            return run()
        finally:
            signal.alarm(0)

    return limited


def rdflib_in_child(path: Path, queries_dir: Path, runs: int, timeout_s: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child-rdflib", str(path), "--runs", str(runs),
               "--rdflib-timeout", str(timeout_s), "--queries", str(queries_dir)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"rdflib child failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- Report -----------------------------------------------------------------------------------


def _median(times: list[float] | None) -> str:
    return f"{statistics.median(times):,.1f}" if times else "-"


def report(args: argparse.Namespace) -> int:
    path = graph_path(args.articles, args.seed)
    queries = bundled_queries(args.queries)
    load_s, triples, oxigraph = measure_oxigraph(path, queries, args.runs)
    print(f"graph {path}: {triples:,} triples in the union default graph, "
          f"{path.stat().st_size / 1e6:,.0f} MB of N-Quads")
    print(f"Oxigraph (graph.serve.store.load_store): loaded in {load_s:.1f} s; {args.runs} runs after a warm-up")
    rdflib = None
    if not args.no_rdflib:
        rdflib = rdflib_in_child(path, args.queries, args.rdflib_runs, args.rdflib_timeout)
        print(f"rdflib Dataset: loaded in {rdflib['load_s']:.0f} s; {args.rdflib_runs} runs after a warm-up, "
              f"a query stopped after {args.rdflib_timeout} s")
    print("medians in ms; Oxigraph CPU = this process's CPU time (the wall time less waiting for a core)")
    print(f"{'query':<28} {'rows':>6} {'Oxigraph':>9} {'min–max':>17} {'CPU':>7} {'rdflib':>9}  target")
    missed = []
    for name in queries:
        ox = oxigraph[name]
        median = statistics.median(ox["times_ms"])
        rd = rdflib["results"][name] if rdflib else None
        rd_text = "-" if rd is None else (_median(rd["times_ms"]) if rd["times_ms"] else f">{args.rdflib_timeout * 1000:,}")
        ok = median < TARGET_MS
        missed += [] if ok else [name]
        spread = f"{min(ox['times_ms']):,.0f}–{max(ox['times_ms']):,.0f}"
        print(f"{name:<28} {ox['rows']:>6} {median:>9,.1f} {spread:>17} {statistics.median(ox['cpu_ms']):>7,.1f}"
              f" {rd_text:>9}  {'ok' if ok else 'MISSED'}")
    verdict = f"over {TARGET_MS:g} ms: {', '.join(missed)}" if missed else f"every bundled query under {TARGET_MS:g} ms"
    print(verdict)
    if args.endpoint:
        served = measure_endpoint(path, queries, args.runs)
        print(f"kg serve's query pool (1 worker, JSON): first answer, then the median of {args.runs} repeats (cached)")
        print(f"{'query':<28} {'first ms':>9} {'repeat ms':>10}")
        for name, row in served.items():
            print(f"{name:<28} {row['first_ms']:>9,.1f} {statistics.median(row['repeat_ms']):>10,.3f}  {row['outcome']}")
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="synthetic articles (2,000 ≈ 1M triples)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs per query on Oxigraph")
    parser.add_argument("--no-rdflib", action="store_true", help="Oxigraph only")
    parser.add_argument("--rdflib-runs", type=int, default=DEFAULT_RDFLIB_RUNS)
    parser.add_argument("--rdflib-timeout", type=int, default=DEFAULT_RDFLIB_TIMEOUT_S, help="seconds per query")
    parser.add_argument("--queries", type=Path, default=QUERIES_DIR, help="folder of .rq files (default: queries/)")
    parser.add_argument("--endpoint", action="store_true", help="also time kg serve's query pool, first and repeated")
    parser.add_argument("--child-rdflib", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_rdflib:
        print(json.dumps(measure_rdflib(args.child_rdflib, bundled_queries(args.queries), args.runs, args.rdflib_timeout)))
        return 0
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
