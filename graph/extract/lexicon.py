"""The curated lexicon of AI models and organizations (``ontology/lexicon.ttl``).

Read once into plain records; matching is done on normalised keys so that
spacing, case and dashes do not matter (Open AI = OpenAI, GPT4 = GPT-4).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import ORG, SKOS

from graph.core.records import EntityType
from graph.extract.text import name_key
from graph.text.chars import CJK

SCHEMA = Namespace("https://schema.org/")
LEXICON_NS = "https://w3id.org/cnkg/lexicon/"
_TYPES = {
    SCHEMA.Person: EntityType.PERSON,
    SCHEMA.Organization: EntityType.ORGANIZATION,
    SCHEMA.SoftwareApplication: EntityType.SOFTWARE,
    SCHEMA.Place: EntityType.PLACE,
}


def default_lexicon_path() -> Path:
    return Path(__file__).resolve().parents[2] / "ontology" / "lexicon.ttl"


@dataclass(frozen=True)
class LexiconEntry:
    """One row of the lexicon."""

    lexicon_id: str  # local name, e.g. "openai"
    entity_type: EntityType
    label: str
    aliases: tuple[str, ...]  # other names
    misspellings: tuple[str, ...]
    creator: str | None = None  # lexicon id of the maker of a model
    parent: str | None = None  # lexicon id of the parent organization


@dataclass(frozen=True)
class LexiconMatch:
    start: int
    end: int
    entry: LexiconEntry
    reason: str  # "label", "alias" or "typo"


class Lexicon:
    """Name → entry lookup and a scanner that finds lexicon names in text."""

    def __init__(self, entries: list[LexiconEntry]) -> None:
        self.entries = {e.lexicon_id: e for e in entries}
        self._by_key: dict[str, tuple[LexiconEntry, str]] = {}
        for entry in sorted(entries, key=lambda e: e.lexicon_id):
            names = [(entry.label, "label")]
            names += [(a, "alias") for a in entry.aliases]
            names += [(m, "typo") for m in entry.misspellings]
            for name, reason in names:
                self._by_key.setdefault(name_key(name), (entry, reason))
        names = [name for e in entries for name in (e.label, *e.aliases, *e.misspellings)]
        # One pattern per first character: the scanner only tries the names
        # that can start where it stands, instead of every name everywhere.
        by_first: dict[str, list[str]] = {}
        for name in names:
            if name.strip():
                by_first.setdefault(name.strip()[0].lower(), []).append(name)
        self._patterns = {first: _compile_scanner(group) for first, group in by_first.items()}
        self._starts = re.compile("[" + "".join(re.escape(c) for c in sorted(by_first)) + "]", re.IGNORECASE)

    def lookup(self, surface: str) -> LexiconEntry | None:
        hit = self._by_key.get(name_key(surface))
        return hit[0] if hit else None

    def scan(self, text: str) -> Iterator[LexiconMatch]:
        """Longest, leftmost lexicon names in ``text`` (Simplified)."""
        if not self._patterns:
            return
        position = 0
        while (start := self._starts.search(text, position)) is not None:
            at = start.start()
            match = self._patterns[text[at].lower()].match(text, at)
            if match is None:
                position = at + 1
                continue
            position = max(match.end(), at + 1)
            hit = self._by_key.get(name_key(match.group(0)))
            if hit is not None:
                yield LexiconMatch(match.start(), match.end(), hit[0], hit[1])


def _compile_scanner(names: list[str]) -> re.Pattern[str]:
    """One alternation, longest first. Latin names match case-insensitively with
    flexible spacing and dashes, and a Latin edge never cuts a longer Latin word
    (GPT-4 is not found inside GPT-4V)."""
    parts = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        pieces = [re.escape(ch) for ch in name if not ch.isspace() and ch not in "-·"]
        # An optional space, dash or middle dot between characters of a Latin
        # name keeps "Open AI", "GPT 4" and "DALL·E" matching one entry.
        body = "".join(pieces) if re.search(f"[{CJK}]", name) else r"[\s\-·]?".join(pieces)
        if name[:1].isascii() and name[:1].isalnum():
            body = r"(?<![A-Za-z0-9])" + body
        if name[-1:].isascii() and name[-1:].isdigit():
            # A digit may follow when it starts a date: GPT-4 2024年 aside, GPT-40 is another name.
            body += r"(?![A-Za-z]|[0-9](?![0-9]*[年月日号]))"
        elif name[-1:].isascii() and name[-1:].isalpha():
            # A version may follow a name that ends in a letter: Qwen2.5-72B, Open AI2月中旬.
            body += r"(?![A-Za-z])"
        parts.append(body)
    return re.compile("|".join(parts), re.IGNORECASE)


def _local(iri: URIRef) -> str:
    return str(iri).removeprefix(LEXICON_NS)


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    graph = Graph()
    graph.parse(path or default_lexicon_path(), format="turtle")
    entries = []
    for subject in sorted(set(graph.subjects(SKOS.prefLabel, None))):
        types = [_TYPES[t] for t in graph.objects(subject, RDF.type) if t in _TYPES]
        if not types or not isinstance(subject, URIRef):
            continue
        creator = graph.value(subject, SCHEMA.creator)
        parent = graph.value(subject, ORG.subOrganizationOf)
        entries.append(
            LexiconEntry(
                lexicon_id=_local(subject),
                entity_type=types[0],
                label=str(graph.value(subject, SKOS.prefLabel)),
                aliases=tuple(sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))),
                misspellings=tuple(sorted(str(a) for a in graph.objects(subject, SKOS.hiddenLabel))),
                creator=_local(creator) if creator else None,
                parent=_local(parent) if parent else None,
            )
        )
    return Lexicon(entries)
