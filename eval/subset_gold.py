"""Restrict a gold file to some of its documents (to score a build of only those).

score.py matches names over the whole graph, so a subset score needs both a
build of the subset's inputs and a gold file that holds only what those
documents contain: entities, affiliations, creators and quotations whose
``docs`` meet the subset, with ``docs`` cut down to it.  ``core`` stays as the
whole set has it (the gold format has one flag per item, not per document), so
a parent named only inside a unit's name in the subset (浙江大学 in A11) may
still be required there.

usage: python eval/subset_gold.py GOLD.json --docs A09 A10 A11 A12 --out sub.json
       python eval/subset_gold.py GOLD.json --prefix S --out sentences.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def subset(gold: dict, keep: set[str]) -> dict:
    """The part of ``gold`` that documents ``keep`` contain."""

    def restricted(items: list[dict]) -> list[dict]:
        out = []
        for item in items:
            docs = [d for d in item["docs"] if d in keep]
            if docs:
                out.append({**item, "docs": docs})
        return out

    return {
        "docs": {k: v for k, v in gold["docs"].items() if k in keep},
        "entities": restricted(gold["entities"]),
        "affiliations": restricted(gold["affiliations"]),
        "created": restricted(gold["created"]),
        "quoted": restricted(gold["quoted"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--docs", nargs="+", metavar="KEY", help="document keys to keep")
    which.add_argument("--prefix", help="keep the documents whose key starts with this")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    keys = set(gold["docs"])
    keep = set(args.docs) if args.docs else {k for k in keys if k.startswith(args.prefix)}
    unknown = keep - keys
    if unknown or not keep:
        print(f"unknown or no document keys: {sorted(unknown)}", file=sys.stderr)
        return 2
    args.out.write_text(json.dumps(subset(gold, keep), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
