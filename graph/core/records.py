"""The typed records that flow between the pipeline's stages.

read and clean → normalize script → spaCy Doc → ``Mention`` → ``Entity`` and
``Fact`` → ``KnowledgeGraph`` → exports.

Every record is a frozen dataclass; offsets always count characters of the
article's original text as decoded (``Article.text``), before any cleaning or
script conversion, so a reader can highlight them in the source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Entity kinds; values are the schema.org class local names."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    SOFTWARE = "SoftwareApplication"  # AI models and software products
    PLACE = "Place"


class Predicate(StrEnum):
    """Fact kinds; values are the local names used for IRIs and labels."""

    MEMBERSHIP = "membership"  # person holds a role in an organization (org:Membership)
    CREATOR = "creator"  # model made or released by an organization (schema:creator)
    QUOTATION = "quotation"  # person said a quoted text (schema:Quotation)
    COMPARED_WITH = "comparedWith"  # model compared with model
    LOCATED_IN = "locatedIn"  # organization located in place
    SUB_ORGANIZATION_OF = "subOrganizationOf"  # unit → parent organization


def stable_hash(*parts: str, length: int = 16) -> str:
    """A short, deterministic hex digest of ``parts`` (same on every machine)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True)
class ArticleMeta:
    """What the file or its header told us about the article."""

    headline: str | None = None
    url: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) where known
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    summary: str | None = None


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, before cleaning."""

    article_id: str  # deterministic: hash of the original text
    source: str  # path or URL it was read from
    text: str  # original decoded text; all offsets refer to it
    encoding: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)

    @staticmethod
    def id_for(text: str) -> str:
        return stable_hash(text)


@dataclass(frozen=True)
class TextSpan:
    """A half-open character range ``[start, end)`` of an article's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity, located in an article's original text."""

    article_id: str
    start: int
    end: int
    surface: str  # == article.text[start:end]
    entity_type: EntityType
    rule: str  # id of the rule or model that found it
    entity_id: str | None = None  # set by entity resolution

    @property
    def mention_id(self) -> str:
        return stable_hash(self.article_id, str(self.start), str(self.end))


@dataclass(frozen=True)
class Alias:
    """Another name of an entity and why it is taken to be the same entity."""

    text: str
    reason: str  # e.g. "script-variant", "lexicon", "abbreviation", "spacing"


@dataclass(frozen=True)
class Entity:
    """One real-world thing, whatever names the articles used for it."""

    entity_id: str  # deterministic key, e.g. "organization/科大讯飞"
    entity_type: EntityType
    label: str  # canonical name, Simplified Chinese where Chinese
    aliases: tuple[Alias, ...] = ()
    parent_id: str | None = None  # sub-unit of another organization
    lexicon_id: str | None = None  # row id in the curated lexicon, if known there


@dataclass(frozen=True)
class Fact:
    """One extracted statement, with where it came from and how sure we are."""

    predicate: Predicate
    subject_id: str
    object_id: str | None  # None for quotations
    article_id: str
    sentence: TextSpan  # the sentence it came from, original offsets
    evidence: tuple[Mention, ...]  # mentions that support it
    rule: str
    confidence: float
    role: str | None = None  # membership role label, e.g. "董事长"
    former: bool = False  # membership held in the past (原司长)
    text: str | None = None  # quotation text

    @property
    def fact_id(self) -> str:
        return stable_hash(
            self.predicate,
            self.subject_id,
            self.object_id or "",
            self.role or "",
            self.text or "",
            self.article_id,
            str(self.sentence.start),
        )


@dataclass(frozen=True)
class ArticleResult:
    """Everything extracted from one article: the unit a worker returns."""

    article: Article
    language: str  # "zh-Hans" or "zh-Hant"
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """An input that could not be read, and why (``line`` for JSON lines)."""

    path: str
    reason: str
    line: int | None = None
