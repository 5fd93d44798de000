"""A learned decision on which person and which organization a sentence joins, and by
which title: a logistic regression over a few readable pair features, trained on
DuIE's person–organization relations (``training/train_affiliation.py``; docs/models.md).

In: a Simplified sentence, the character spans of its people and organizations and
all its names (``(start, end, label)``). Out: a score per pair, the pairs to keep
(``AffiliationModel.best_pairs``) and the role words that join a pair (``joining_role``).
"""

from graph.extract.affiliation.features import (
    FEATURES_VERSION,
    MentionSpan,
    RoleMatch,
    Span,
    joining_role,
    joining_roles,
    lac_mentions,
    pair_features,
    role_matches,
)
from graph.extract.affiliation.model import AffiliationModel, AffiliationModelError, ScoredPair

__all__ = [
    "FEATURES_VERSION",
    "AffiliationModel",
    "AffiliationModelError",
    "MentionSpan",
    "RoleMatch",
    "ScoredPair",
    "Span",
    "joining_role",
    "joining_roles",
    "lac_mentions",
    "pair_features",
    "role_matches",
]
