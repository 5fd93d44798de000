"""Pair recall of affiliations on DuIE sentences: how many of the corpus's
(person, organization) pairs of a post (董事长, 校长, 创始人 ...) the extractor
states as a membership fact, and how many membership facts it states on the
corpus's negative records (records with none of those relations: DuIE is not
exhaustive, so these are an upper bound on wrong pairs, not a count of them).

A pair is found when a membership fact's person has the DuIE person's name (a
mention or the entity's label) and its organization's name equals the DuIE
organization's, or one contains the other (横店集团 / 横店集团控股有限公司).

usage: python eval/score_duie.py [DUIE.jsonl] [--limit N] [--show]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from graph.core.records import Article, ArticleMeta, ArticleResult, Predicate
from graph.extract.article import ArticleExtractor

# DuIE predicates that are posts in an organization (毕业院校 and 代言人 are not).
POSTS = ("董事长", "校长", "创始人")
DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "duie" / "train.jsonl"


def _pairs(result: ArticleResult) -> set[tuple[str, str]]:
    """Every (person name, organization name) a membership fact of ``result`` joins."""
    names: dict[str, set[str]] = {e.entity_id: {e.label} for e in result.entities}
    for m in result.mentions:
        if m.entity_id is not None:
            names.setdefault(m.entity_id, set()).add(m.surface)
    found: set[tuple[str, str]] = set()
    for f in result.facts:
        if f.predicate is Predicate.MEMBERSHIP and f.object_id is not None:
            for person in names.get(f.subject_id, ()):
                for org in names.get(f.object_id, ()):
                    found.add((person, org))
    return found


def _found(pairs: set[tuple[str, str]], person: str, org: str) -> bool:
    return any(p == person and (o == org or o in org or org in o) for p, o in pairs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("duie", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N positive records")
    parser.add_argument("--show", action="store_true", help="print the missed pairs")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.duie.read_text(encoding="utf-8").splitlines() if line.strip()]
    positives = [r for r in records if any(x["predicate"] in POSTS for x in r["relations"])]
    negatives = [r for r in records if r.get("negative")]
    if args.limit:
        positives, negatives = positives[: args.limit], negatives[: args.limit]
    extractor = ArticleExtractor()

    def extract(text: str) -> set[tuple[str, str]]:
        return _pairs(extractor.extract(Article(Article.id_for(text), "duie.txt", text, "utf-8", ArticleMeta())))

    wanted: Counter[str] = Counter()
    got: Counter[str] = Counter()
    for record in positives:
        pairs = extract(record["text"])
        for x in record["relations"]:
            if x["predicate"] not in POSTS:
                continue
            wanted[x["predicate"]] += 1
            if _found(pairs, x["person"], x["org"]):
                got[x["predicate"]] += 1
            elif args.show:
                print(f"missed {x['person']} → {x['org']} ({x['predicate']}): {record['text'][:160]}")
    on_negatives = sum(len(extract(r["text"])) for r in negatives)
    total, hit = sum(wanted.values()), sum(got.values())
    by_post = " ".join(f"{p}={got[p]}/{wanted[p]}" for p in POSTS)
    print(f"DuIE pair recall {hit / max(total, 1):.3f} ({hit}/{total}; {by_post}); "
          f"membership pairs on {len(negatives)} negative records: {on_negatives}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
