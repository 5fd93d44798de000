"""The curated lexicon of AI models and organizations (``ontology/lexicon.ttl``).

Read once into plain records; matching is done on normalised keys so that
spacing, case and dashes do not matter (Open AI = OpenAI, GPT4 = GPT-4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import ORG, SKOS
from rdflib.term import Node

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
    misspellings: tuple[str, ...]  # the lexicon's own, then those near_spellings derives
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
        ordered = sorted(entries, key=lambda e: e.lexicon_id)
        # Every real name first: a misspelling never takes the key of another entry's name.
        for entry in ordered:
            for name, reason in [(entry.label, "label"), *((a, "alias") for a in entry.aliases)]:
                self._by_key.setdefault(name_key(name), (entry, reason))
        for entry in ordered:
            for misspelling in entry.misspellings:
                self._by_key.setdefault(name_key(misspelling), (entry, "typo"))
        scanned = [name for e in entries for name in (e.label, *e.aliases, *e.misspellings)]
        # One pattern per first character: the scanner only tries the names
        # that can start where it stands, instead of every name everywhere.
        by_first: dict[str, list[str]] = {}
        for name in scanned:
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


_ACRONYM = re.compile(r"[A-Z]{3,}")
_WORD_FINAL_I = re.compile(r"(?<=[A-Za-z])I(?![A-Za-z])")


def near_spellings(name: str) -> set[str]:
    """The misspellings of a Latin name that web copies are full of, derived rather than listed.

    - a capital I that ends a word typed or recognised as a lower-case l (OpenAl for OpenAI);
    - two neighbouring letters swapped in a capitalised acronym that is part of a longer name
      (GTP-4 for GPT-4, ChatGTP). An acronym alone is left as it is: AMD swapped is MAD.

    >>> sorted(near_spellings("GPT-4"))
    ['GTP-4', 'PGT-4']
    >>> sorted(near_spellings("OpenAI"))
    ['OpenAl']
    """
    if not name.isascii():
        return set()
    found = {m.string[: m.start()] + "l" + m.string[m.end() :] for m in _WORD_FINAL_I.finditer(name)}
    for run in _ACRONYM.finditer(name):
        if run.group() == name:
            continue
        letters = run.group()
        for i in range(len(letters) - 1):
            if letters[i] != letters[i + 1]:
                swapped = letters[:i] + letters[i + 1] + letters[i] + letters[i + 2 :]
                found.add(name[: run.start()] + swapped + name[run.end() :])
    found.discard(name)
    return found


def maker_name_variants(name: str, maker_names: Iterable[str]) -> set[str]:
    """A product name that starts with its maker's name, written with the maker's other names.

    News mixes scripts for the maker inside a product name: 谷歌语音助手 is also
    written Google语音助手, 微软小冰 Microsoft小冰.

    >>> sorted(maker_name_variants("谷歌语音助手", ["Google", "谷歌"]))
    ['Google语音助手']
    """
    names = [m for m in maker_names if m]
    variants: set[str] = set()
    for prefix in names:
        if name.startswith(prefix) and len(name) > len(prefix):
            variants |= {other + name[len(prefix) :] for other in names if other != prefix}
    return variants


def _with_derived_names(entries: list[LexiconEntry]) -> list[LexiconEntry]:
    """Entries with their maker-name variants as aliases and their near spellings as misspellings."""
    by_id = {e.lexicon_id: e for e in entries}
    derived = []
    for entry in entries:
        maker = by_id.get(entry.creator) if entry.creator else None
        aliases = set(entry.aliases)
        if maker is not None:
            maker_names = (maker.label, *maker.aliases)
            for name in (entry.label, *entry.aliases):
                aliases |= maker_name_variants(name, maker_names)
        aliases.discard(entry.label)
        misspellings = set(entry.misspellings)
        for name in (entry.label, *aliases):
            misspellings |= near_spellings(name)
        derived.append(
            replace(entry, aliases=tuple(sorted(aliases)), misspellings=tuple(sorted(misspellings - aliases)))
        )
    return derived


def _local(iri: Node) -> str:
    return str(iri).removeprefix(LEXICON_NS)


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    graph = Graph()
    graph.parse(path or default_lexicon_path(), format="turtle")
    entries = []
    for subject in sorted({s for s in graph.subjects(SKOS.prefLabel, None) if isinstance(s, URIRef)}):
        types = [_TYPES[t] for t in graph.objects(subject, RDF.type) if isinstance(t, URIRef) and t in _TYPES]
        if not types:
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
    return Lexicon(_with_derived_names(entries))
