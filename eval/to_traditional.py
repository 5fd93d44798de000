"""Copy a folder of articles into Traditional script with OpenCC ``s2twp``
(Taiwan standard, with Taiwan's own words), to check that the graph holds the
same facts whichever script an article is in.

usage: python eval/to_traditional.py SRC_DIR DEST_DIR
then:  kg eval GOLD DEST_DIR   (the gold's names match in either script)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import opencc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args(argv)
    converter = opencc.OpenCC("s2twp")
    args.dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(p for p in args.source.iterdir() if p.is_file()):
        text = path.read_text(encoding="utf-8")
        (args.dest / path.name).write_text(converter.convert(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
