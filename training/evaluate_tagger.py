"""Score the tagger on the dev splits: ``python -m training.evaluate_tagger``.

    python -m training.evaluate_tagger --corpora ../shared/corpora

Strict span-level scores: a predicted span counts only if its start, end and
type all equal a gold span's. Each split is scored only on the types it
annotates (People's Daily and Weibo have no TITLE), and LAC alone (its own
PER/ORG/LOC words) is scored on the same sentences as the baseline.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from graph.extract.tagger.crf import MODEL_DIR, EntityTagger, analyse
from graph.extract.tagger.features import LacLike, WordLike
from training.metrics import Score
from training.tagger_corpora import ANNOTATED, DEV_FILES, Sentence, Span, read_file

LAC_NAMES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # LAC's tags that are names, as our types



def score(
    gold: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]], types: Sequence[str]
) -> dict[str, Score]:
    """Strict span scores per type, plus ``"all"`` (micro-averaged over ``types``)."""
    scores = {t: Score() for t in (*types, "all")}
    for gold_spans, predicted_spans in zip(gold, predicted):
        expected = {s for s in gold_spans if s[2] in types}
        found = {s for s in predicted_spans if s[2] in types}
        for kind in types:
            want = {s for s in expected if s[2] == kind}
            got = {s for s in found if s[2] == kind}
            counted = Score(len(want & got), len(got - want), len(want - got))
            scores[kind].add(counted)
            scores["all"].add(counted)
    return scores


def lac_spans(words: Sequence[WordLike]) -> list[Span]:
    """LAC alone: its PER/ORG/LOC words as spans."""
    return [(w.start, w.end, LAC_NAMES[w.tag]) for w in words if w.tag in LAC_NAMES]


def evaluate(
    corpora: Path, taggers: dict[str, EntityTagger], *, lac: LacLike | None = None
) -> dict[str, dict[str, dict[str, Score]]]:
    """split → system (``"LAC"`` and each tagger's name) → type → score."""
    results: dict[str, dict[str, dict[str, Score]]] = {}
    for split in DEV_FILES:
        sentences: list[Sentence] = list(read_file(corpora, split))
        texts = [s.text for s in sentences]
        words = analyse(texts, lac)
        gold = [s.spans for s in sentences]
        types = ANNOTATED[split.split("/", 1)[0]]
        systems = {"LAC": score(gold, [lac_spans(w) for w in words], types)}
        for name, tagger in taggers.items():
            found = tagger.tag(texts, words)
            systems[name] = score(gold, [[(s.start, s.end, s.label) for s in spans] for spans in found], types)
        results[split] = systems
    return results


def format_table(results: dict[str, dict[str, dict[str, Score]]]) -> str:
    """A Markdown table: one row per split and type, P/R/F1 of each system."""
    systems = list(next(iter(results.values())))
    head = "| split | type | gold | " + " | ".join(f"{s} P | {s} R | {s} F1" for s in systems) + " |"
    rule = "|---|---|---:|" + "---:|---:|---:|" * len(systems)
    lines = [head, rule]
    for split, by_system in results.items():
        for kind in by_system[systems[0]]:
            first = by_system[systems[0]][kind]
            cells = [f"{split}", kind, str(first.tp + first.fn)]
            for system in systems:
                s = by_system[system][kind]
                cells += [
                    f"{s.precision:.3f}",
                    f"{s.recall:.3f}",
                    f"**{s.f1:.3f}**" if kind == "all" else f"{s.f1:.3f}",
                ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, required=True, help="the corpora folder (shared/corpora)")
    parser.add_argument(
        "--models",
        type=Path,
        nargs="*",
        default=[MODEL_DIR],
        help="model folders to compare (default: the shipped one); each is a column",
    )
    args = parser.parse_args(argv)
    taggers = {
        ("CRF" if folder.resolve() == MODEL_DIR else folder.name): EntityTagger(folder) for folder in args.models
    }
    print(format_table(evaluate(args.corpora, taggers)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
