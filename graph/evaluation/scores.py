"""The scores of a graph against a gold annotation: frozen records, with what was missed and what is not in the gold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal as TypeLiteral

Pair = tuple[str, str]

# Why a system entity is not in the gold: another type's name, or no gold name at all.
SpuriousReason = TypeLiteral["wrong-type", "unknown"]

@dataclass(frozen=True)
class Spurious:
    """A system entity no gold entity of its type names: another type's name, or unknown."""

    reason: SpuriousReason
    names: tuple[str, ...]  # its first three normalised names, sorted

@dataclass(frozen=True)
class TypeScore:
    """Entities of one gold type: precision over all system entities, recall over core gold."""

    gold_type: str
    precision: float
    recall: float
    f1: float
    system: int
    gold_core: int
    correct: int  # system entities that match a gold entity of this type
    core_found: int  # core gold entities at least one system entity matches
    duplicates: tuple[tuple[str, int], ...]  # gold label, system entities matching it (> 1)
    missed: tuple[str, ...]
    spurious: tuple[Spurious, ...]

@dataclass(frozen=True)
class EntityScore:
    """All entity types together (micro-averaged)."""

    precision: float
    recall: float
    f1: float

@dataclass(frozen=True)
class SystemAffiliation:
    """A (person, organization) pair the graph states, with every role name it gives."""

    pair: Pair
    roles: tuple[str, ...]

@dataclass(frozen=True)
class AffiliationScore:
    """Person–organization pairs; role recall: core pairs found with a matching role."""

    precision: float
    recall: float
    f1: float
    role_recall: float
    system: int
    gold_core: int
    missed: tuple[Pair, ...]
    spurious: tuple[SystemAffiliation, ...]

@dataclass(frozen=True)
class CreatedScore:
    """Model–maker pairs."""

    precision: float
    recall: float
    f1: float
    system: int
    gold_core: int
    missed: tuple[Pair, ...]
    spurious: tuple[Pair, ...]

@dataclass(frozen=True)
class QuotedScore:
    """People quoted: recall only (the gold does not list every quotation)."""

    recall: float
    system_people: int
    gold_people: int
    missed: tuple[str, ...]

@dataclass(frozen=True)
class Scores:
    """A graph's scores against one gold annotation."""

    types: tuple[TypeScore, ...]  # in ENTITY_TYPES order
    entities: EntityScore
    affiliations: AffiliationScore
    created: CreatedScore
    quoted: QuotedScore
    triples: int
