"""The gold annotation of a set of articles, read from the shared JSON format.

Names are compared after ``normalize_name``: NFKC, Traditional to Simplified
(OpenCC ``t2s``), lower case, and without spaces, quotes, brackets, dots,
dashes and underscores, exactly as the shared scorer compares them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from graph.core.errors import InputError

# Gold entity type → the schema.org class a system entity of that type carries.
ENTITY_TYPES: Mapping[str, str] = {
    "Person": "Person",
    "Organization": "Organization",
    "Model": "SoftwareApplication",
}

# Characters a name comparison ignores: spaces, CJK and ASCII quotes, brackets, dots, dashes.
_IGNORED_IN_NAMES = re.compile(r"[\s《》「」『』“”\"'·•‧・\-_.]")


# --- the gold ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    """A person, organization or model the articles name; only core ones count for recall."""

    label: str
    type: str
    aliases: tuple[str, ...]
    core: bool


@dataclass(frozen=True)
class GoldAffiliation:
    """A person's tie to an organization (by gold labels), with the role the text gives."""

    person: str
    org: str
    role: str
    core: bool


@dataclass(frozen=True)
class GoldCreated:
    """A model and the organization that made it (by gold labels)."""

    model: str
    org: str
    core: bool


@dataclass(frozen=True)
class GoldQuote:
    """A person the articles quote (by gold label)."""

    person: str


@dataclass(frozen=True)
class Gold:
    """A gold annotation in the shared format, in file order (the first match wins)."""

    entities: tuple[GoldEntity, ...]
    affiliations: tuple[GoldAffiliation, ...]
    created: tuple[GoldCreated, ...]
    quoted: tuple[GoldQuote, ...]


# --- names ------------------------------------------------------------------------------------


@cache
def _t2s() -> opencc.OpenCC:
    # Created on first use, once per process: loading the OpenCC tables takes time.
    return opencc.OpenCC("t2s")


def normalize_name(text: object) -> str:
    """A name as the scorer compares it: same script, case and punctuation for every spelling.

    >>> normalize_name("《劉慶峰》"), normalize_name("GPT-4o"), normalize_name("DALL·E 3")
    ('刘庆峰', 'gpt4o', 'dalle3')
    """
    folded = _t2s().convert(unicodedata.normalize("NFKC", str(text))).lower()
    return _IGNORED_IN_NAMES.sub("", folded)


# --- reading the gold -------------------------------------------------------------------------


class _GoldFormatError(ValueError):
    """Where in a gold file a value is missing or of the wrong kind (the path is added later)."""


def load_gold(path: Path) -> Gold:
    """Read a gold file; a file that is not one raises ``InputError`` naming it and the place."""
    data = _read_json(path)
    try:
        return _parse_gold(data)
    except _GoldFormatError as exc:
        raise InputError(f"{path}: not a gold file: {exc}") from None


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the gold file is not UTF-8 ({exc.reason})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"{path}: the gold file is not JSON: {exc.msg} ({where})") from exc


def _parse_gold(data: object) -> Gold:
    top = _as_object(data, "the top level")
    return Gold(
        entities=tuple(_gold_entity(item, f"entities[{i}]") for i, item in _items(top, "entities")),
        affiliations=tuple(
            _gold_affiliation(item, f"affiliations[{i}]") for i, item in _items(top, "affiliations")
        ),
        created=tuple(_gold_created(item, f"created[{i}]") for i, item in _items(top, "created")),
        quoted=tuple(_gold_quote(item, f"quoted[{i}]") for i, item in _items(top, "quoted")),
    )


def _gold_entity(item: object, where: str) -> GoldEntity:
    fields = _as_object(item, where)
    kind = _text(fields, "type", where)
    if kind not in ENTITY_TYPES:
        raise _GoldFormatError(f"{where}.type is {kind!r}, not one of {', '.join(ENTITY_TYPES)}")
    aliases = fields.get("aliases")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _GoldFormatError(f"{where}.aliases must be a list of strings")
    label = _text(fields, "label", where)
    core = _flag(fields, "core", where)
    return GoldEntity(label=label, type=kind, aliases=tuple(aliases), core=core)


def _gold_affiliation(item: object, where: str) -> GoldAffiliation:
    fields = _as_object(item, where)
    return GoldAffiliation(
        person=_text(fields, "person", where),
        org=_text(fields, "org", where),
        role=_text(fields, "role", where),
        core=_flag(fields, "core", where),
    )


def _gold_created(item: object, where: str) -> GoldCreated:
    fields = _as_object(item, where)
    return GoldCreated(
        model=_text(fields, "model", where),
        org=_text(fields, "org", where),
        core=_flag(fields, "core", where),
    )


def _gold_quote(item: object, where: str) -> GoldQuote:
    return GoldQuote(person=_text(_as_object(item, where), "person", where))


def _as_object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _GoldFormatError(f"{where} must be a JSON object")
    return value


def _items(top: Mapping[str, object], key: str) -> Iterable[tuple[int, object]]:
    value = top.get(key)
    if not isinstance(value, list):
        raise _GoldFormatError(f"'{key}' must be a list")
    return enumerate(value)


def _text(fields: Mapping[str, object], key: str, where: str) -> str:
    value = fields.get(key)
    if not isinstance(value, str):
        raise _GoldFormatError(f"{where}.{key} must be a string")
    return value


def _flag(fields: Mapping[str, object], key: str, where: str) -> bool:
    value = fields.get(key)
    if not isinstance(value, bool):
        raise _GoldFormatError(f"{where}.{key} must be true or false")
    return value
