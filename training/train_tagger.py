"""Rebuild the tagger's models from the corpora: ``python -m training.train_tagger``.

    python -m training.train_tagger --corpora ../shared/corpora --out graph/extract/tagger

Deterministic: LAC runs on one thread, sentences are read in file order and
crfsuite's L-BFGS has no randomness, so the same corpora give the same model
files byte for byte. One process, one core; about a quarter of an hour on
the 2-core development machine (the model card records the time).

Two models (see ``crf``): ``names`` (PER/ORG/LOC, every training corpus)
and ``titles`` (TITLE, only CLUENER and Resume, the corpora that annotate
titles). MSRA sentences in People's Daily dev, or mostly covered by it, are
not trained on (``corpora.read_train``), so People's Daily dev scores are
honest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pycrfsuite

from graph.extract.tagger.crf import MODEL_CARD, MODEL_DIR, NAMES_MODEL, TITLES_MODEL, analyse
from graph.extract.tagger.features import (
    FEATURES_VERSION,
    LacLike,
    LexiconLike,
    Mark,
    WordLike,
    lexicon_marks,
    sentence_features,
)
from training.tagger_corpora import (
    ALL_TYPES,
    NAME_TYPES,
    TITLE,
    Sentence,
    Span,
    read_train,
)

log = logging.getLogger(__name__)

TITLE_CORPORA = ("cluener", "resume")


@dataclass(frozen=True)
class TrainConfig:
    """How a model is trained. The defaults are the shipped models' settings."""

    algorithm: str = "lbfgs"  # crfsuite's: "lbfgs" (CRF, L1+L2) or "ap" (averaged perceptron)
    lac_features: bool = True  # False: LAC's analysis is left out of the features (for comparison)
    c1: float = 0.05  # L1: drops most rare attributes' weights to zero, which keeps the file small
    c2: float = 0.01
    max_iterations: int = 80  # the loss barely moves after ~80 (120 scored the same on dev)
    min_freq: int = 2  # attributes seen fewer times are not features at all

    def params(self) -> dict[str, object]:
        if self.algorithm == "lbfgs":
            return {
                "c1": self.c1,
                "c2": self.c2,
                "max_iterations": self.max_iterations,
                "feature.minfreq": self.min_freq,
            }
        if self.algorithm == "ap":
            return {"max_iterations": self.max_iterations, "feature.minfreq": self.min_freq}
        raise ValueError(f"unknown crfsuite algorithm {self.algorithm!r}")


@dataclass
class Prepared:
    """Training sentences with everything the features need (LAC words, lexicon marks)."""

    sentences: list[Sentence]
    words: list[Sequence[WordLike]]
    marks: list[list[Mark]]
    seconds: float = 0.0


@dataclass
class TrainReport:
    config: TrainConfig
    sentences: dict[str, int] = field(default_factory=dict)
    characters: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    model_bytes: dict[str, int] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)




def prepare(sentences: list[Sentence], *, lac: LacLike | None = None, lexicon: LexiconLike | None = None) -> Prepared:
    """Run LAC and the lexicon over ``sentences`` once, for every model trained on them."""
    started = time.perf_counter()
    if lexicon is None:
        from graph.extract.lexicon import load_lexicon

        lexicon = load_lexicon()
    words = analyse([s.text for s in sentences], lac)
    marks = [lexicon_marks(s.text, lexicon) for s in sentences]
    return Prepared(sentences, words, marks, time.perf_counter() - started)


def bio_labels(length: int, spans: Sequence[Span], types: Sequence[str]) -> list[str]:
    """``B-X``/``I-X``/``O`` per character for the spans of the given types (others are ``O``)."""
    labels = ["O"] * length
    for start, end, kind in spans:
        if kind in types and all(label == "O" for label in labels[start:end]):
            labels[start] = "B-" + kind
            labels[start + 1 : end] = ["I-" + kind] * (end - start - 1)
    return labels


def items(
    data: Prepared, types: Sequence[str], corpora: Sequence[str] | None, config: TrainConfig
) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, labels) of each sentence of the chosen corpora, labelled with ``types``."""
    for sentence, words, marks in zip(data.sentences, data.words, data.marks):
        if corpora is not None and sentence.corpus not in corpora:
            continue
        if not sentence.text:
            continue
        annotated = [t for t in types if t in sentence.annotated]
        yield (
            sentence_features(sentence.text, words if config.lac_features else (), marks),
            bio_labels(len(sentence.text), sentence.spans, annotated),
        )


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]  # pycrfsuite ships no type hints
    """crfsuite's progress messages go to ``logging``, not stdout."""

    def message(self, message: str) -> None:
        text = message.strip()
        if text:
            log.debug("%s", text)


def train_model(examples: Iterator[tuple[list[list[str]], list[str]]], path: Path, config: TrainConfig) -> int:
    """Train one crfsuite model on ``examples`` and write it to ``path``; the number of examples."""
    trainer = _Trainer(algorithm=config.algorithm, verbose=log.isEnabledFor(logging.DEBUG))
    trainer.set_params(config.params())
    count = 0
    for xseq, yseq in examples:
        trainer.append(xseq, yseq)
        count += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return count


def train(
    corpora: Path,
    out: Path,
    config: TrainConfig = TrainConfig(),
    *,
    data: Prepared | None = None,
    titles: bool = True,
) -> TrainReport:
    """Train the names (and titles) models from ``corpora`` into ``out`` and write the model card."""
    report = TrainReport(config)
    started = time.perf_counter()
    if data is None:
        log.info("reading the corpora and running LAC")
        data = prepare(read_train(corpora))
    report.seconds["analysis"] = round(data.seconds or time.perf_counter() - started, 1)
    report.characters = sum(len(s.text) for s in data.sentences)
    for sentence in data.sentences:
        report.sentences[sentence.corpus] = report.sentences.get(sentence.corpus, 0) + 1
    models: list[tuple[str, tuple[str, ...], tuple[str, ...] | None]] = [(NAMES_MODEL, NAME_TYPES, None)]
    if titles:
        models.append((TITLES_MODEL, ALL_TYPES, TITLE_CORPORA))
    for name, types, chosen in models:
        log.info("training %s", name)
        began = time.perf_counter()
        train_model(items(data, types, chosen, config), out / name, config)
        report.seconds[name] = round(time.perf_counter() - began, 1)
        blob = (out / name).read_bytes()
        report.model_bytes[name] = len(blob)
        report.sha256[name] = hashlib.sha256(blob).hexdigest()
    if not titles:
        (out / TITLES_MODEL).unlink(missing_ok=True)
    report.seconds["total"] = round(time.perf_counter() - started, 1)
    write_card(out, report)
    return report


def write_card(out: Path, report: TrainReport) -> None:
    """``model.json``: what the tagger checks (the feature version, LAC or not) and how it was made.
    No times here: the card, like the models, must not change when nothing else does."""
    card = {
        "features_version": FEATURES_VERSION,
        "lac_features": report.config.lac_features,
        "labels": {NAMES_MODEL: list(NAME_TYPES), TITLES_MODEL: [TITLE]},
        "title_corpora": list(TITLE_CORPORA),
        "config": asdict(report.config),
        "training_sentences": report.sentences,
        "training_characters": report.characters,
        "sha256": report.sha256,
    }
    (out / MODEL_CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, required=True, help="the corpora folder (shared/corpora)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where the model files go (default: the package)")
    parser.add_argument("--algorithm", choices=("lbfgs", "ap"), default=TrainConfig.algorithm)
    parser.add_argument("--no-lac", action="store_true", help="leave LAC's analysis out of the features")
    parser.add_argument("--max-iterations", type=int, default=TrainConfig.max_iterations)
    parser.add_argument("--verbose", action="store_true", help="crfsuite's progress per iteration")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(message)s")
    config = TrainConfig(algorithm=args.algorithm, lac_features=not args.no_lac, max_iterations=args.max_iterations)
    report = train(args.corpora, args.out, config)
    print(f"trained on {report.characters:,} characters: {report.sentences}")
    for name, size in report.model_bytes.items():
        print(f"{name}: {size / 1e6:.1f} MB, {report.seconds[name]} s, sha256 {report.sha256[name][:16]}")
    print(f"LAC and lexicon: {report.seconds['analysis']} s; total {report.seconds['total']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
