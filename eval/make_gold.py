"""Build ``gold.json`` (the format of seeds.gold.json) from ``annotations.txt``.

The annotation file is written per document, which is how an annotator reads;
the gold file is per entity, which is how score.py matches.  This script merges
the two views and checks the annotation against the texts:

* every entity declared for a document has a name that occurs in it
  (compared the way score.py compares names: NFKC, Traditional→Simplified,
  lower case, spacing and quotes dropped; pinyin glosses like 時(shí) removed);
* affiliations, creators and quotations name entities of the right type
  declared in the same document;
* no name belongs to two entities (score.py would match the first one only).

usage: python eval/make_gold.py eval/dev/annotations.txt eval/dev --out eval/dev/gold.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import opencc

T2S = opencc.OpenCC("t2s")
TRADITIONAL_FORMS = [opencc.OpenCC(c) for c in ("s2t", "s2hk", "s2tw", "s2twp")]
TYPE_OF_LETTER = {"P": "Person", "O": "Organization", "M": "Model", "L": "Place"}
_PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def norm(text: str) -> str:
    """The name key of score.py."""
    text = unicodedata.normalize("NFKC", str(text))
    text = T2S.convert(text).lower()
    return re.sub(r"[\s《》「」『』“”\"'·•‧・\-_.]", "", text)


@dataclass
class DocEntity:
    letter: str
    label: str
    aliases: list[str]
    core: bool


@dataclass
class Doc:
    key: str
    source: str
    entities: list[DocEntity] = field(default_factory=list)
    affiliations: list[tuple[str, str, str, bool]] = field(default_factory=list)
    created: list[tuple[str, str, bool]] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)


class AnnotationError(ValueError):
    pass


def parse(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("## "):
            key, source = line[3:].split(maxsplit=1)
            docs.append(Doc(key, source))
            continue
        if not docs:
            raise AnnotationError(f"line {number}: annotation before the first '## KEY FILE'")
        head, _, body = line.partition(" ")
        letter, core = head.rstrip("!"), not head.endswith("!")
        body = body.strip()
        doc = docs[-1]
        if letter in TYPE_OF_LETTER:
            label, *aliases = [n.strip() for n in body.split("=")]
            doc.entities.append(DocEntity(letter, label, aliases, core))
        elif letter == "A":
            match = re.fullmatch(r"(.+?) > (.+?) : (.+)", body)
            if not match:
                raise AnnotationError(f"line {number}: expected 'A PERSON > ORG : ROLE'")
            doc.affiliations.append((*match.groups(), core))
        elif letter == "C":
            model, _, org = body.partition(" > ")
            doc.created.append((model.strip(), org.strip(), core))
        elif letter == "Q":
            doc.quoted.append(body)
        else:
            raise AnnotationError(f"line {number}: unknown line kind {head!r}")
    return docs


def read_text(root: Path, source: str) -> str:
    """The text score.py's build saw for a document: a file or one JSON line."""
    if "#L" in source:
        name, line = source.split("#L")
        record = (root / name).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        return json.loads(record)["text"]
    return (root / "articles" / source).read_text(encoding="utf-8")


def check(docs: list[Doc], root: Path) -> list[str]:
    problems = []
    for doc in docs:
        raw = read_text(root, doc.source)
        text = norm(_PINYIN_GLOSS.sub("", raw))
        types = {e.label: TYPE_OF_LETTER[e.letter] for e in doc.entities}
        for e in doc.entities:
            if not any(norm(n) in text for n in (e.label, *e.aliases)):
                problems.append(f"{doc.key}: no name of {e.label!r} occurs in the text")
        for person, org, _, _ in doc.affiliations:
            if types.get(person) != "Person" or types.get(org) not in ("Organization", "Place"):
                problems.append(f"{doc.key}: affiliation {person} > {org}: undeclared or wrong type")
        for model, org, _ in doc.created:
            if types.get(model) != "Model" or types.get(org) != "Organization":
                problems.append(f"{doc.key}: created {model} > {org}: undeclared or wrong type")
        for person in doc.quoted:
            if types.get(person) != "Person":
                problems.append(f"{doc.key}: quoted {person}: not a declared person")
    return problems


def traditional_surfaces(name: str, texts: list[str]) -> set[str]:
    """Traditional spellings of ``name`` that the documents actually use."""
    return {v for conv in TRADITIONAL_FORMS if (v := conv.convert(name)) != name and any(v in t for t in texts)}


def merge(docs: list[Doc], root: Path) -> tuple[dict, list[str]]:
    problems: list[str] = []
    entities: dict[str, dict] = {}
    texts: dict[str, list[str]] = {}
    for doc in docs:
        text = read_text(root, doc.source)
        for e in doc.entities:
            typ = TYPE_OF_LETTER[e.letter]
            entry = entities.setdefault(e.label, {"label": e.label, "type": typ, "docs": [], "aliases": [], "core": False})
            if entry["type"] != typ:
                problems.append(f"{doc.key}: {e.label!r} is {typ} here but {entry['type']} elsewhere")
            entry["docs"].append(doc.key)
            entry["core"] = entry["core"] or e.core
            entry["aliases"] += [a for a in e.aliases if a not in entry["aliases"]]
            texts.setdefault(e.label, []).append(text)
    for label, entry in entities.items():
        for name in [label, *entry["aliases"]]:
            entry["aliases"] += sorted(traditional_surfaces(name, texts[label]) - set(entry["aliases"]))
    owner: dict[str, str] = {}
    for label, entry in entities.items():
        for name in {norm(n) for n in (label, *entry["aliases"])}:
            if owner.setdefault(name, label) != label:
                problems.append(f"name {name!r} belongs to both {owner[name]!r} and {label!r}")

    def merged(rows: list[tuple], key_len: int) -> list[tuple]:
        out: dict[tuple, list] = {}
        for doc_key, row, core in rows:
            slot = out.setdefault(row[:key_len], [row, [], False])
            slot[1].append(doc_key)
            slot[2] = slot[2] or core
        return [(row, doc_keys, core) for row, doc_keys, core in out.values()]

    affiliations = [
        {"person": p, "org": o, "role": r, "docs": d, "core": c}
        for (p, o, r), d, c in merged([(doc.key, a[:3], a[3]) for doc in docs for a in doc.affiliations], 2)
    ]
    created = [
        {"model": m, "org": o, "docs": d, "core": c}
        for (m, o), d, c in merged([(doc.key, cr[:2], cr[2]) for doc in docs for cr in doc.created], 2)
    ]
    quoted = [{"person": p, "docs": d} for (p,), d, _ in merged([(doc.key, (q,), True) for doc in docs for q in doc.quoted], 1)]
    gold = {
        "docs": {doc.key: doc.source for doc in docs},
        "entities": list(entities.values()),
        "affiliations": affiliations,
        "created": created,
        "quoted": quoted,
    }
    return gold, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", type=Path)
    parser.add_argument("root", type=Path, help="folder with articles/ and sentences.jsonl")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    docs = parse(args.annotations)
    gold, problems = merge(docs, args.root)
    problems = check(docs, args.root) + problems
    for problem in problems:
        print("problem:", problem, file=sys.stderr)
    if problems:
        return 1
    args.out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {k: len(v) for k, v in gold.items()}
    print(f"wrote {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
