"""Extra peak memory of each output writer on a synthetic graph.

Each writer runs in a fresh child process that first builds
``bench.synthetic_graph.synthetic_results(articles)`` and merges them (what a
build holds when it starts writing), then writes one output file; the table
shows the peak RSS the writer added on top, and the file's size.

Usage::

    python bench/writer_memory.py                     # 1,000 articles, ~500,000 triples
    python bench/writer_memory.py --articles 2000
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``graph`` and ``bench`` importable
    sys.path.insert(0, str(ROOT))

WRITERS = ("nquads", "turtle", "trig", "html", "results")
DEFAULT_ARTICLES = 1_000


def _current_rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(writer: str, articles: int) -> dict[str, float]:
    """Write one output of the synthetic graph; its extra peak RSS and file size."""
    from bench.synthetic_graph import synthetic_results
    from graph.core.knowledge import KnowledgeGraph

    results = list(synthetic_results(articles))
    kg = KnowledgeGraph.from_results(results)
    held = _current_rss_mb()
    before = max(held, _peak_rss_mb())
    with tempfile.TemporaryDirectory(prefix="kg-writer-") as folder:
        path = Path(folder) / f"out.{writer}"
        if writer == "results":
            from graph.core.spool import ResultSpool

            with ResultSpool(Path(folder)) as spool:  # as graph.build.run writes it: spooled, then sorted
                for result in results:
                    spool.add(result)
                spool.write_sorted(path)
        elif writer == "html":
            from graph.outputs.view.page import write_html

            write_html(kg, path)
        else:
            import graph.rdf.files

            getattr(graph.rdf.files, f"write_{writer}")(kg, path)
        size = path.stat().st_size
    return {"held_mb": held, "extra_peak_mb": _peak_rss_mb() - before, "file_mb": size / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--child", choices=WRITERS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.articles)))
        return 0
    print(f"synthetic_graph({args.articles}); extra peak RSS of each writer, in a fresh process each")
    print(f"{'writer':<10} {'held MB':>8} {'extra peak MB':>14} {'file MB':>8}")
    for writer in WRITERS:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", writer, "--articles", str(args.articles)]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{writer:<10} {row['held_mb']:>8,.0f} {row['extra_peak_mb']:>14,.0f} {row['file_mb']:>8,.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
