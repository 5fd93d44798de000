"""Score the places of a graph against the Place entities of a gold file.

score.py scores persons, organizations and models only; MSRA-style NER
benchmarks also score places (LOC).  Matching is score.py's: an entity
matches a gold entity when one of its names equals one of the gold names
after the same normalisation.

usage: python eval/score_places.py GOLD.json GRAPH.ttl [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import opencc
from rdflib import RDF, RDFS, Dataset, Literal, Namespace
from rdflib.namespace import SKOS

SCHEMA = Namespace("https://schema.org/")
T2S = opencc.OpenCC("t2s")
_NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, SCHEMA.alternateName)


def norm(text: str) -> str:
    """score.py's name key."""
    text = T2S.convert(unicodedata.normalize("NFKC", str(text))).lower()
    return re.sub(r"[\s《》「」『』“”\"'·•‧・\-_.]", "", text)


def _names(graph: Dataset, node) -> set[str]:
    return {norm(o) for p in _NAME_PREDICATES for o in graph.objects(node, p) if isinstance(o, Literal)} - {""}


def score(gold: dict, graph: Dataset) -> dict:
    gold_places = [e for e in gold["entities"] if e["type"] == "Place"]
    keys = {e["label"]: {norm(n) for n in (e["label"], *e["aliases"])} for e in gold_places}
    others = {norm(n): e["label"] for e in gold["entities"] if e["type"] != "Place" for n in (e["label"], *e["aliases"])}
    found: set[str] = set()
    wrong_type, unknown = [], []
    system = set(graph.subjects(RDF.type, SCHEMA.Place))
    for node in system:
        names = _names(graph, node)
        label = next((lab for lab, k in keys.items() if names & k), None)
        if label is not None:
            found.add(label)
        elif names & others.keys():
            wrong_type.append(sorted(names)[0])
        else:
            unknown.append(sorted(names)[0] if names else str(node))
    core = [e["label"] for e in gold_places if e["core"]]
    tp = len(system) - len(wrong_type) - len(unknown)
    precision = tp / len(system) if system else 0.0
    recall = sum(1 for lab in core if lab in found) / len(core) if core else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "system": len(system),
        "gold_core": len(core),
        "missed": [lab for lab in core if lab not in found],
        "wrong_type": sorted(wrong_type),
        "unknown": sorted(unknown),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("graph", type=Path)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args(argv)
    graph = Dataset(default_union=True)
    graph.parse(args.graph, format="turtle")
    res = score(json.loads(args.gold.read_text(encoding="utf-8")), graph)
    print(f"Place         P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f}  "
          f"system={res['system']} gold={res['gold_core']}")
    if args.show:
        print(f"   missed: {' '.join(res['missed'])}")
        print(f"   not in gold: wrong-type {res['wrong_type']} unknown {res['unknown']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
