"""The shipped affiliation model, loaded and applied: a logistic regression over
``pair_features``, whose weights (one per named feature) live in ``weights.json``.

``score`` is the probability that a sentence relates the person to the
organization (works for, heads, founded, studied at, speaks for it): DuIE's
person–organization predicates were the positives, every other pair of the same
sentences the negatives. ``best_pairs`` decides for a whole sentence, and
``joining_role`` (in ``features``) says which title joins a pair.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from graph.extract.affiliation.features import FEATURES_VERSION, MentionSpan, Span, joining_roles, pair_features

MODEL_DIR = Path(__file__).resolve().parent
WEIGHTS_FILE = "weights.json"


class ScoredPair(NamedTuple):
    person: int  # index into the persons
    org: int  # index into the organizations
    score: float
    titled: bool  # a title joins them (``joining_roles``)


class AffiliationModelError(Exception):
    """The weights file is missing, unreadable or was trained with other features."""


@lru_cache(maxsize=1)
def _shared() -> AffiliationModel:
    return AffiliationModel.load()


class AffiliationModel:
    """Scores (person, organization) pairs of one sentence; offsets are characters into it."""

    def __init__(
        self,
        weights: Mapping[str, float],
        bias: float,
        *,
        threshold: float = 0.5,
        one_org_per_person: bool = True,
        card: Mapping[str, object] | None = None,
    ) -> None:
        self.weights = dict(weights)
        self.bias = bias
        self.threshold = threshold  # the recommended decision threshold (see docs/models.md)
        self.one_org_per_person = one_org_per_person
        self.card = dict(card or {})

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> AffiliationModel:
        path = folder / WEIGHTS_FILE
        try:
            card = json.loads(path.read_text(encoding="utf-8"))
            version = card["features_version"]
            weights = {str(k): float(v) for k, v in card["weights"].items()}
            bias = float(card["bias"])
            threshold = float(card["threshold"])
            one_org = bool(card.get("one_org_per_person", True))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise AffiliationModelError(
                f"cannot read the affiliation weights {path}: {err}; rebuild them with "
                "`python -m training.train_affiliation`"
            ) from err
        if version != FEATURES_VERSION:
            raise AffiliationModelError(
                f"the affiliation weights in {folder} were trained with features version {version}, "
                f"this code builds version {FEATURES_VERSION}: retrain them"
            )
        return cls(weights, bias, threshold=threshold, one_org_per_person=one_org, card=card)

    @classmethod
    def shared(cls) -> AffiliationModel:
        """The shipped weights, loaded once per process."""
        return _shared()

    def contributions(self, text: str, person: Span, org: Span, mentions: Sequence[MentionSpan]) -> list[tuple[str, float]]:
        """Each feature of the pair with its weight (features the model never saw weigh 0)."""
        return [(name, self.weights.get(name, 0.0)) for name in pair_features(text, person, org, mentions)]

    def score(self, text: str, person: Span, org: Span, mentions: Sequence[MentionSpan]) -> float:
        """The probability that ``text`` relates ``person`` to ``org`` (0 to 1).

        ``mentions`` are the sentence's names as ``(start, end, label)``, labels
        ``PER``/``ORG``/``LOC`` or ``EntityType`` values; the pair may be among them.
        """
        z = self.bias + sum(w for _name, w in self.contributions(text, person, org, mentions))
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def scored_pairs(
        self, text: str, persons: Sequence[Span], orgs: Sequence[Span], mentions: Sequence[MentionSpan]
    ) -> list[ScoredPair]:
        """Every (person, organization) pair that does not overlap, scored, with whether a title joins it."""
        return [
            ScoredPair(i, j, self.score(text, person, org, mentions), bool(joining_roles(text, person, org, mentions)))
            for i, person in enumerate(persons)
            for j, org in enumerate(orgs)
            if person[1] <= org[0] or org[1] <= person[0]  # overlapping spans are one name, not a pair
        ]

    def select(self, scored: Sequence[ScoredPair], threshold: float | None = None) -> list[tuple[int, int, float]]:
        """The pairs of ``scored`` to keep, as ``best_pairs`` returns them."""
        cut = self.threshold if threshold is None else threshold
        kept = [p for p in scored if p.score >= cut]
        if self.one_org_per_person:
            best: dict[int, ScoredPair] = {}
            for p in kept:
                if p.person not in best or (p.score, -p.org) > (best[p.person].score, -best[p.person].org):
                    best[p.person] = p
            kept = [p for p in kept if best[p.person] is p or p.titled]
        return sorted((p.person, p.org, p.score) for p in kept)

    def best_pairs(
        self,
        text: str,
        persons: Sequence[Span],
        orgs: Sequence[Span],
        mentions: Sequence[MentionSpan],
        *,
        threshold: float | None = None,
    ) -> list[tuple[int, int, float]]:
        """The pairs the sentence states, as ``(person index, org index, score)``, sorted by index.

        A pair is kept when its score reaches ``threshold`` (the model's own,
        ``self.threshold``, when ``None``). With ``one_org_per_person`` (as
        shipped) a person keeps only its best organization, and others only
        when a title joins them (中国人寿集团董事长王滨当选为广发银行董事长). An
        organization may keep several people (远川科技董事长林晓峰、总裁王强).
        """
        return self.select(self.scored_pairs(text, persons, orgs, mentions), threshold)
