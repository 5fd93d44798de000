"""The shipped CRF models, loaded and applied: sentences (with their LAC analysis) → spans.

Two crfsuite models share one feature function. ``names`` tags PER/ORG/LOC
and was trained on every corpus; ``titles`` tags job titles (TITLE) and was
trained only on the corpora that annotate them (CLUENER, Resume): in MSRA,
People's Daily and Weibo a title is simply untagged text, and a model trained
on them would learn that titles are not names. A title that overlaps a name
of the names model is dropped, so the spans of one sentence never overlap.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from graph.extract.tagger.features import (
    FEATURES_VERSION,
    LacLike,
    LexiconLike,
    Mark,
    Word,
    WordLike,
    feature_rows,
    lexicon_marks,
)

MODEL_DIR = Path(__file__).resolve().parent
NAMES_MODEL = "names.crfsuite"
TITLES_MODEL = "titles.crfsuite"
LAC_BATCH = 512  # sentences handed to LAC at once (it sorts them by length inside)
MODEL_CARD = "model.json"  # what the models were trained with; read to check the features agree


class TaggerModelError(Exception):
    """A model file is missing, unreadable or was trained with other features."""


@dataclass(frozen=True, order=True)
class EntitySpan:
    """A name found by the tagger: character offsets into the tagged text (end exclusive)."""

    start: int
    end: int
    label: str  # PER, ORG, LOC or TITLE
    # The model's marginal probability of the span's labels, its least sure character's
    # (1.0 when the caller asked for no confidence).
    confidence: float = field(default=1.0, compare=False)


def decode_bio(labels: Sequence[str], keep: Iterable[str] | None = None) -> list[EntitySpan]:
    """Spans of a ``B-X``/``I-X``/``O`` label sequence; an ``I-X`` that does not continue an
    ``X`` starts a span (a CRF rarely emits one, but a span is better than a lost name)."""
    wanted = set(keep) if keep is not None else None
    spans: list[EntitySpan] = []
    start, current = -1, ""
    for i, label in enumerate([*labels, "O"]):
        if label == "O" and not current:  # most characters: nothing open, nothing starts
            continue
        prefix, _, kind = label.partition("-")
        if current and (prefix != "I" or kind != current):
            if wanted is None or current in wanted:
                spans.append(EntitySpan(start, i, current))
            current = ""
        if prefix == "B" or (prefix == "I" and not current):
            start, current = i, kind
    return spans


def _open_tagger(path: Path) -> pycrfsuite.Tagger:
    if not path.is_file():
        raise TaggerModelError(f"no tagger model at {path}; rebuild it with `make train`")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as err:
        raise TaggerModelError(f"cannot read the tagger model {path}: {err}") from err
    return tagger


class EntityTagger:
    """PER/ORG/LOC/TITLE spans for sentences whose LAC analysis the caller already has.

    The pipeline has LAC words for every article anyway, so the tagger takes
    them instead of running LAC again. ``lexicon`` is a
    ``graph.extract.lexicon.Lexicon`` (its matches are features); ``None``
    loads the project's lexicon on first use.
    """

    def __init__(self, folder: Path = MODEL_DIR, *, lexicon: LexiconLike | None = None) -> None:
        card_path = folder / MODEL_CARD
        try:
            self.card: dict[str, object] = json.loads(card_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise TaggerModelError(f"cannot read the tagger's model card {card_path}: {err}") from err
        if self.card.get("features_version") != FEATURES_VERSION:
            raise TaggerModelError(
                f"the tagger model in {folder} was trained with features version "
                f"{self.card.get('features_version')}, this code builds version {FEATURES_VERSION}: retrain it"
            )
        self.uses_lac = bool(self.card.get("lac_features", True))
        self.names = _open_tagger(folder / NAMES_MODEL)
        self.titles = _open_tagger(folder / TITLES_MODEL) if (folder / TITLES_MODEL).is_file() else None
        self._lexicon = lexicon

    @staticmethod
    @lru_cache(maxsize=1)
    def shared() -> EntityTagger:
        """The shipped models, loaded once per process (as ``LacTagger.shared``)."""
        return EntityTagger()

    @property
    def lexicon(self) -> LexiconLike:
        if self._lexicon is None:
            # The pipeline's lexicon, read once per process.
            from graph.extract.lexicon import load_lexicon

            self._lexicon = load_lexicon()
        return self._lexicon

    def marks(self, text: str) -> list[Mark]:
        """The lexicon matches of ``text``, as the features see them."""
        return lexicon_marks(text, self.lexicon)

    def tag(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[WordLike]],
        marks: Sequence[Sequence[Mark]] | None = None,
        *,
        confidence: bool = True,
    ) -> list[list[EntitySpan]]:
        """The spans of each text, sorted, in character offsets into that text.

        ``words[i]`` is LAC's analysis of ``texts[i]`` (``LacTagger.tag_many``);
        ``marks[i]`` the lexicon matches, computed here when not given. Texts
        are best given a sentence at a time (as trained), but any length works.
        Without ``confidence`` the spans' marginal probabilities are not
        computed (each ``confidence`` is 1.0); the spans are the same.
        """
        if len(words) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(words)} LAC analyses")
        results: list[list[EntitySpan]] = []
        for i, text in enumerate(texts):
            if not text:
                results.append([])
                continue
            rows = feature_rows(
                text, words[i] if self.uses_lac else (), marks[i] if marks is not None else self.marks(text)
            )
            results.append(self.tag_features(rows, confidence=confidence))
        return results

    def tag_article(
        self,
        text: str,
        words: Sequence[WordLike],
        sentences: Sequence[tuple[int, int]],
        *,
        titles: bool = True,
        confidence: bool = True,
    ) -> list[EntitySpan]:
        """The spans of a whole article, in offsets into ``text``, tagged a sentence at a time
        (without ``titles``, only the names model runs; without ``confidence``, no
        marginal probabilities are computed and each span's ``confidence`` is 1.0).

        ``words`` is LAC's analysis of the whole ``text`` (``LacTagger.tag``) and
        ``sentences`` its (start, end) sentence spans (``split_sentences``): each
        sentence is tagged with its own words, shifted, as the model was trained.
        """
        spans: list[EntitySpan] = []
        for (start, end), inside in zip(sentences, _sentence_words(words, sentences)):
            piece = text[start:end]
            if not piece:
                continue
            rows = feature_rows(piece, inside if self.uses_lac else (), self.marks(piece))
            found = self.tag_features(rows, titles=titles, confidence=confidence)
            if found:
                spans += [EntitySpan(s.start + start, s.end + start, s.label, s.confidence) for s in found]
        return spans

    def tag_texts(self, texts: Sequence[str], lac: LacLike | None = None) -> list[list[EntitySpan]]:
        """``tag`` for callers without a LAC analysis: LAC runs here first
        (``lac`` is a ``graph.extract.statistical.LacTagger``; ``None``: the shared one)."""
        return self.tag(texts, analyse(texts, lac) if self.uses_lac else [[] for _ in texts])

    def tag_features(
        self, features: Sequence[Sequence[str]], *, titles: bool = True, confidence: bool = True
    ) -> list[EntitySpan]:
        """The spans for one text's features (``sentence_features`` or ``feature_rows``);
        without ``titles`` only the names model runs, without ``confidence`` no
        marginal probabilities are computed."""
        if not features:
            return []
        spans = decode_bio(self.names.tag(features))
        if confidence and spans:
            spans = _with_confidence(self.names, spans)
        if titles and self.titles is not None:
            taken = [False] * len(features)
            for span in spans:
                taken[span.start : span.end] = [True] * (span.end - span.start)
            spans += [
                s for s in decode_bio(self.titles.tag(features), keep=("TITLE",)) if not any(taken[s.start : s.end])
            ]
            spans.sort()
        return spans


def _sentence_words(words: Sequence[WordLike], sentences: Sequence[tuple[int, int]]) -> list[list[Word]]:
    """Each sentence's words, cut to it and shifted to offsets into it."""
    ordered = sorted(words, key=lambda w: w.start)
    starts = [w.start for w in ordered]
    per_sentence: list[list[Word]] = []
    for start, end in sentences:
        inside: list[Word] = []
        k = max(bisect_right(starts, start) - 1, 0)  # the word that holds ``start``, or the first after it
        while k < len(ordered) and ordered[k].start < end:
            w = ordered[k]
            if w.end > start:
                inside.append(Word(max(w.start, start) - start, min(w.end, end) - start, w.tag))
            k += 1
        per_sentence.append(inside)
    return per_sentence


def _with_confidence(tagger: pycrfsuite.Tagger, spans: list[EntitySpan]) -> list[EntitySpan]:
    """``spans`` with the marginal probability of their labels in the sequence the tagger just tagged."""
    return [
        EntitySpan(
            s.start,
            s.end,
            s.label,
            min(tagger.marginal(("B-" if t == s.start else "I-") + s.label, t) for t in range(s.start, s.end)),
        )
        for s in spans
    ]


def analyse(texts: Sequence[str], lac: LacLike | None = None) -> list[Sequence[WordLike]]:
    """LAC's analysis of each text, in batches (``LacTagger.tag_many``)."""
    if lac is None:
        # onnxruntime: imported only when LAC runs.
        from graph.extract.statistical import LacTagger

        lac = LacTagger.shared()
    words: list[Sequence[WordLike]] = []
    for first in range(0, len(texts), LAC_BATCH):
        words.extend(lac.tag_many(texts[first : first + LAC_BATCH]))
    return words
