"""Reading the NER training corpora (``shared/corpora``) into one shape.

The corpora come converted to one JSONL format (see their README), but they
disagree on labels: Weibo tells GPE from LOC, CLUENER carries fine labels,
MSRA, People's Daily and Weibo never annotate job titles. This module maps
every corpus onto our four types and says, per sentence, which types were
annotated at all, so a trainer never mistakes "not annotated" for "not a name".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PER, ORG, LOC, TITLE = "PER", "ORG", "LOC", "TITLE"
NAME_TYPES: tuple[str, ...] = (PER, ORG, LOC)  # annotated in every corpus
ALL_TYPES: tuple[str, ...] = (PER, ORG, LOC, TITLE)

# Source label → our type. GPE is a place (Weibo is the only corpus that has it).
# CLUENER's fine labels are mapped here too, so the mapping does not rely on the
# coarse type the conversion already chose.
LABEL_MAP: dict[str, str] = {
    "PER": PER,
    "ORG": ORG,
    "LOC": LOC,
    "GPE": LOC,
    "TITLE": TITLE,
    "name": PER,
    "company": ORG,
    "organization": ORG,
    "government": ORG,
    "address": LOC,
    "scene": LOC,
    "position": TITLE,
}

# Which of our types each corpus annotates. A type missing here is unlabelled
# in that corpus: its mentions sit in the text tagged as nothing.
ANNOTATED: dict[str, tuple[str, ...]] = {
    "msra": NAME_TYPES,
    "people_daily": NAME_TYPES,
    "weibo": NAME_TYPES,
    "cluener": ALL_TYPES,
    "resume": ALL_TYPES,
}

TRAIN_FILES: tuple[str, ...] = ("msra/train", "cluener/train", "resume/train", "weibo/train")
DEV_FILES: tuple[str, ...] = ("people_daily/dev", "cluener/dev", "resume/dev", "weibo/dev")

Span = tuple[int, int, str]  # start, end (exclusive), type; character offsets


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence, labels already mapped to ours."""

    id: str
    corpus: str  # "msra", "cluener", ...
    text: str
    spans: tuple[Span, ...]
    in_people_daily_dev: bool = False

    @property
    def annotated(self) -> tuple[str, ...]:
        return ANNOTATED[self.corpus]


def map_span(raw: list[object]) -> Span:
    """Our span for a corpus span ``[start, end, TYPE(, fine)]``: the fine label wins when present."""
    start, end, label = int(str(raw[0])), int(str(raw[1])), str(raw[-1])
    return start, end, LABEL_MAP.get(label, LABEL_MAP[str(raw[2])])


def read_file(corpora: Path, name: str) -> Iterator[Sentence]:
    """Sentences of ``corpora/<name>.jsonl`` (``name`` like ``"msra/train"``)."""
    corpus = name.split("/", 1)[0]
    with (corpora / f"{name}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield Sentence(
                id=row["id"],
                corpus=corpus,
                text=row["text"],
                spans=tuple(sorted(map_span(s) for s in row["spans"])),
                in_people_daily_dev=bool(row.get("in_people_daily_dev", False)),
            )


def read_dev(corpora: Path) -> dict[str, list[Sentence]]:
    """Each dev split by name (``"people_daily/dev"`` → sentences)."""
    return {name: list(read_file(corpora, name)) for name in DEV_FILES}


def read_train(corpora: Path) -> list[Sentence]:
    """Every training sentence that may be trained on while People's Daily dev is scored.

    MSRA and People's Daily are cut from the same 1998 newspaper text: the
    sentences the corpus marks as being in PD dev are dropped, and so are
    sentences that PD dev covers at least half of by 13-character strings
    (the same text split into sentences differently), so that the PD dev scores
    are scores on unseen text.
    """
    seen = _ngrams(s.text for s in read_file(corpora, "people_daily/dev"))
    kept: list[Sentence] = []
    for name in TRAIN_FILES:
        for sentence in read_file(corpora, name):
            if sentence.in_people_daily_dev:
                continue
            if sentence.corpus == "msra" and _covered(sentence.text, seen) >= 0.5:
                continue
            kept.append(sentence)
    return kept


LEAK_N = 13  # length of the shared strings that count as copied text (as the corpora README)


def _ngrams(texts: Iterator[str]) -> set[str]:
    return {text[i : i + LEAK_N] for text in texts for i in range(len(text) - LEAK_N + 1)}


def _covered(text: str, seen: set[str]) -> float:
    """Share of ``text``'s characters inside a 13-character string that also occurs in ``seen``."""
    if len(text) < LEAK_N:
        return 0.0
    covered = [False] * len(text)
    for i in range(len(text) - LEAK_N + 1):
        if text[i : i + LEAK_N] in seen:
            covered[i : i + LEAK_N] = [True] * LEAK_N
    return sum(covered) / len(text)
