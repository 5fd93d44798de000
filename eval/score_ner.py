"""Score the graph's mentions as NER on a public dev split (strict spans).

Each sentence is built as its own article through the whole pipeline (the
same ``ArticleExtractor`` ``kg build`` runs); its mentions' spans and types
(Person → PER, Organization → ORG, Place → LOC) are scored against the
split's gold spans. This is how the graph does on People's Daily-style text,
as opposed to the tagger alone (``python -m training.evaluate_tagger``).

usage: python eval/score_ner.py [--corpora ../shared/corpora] [--split people_daily/dev.jsonl] [--limit N] [--show K]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from graph.core.records import Article, EntityType
from graph.extract.article import ArticleExtractor

TYPES = {EntityType.PERSON: "PER", EntityType.ORGANIZATION: "ORG", EntityType.PLACE: "LOC"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    parser.add_argument("--split", default="people_daily/dev.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    parser.add_argument("--show", type=int, default=0, help="print K sentences with errors")
    args = parser.parse_args(argv)

    rows = [json.loads(line) for line in (args.corpora / args.split).read_text(encoding="utf-8").splitlines() if line]
    if args.limit:
        rows = rows[: args.limit]
    extractor = ArticleExtractor()
    articles = [Article(Article.id_for(r["text"] + r["id"]), r["id"], r["text"], "utf-8") for r in rows]
    counts: dict[str, Counter[str]] = {t: Counter() for t in ("PER", "ORG", "LOC", "all")}
    shown = 0
    for start in range(0, len(articles), 64):
        batch = articles[start : start + 64]
        for row, result in zip(rows[start : start + 64], extractor.extract_batch(batch)):
            if isinstance(result, Exception):
                print(f"{row['id']}: {result}", file=sys.stderr)
                continue
            gold = {(s[0], s[1], s[2]) for s in row["spans"] if s[2] in counts}
            got = {(m.start, m.end, TYPES[m.entity_type]) for m in result.mentions if m.entity_type in TYPES}
            for kind in ("PER", "ORG", "LOC"):
                want = {s for s in gold if s[2] == kind}
                have = {s for s in got if s[2] == kind}
                for key, n in (("tp", len(want & have)), ("fp", len(have - want)), ("fn", len(want - have))):
                    counts[kind][key] += n
                    counts["all"][key] += n
            if shown < args.show and gold != got:
                shown += 1
                text = row["text"]
                print(row["id"], text)
                print("   missed:", [(text[a:b], t) for a, b, t in sorted(gold - got)])
                print("   wrong: ", [(text[a:b], t) for a, b, t in sorted(got - gold)])
    for kind, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f = 2 * p * r / max(1e-9, p + r)
        print(f"{kind:4} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
