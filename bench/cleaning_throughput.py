"""Cleaning throughput on the messiest seed, repeated: MB per CPU second.

The cleaner is a chain of regular expressions over untrusted text; a
pattern that backtracks badly shows here as a collapse in MB/s long before a
user meets it. The target is at least 1 MB/s, far above what extraction
needs, so cleaning never shows in a build's profile.

Usage::

    python bench/cleaning_throughput.py              # seed 003 x 100 (~1.2 MB)
    python bench/cleaning_throughput.py --repeat 400
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make ``graph`` importable
    sys.path.insert(0, str(ROOT))

from graph.core.records import Article, ArticleMeta  # noqa: E402
from graph.ingest.cleaning import clean  # noqa: E402
from graph.ingest.reading import read_inputs  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=Path, default=next((ROOT / "seeds").glob("003_*")), help="article to repeat")
    parser.add_argument("--repeat", type=int, default=100, help="copies of the article in one text")
    args = parser.parse_args(argv)

    article = next(a for a in read_inputs([args.seed]) if isinstance(a, Article))
    text = article.text * args.repeat
    size_mb = len(text.encode("utf-8")) / 1_000_000
    started = time.process_time()  # CPU time: other work on the machine does not count
    cleaned = clean(Article(Article.id_for(text), article.source, text, "utf-8", ArticleMeta()))
    elapsed = time.process_time() - started
    print(f"input: {args.seed.name} x {args.repeat} = {size_mb:.2f} MB, {len(text):,} chars")
    print(f"kept: {len(cleaned.text.text):,} chars")
    print(f"cleaning: {elapsed:.2f} CPU s, {size_mb / elapsed:.2f} MB/s (target >= 1 MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
