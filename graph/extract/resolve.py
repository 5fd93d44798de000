"""Entity resolution inside one article: mentions → entities with stable ids.

An entity id is derived from the name alone (type + normalised key), never
from the order of the input, so articles resolved apart merge by plain union.
Within an article, short forms join the full name they abbreviate (港大 →
香港大学, 奥特曼 → 山姆·奥特曼) and units point to their parent organization.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from graph.core.records import Alias, Entity, EntityType, Mention
from graph.extract import patterns as P
from graph.extract.lexicon import Lexicon, LexiconEntry
from graph.extract.text import name_key
from graph.text.chars import CJK


@dataclass(frozen=True)
class RawMention:
    """A chosen name before resolution, in both the Simplified and original text."""

    start: int  # original offsets
    end: int
    surface: str  # original surface (any script)
    simplified: str
    entity_type: EntityType
    rule: str
    lexicon_id: str | None = None


@dataclass
class _Group:
    entity_type: EntityType
    key: str
    label_candidates: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)  # surface → reason
    lexicon: LexiconEntry | None = None
    parent_key: tuple[EntityType, str] | None = None


_GroupKey = tuple[EntityType, str]  # (entity type, name key): one group per entity
_Assignment = tuple[RawMention, _GroupKey, str]  # a mention, the group it joined, and why


@dataclass(frozen=True)
class Resolution:
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    # org entity id → place names its name starts with (广州七火山科技 → 广州)
    place_prefixes: dict[str, str]


def entity_id_for(entity_type: EntityType, key: str) -> str:
    return f"{entity_type.value.lower()}/{key}"


def strip_place(name: str) -> tuple[str | None, str]:
    """(place, rest) when a company's name starts with a known place
    (广州七火山科技). Only company-like names: 香港大学 stays whole, and so
    does a name whose rest is only a trade (山西影视集团 ≠ 上海影视集团)."""
    if not name.endswith(P.GENERIC_ORG_SUFFIXES):
        return None, name
    for place in P.PLACE_PREFIXES:
        if name.startswith(place) and len(name) - len(place) >= 3:
            rest = name[len(place) :]
            if _strip_generic(rest) in P.TRADE_WORDS:
                return None, name
            return place, rest
    return None, name


def _strip_generic(name: str) -> str:
    """宁德时代新能源科技股份有限公司 → 宁德时代: every generic ending in turn."""
    stripped = True
    while stripped:
        stripped = False
        for suffix in P.GENERIC_ORG_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                name = name[: -len(suffix)]
                stripped = True
                break
    return name


# A dated snapshot of a versioned model: -002, -0125 (month and day), -20240620, -2024-06-20.
_DAY = r"(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12][0-9]|3[01])"
_SNAPSHOT_CODE = re.compile(rf"[-\s](?:0[0-9]{{2}}|{_DAY}|20[0-9]{{2}}-?{_DAY})$")
# A v before a version number: Name v6 = Name 6 = Name-V6.
_VERSION_V = re.compile(rf"(?<=[\s\-{CJK}])[vV](?=[0-9])")


def without_snapshot(name: str) -> str:
    """Name-1.5-Pro-002 → Name-1.5-Pro: a snapshot code after a name that has a
    version (text-embedding-004 has none: its number is its version)."""
    code = _SNAPSHOT_CODE.search(name)
    if code is None or not re.search(r"[0-9]", name[: code.start()]):
        return name
    return name[: code.start()]


def model_key(name: str) -> str:
    """Key of a model's name: 云穹-3 = 云穹大模型3.0 = 云穹 V3 = 云穹-3-0514 (the word
    大模型 before a version, a v before it, its trailing .0 and a snapshot code
    after it say nothing more). Other versions and sizes keep their own keys."""
    name = re.sub(r"大模型(?=[-\s]?[0-9Vv])", "", without_snapshot(name))
    name = _VERSION_V.sub("", name)
    return name_key(re.sub(r"(?<=[0-9])(?:\.0)+(?![0-9])", "", name))


def _models(groups: Mapping[_GroupKey, _Group]) -> list[_Group]:
    return [g for g in groups.values() if g.entity_type is EntityType.SOFTWARE]


def _family_then(name: str, family: str) -> str | None:
    """The key of what follows a family's name and a space or dash (Corvid 2.5 Flash → 25flash)."""
    if name[: len(family)].lower() != family.lower() or name[len(family) : len(family) + 1] not in (" ", "-"):
        return None
    return model_key(name[len(family) + 1 :])


def _most_used(candidates: set[str], used: list[str]) -> str:
    """The name the article uses most for a model, the first used on a tie
    (not the shortest: Vendor 6 is no better a name than Vendor v6.0)."""
    counts = Counter(name for name in used if name in candidates)
    if not counts:
        return min(candidates, key=lambda s: (len(s), s))
    return max(counts, key=lambda name: (counts[name], -used.index(name)))


def _model_alias_reason(alias: str, label: str, reason: str) -> str:
    """Why another spelling of a model's name is the model: only spacing or
    case, a snapshot code, a version written otherwise (v6.0 = 6), or a curated
    model's other name at its head (Microsoft Copilot Pro = Copilot Pro)."""
    if reason not in ("name-variant", "spacing-or-case"):
        return reason
    if name_key(alias) == name_key(label):
        return "spacing-or-case"
    snapshot = without_snapshot(alias) != alias or without_snapshot(label) != label
    if snapshot and model_key(without_snapshot(alias)) == model_key(without_snapshot(label)):
        return "snapshot-code"
    return "version-spelling" if model_key(alias) == model_key(label) else "curated-alias"


def name_tails(name: str) -> list[str]:
    """The ends of a model's name that start at a word with a digit after a
    space or dash: Vendor-R7 → R7; Corvid-1.5-Flash → 1.5-Flash."""
    return [
        name[cut + 1 :]
        for cut, ch in enumerate(name)
        if ch in " -" and cut > 0 and re.match(r"[A-Za-z]{0,2}[0-9]", name[cut + 1 :])
    ]


def org_core(name: str) -> str:
    """The part of an organization's name that identifies it: 广州七火山科技 → 七火山."""
    _, rest = strip_place(name)
    return _strip_generic(rest)


_FULL_NAME_ENDINGS = tuple(suffix for suffix in P.ORG_SUFFIXES if len(suffix) >= 2)


def is_subsequence(short: str, long: str) -> bool:
    """The characters of ``short`` come, in order, in ``long`` (港大 in 香港大学)."""
    it = iter(long)
    return all(ch in it for ch in short)


def _bare_name_of_one_version(short: _Group, long: _Group) -> bool:
    """Quasar = Quasar.1 when the article names that one version of it (and the
    name is no curated family, which the loop leaves alone): news shortens a
    model to its name. Tiers (Quasar.1 Pro) are other models and never join."""
    names = [n for n in short.label_candidates if not re.search("[0-9]", n)]
    return any(
        re.fullmatch(re.escape(name) + r"[ \-.]?[Vv]?[0-9]+(?:\.[0-9]+)*", other, re.IGNORECASE)
        for name in names
        for other in long.label_candidates
    )


def _split_head(name: str, is_maker: Callable[[str], bool]) -> tuple[str | None, str]:
    """(head, rest) for the longest head of at most three words, leaving a word,
    that ``is_maker`` accepts (Acme 1.5 Flash → Acme, 1.5 Flash); (None, name) otherwise."""
    words = name.split(" ")
    for n in range(min(len(words) - 1, 3), 0, -1):
        head = " ".join(words[:n])
        if is_maker(head):
            return head, " ".join(words[n:])
    return None, name


def _api_of(short: _Group, long: _Group) -> bool:
    """Quasar API = Quasar for Vendorly Cloud (or Quasar): a product's API is the product."""
    for name in short.label_candidates:
        if name.endswith(" API") and len(name) > 4:
            head = name[: -len(" API")]
            if any(other == head or other.startswith(head + " ") for other in long.label_candidates if other != name):
                return True
    return False


class ArticleResolver:
    """Resolves the mentions of one article against the lexicon and each other."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # maker's lexicon id → the Latin names of the curated models it makes
        self._families: dict[str, list[str]] = {}
        for entry in lexicon.entries.values():
            if entry.entity_type is EntityType.SOFTWARE and entry.creator:
                names = [n for n in (entry.label, *entry.aliases) if n.isascii()]
                self._families.setdefault(entry.creator, []).extend(names)

    def resolve(
        self,
        article_id: str,
        raw: Sequence[RawMention],
        short_names: Mapping[str, str] | None = None,
        glosses: Mapping[str, str] | None = None,
    ) -> Resolution:
        """``short_names``: short name → the full name the article declared it
        for (澜海新材 → 江苏澜海新材料股份有限公司), both in Simplified;
        ``glosses``: a Chinese name → the Latin one it glosses or is glossed by
        (奥特曼 → Sam Altman)."""
        groups: dict[tuple[EntityType, str], _Group] = {}
        assigned: list[tuple[RawMention, tuple[EntityType, str], str]] = []
        place_prefixes: dict[tuple[EntityType, str], str] = {}

        org_cores = {
            org_core(m.simplified) for m in raw if m.entity_type is EntityType.ORGANIZATION and not m.lexicon_id
        }
        persons = [m.simplified for m in raw if m.entity_type is EntityType.PERSON]
        for m in raw:
            entry = self.lexicon.entries.get(m.lexicon_id) if m.lexicon_id else None
            entity_type = m.entity_type
            # A place the tagger named that is the core of an organization here
            # is that organization (七火山 after 广州七火山科技).
            if entity_type is EntityType.PLACE and m.simplified in org_cores:
                entity_type = EntityType.ORGANIZATION
            reason = "lexicon-alias"
            if entry is None and entity_type is EntityType.ORGANIZATION:
                entry = self.lexicon.lookup(m.simplified) or self.lexicon.lookup(org_core(m.simplified))
            elif entry is None and entity_type is EntityType.SOFTWARE:
                entry = self.lexicon.lookup(m.simplified)
            if entry is not None and entry.entity_type is not entity_type:
                entry = None if entity_type is EntityType.PERSON else entry
            if entry is not None:
                entity_type = entry.entity_type
                key = name_key(entry.label)
                label = entry.label
                if m.simplified in entry.misspellings or name_key(m.simplified) in {name_key(x) for x in entry.misspellings}:
                    reason = "misspelling"
            elif entity_type is EntityType.ORGANIZATION:
                place, _ = strip_place(m.simplified)
                key = name_key(org_core(m.simplified))
                label = strip_place(m.simplified)[1]
                reason = "name-variant"
                if place:
                    place_prefixes[(entity_type, key)] = place
            elif entity_type is EntityType.PERSON:
                label = self._full_person_name(m.simplified, persons)
                key = name_key(label)
                reason = "short-name"
            elif entity_type is EntityType.SOFTWARE:
                key = model_key(self._curated_head(m.simplified))
                label = m.simplified
                reason = "name-variant"
            else:  # a place: 美 in 中美关系 is 美国
                label = P.PLACE_ABBREVIATIONS.get(m.simplified, m.simplified)
                key = name_key(label)
                reason = "abbreviation" if label != m.simplified else "name-variant"
            gkey = (entity_type, key)
            group = groups.setdefault(gkey, _Group(entity_type, key, lexicon=entry))
            group.label_candidates.add(label)
            assigned.append((m, gkey, reason))
            for surface in {m.surface, m.simplified}:
                group.aliases.setdefault(surface, self._alias_reason(surface, m, label, reason))

        self._join_declared(groups, assigned, short_names or {})
        self._join_declared(groups, assigned, glosses or {}, "glossed-name")
        self._join_abbreviations(groups, assigned)
        self._join_model_tails(groups, assigned)
        self._link_units(groups)
        return self._finish(article_id, groups, assigned, place_prefixes)

    def _curated_head(self, name: str) -> str:
        """Microsoft Copilot Pro → Copilot Pro: a curated model's other name at the
        head of a longer one is written as the curated label, so both spellings
        of the longer name share a key."""
        for cut in sorted((i for i, ch in enumerate(name) if ch in " -"), reverse=True):
            entry = self.lexicon.lookup(name[:cut])
            if entry is not None and entry.entity_type is EntityType.SOFTWARE:
                return entry.label + name[cut:]
        return name

    @staticmethod
    def _full_person_name(name: str, persons: Sequence[str]) -> str:
        """奥特曼 → 山姆·奥特曼 (Baker → Tom Baker) when the full name is also in the article."""
        for other in persons:
            if "·" in other and other != name and other.rsplit("·", 1)[-1] == name:
                return other
            if name.isascii() and " " in other and other.rsplit(" ", 1)[-1] == name:
                return other
        return name

    @staticmethod
    def _alias_reason(surface: str, m: RawMention, label: str, reason: str) -> str:
        if surface != m.simplified and m.simplified == label:
            return "script-variant"
        if name_key(surface) == name_key(label) or name_key(m.simplified) == name_key(label):
            return "script-variant" if surface != m.simplified else "spacing-or-case"
        return reason

    @staticmethod
    def _join_declared(
        groups: dict[_GroupKey, _Group],
        assigned: list[_Assignment],
        short_names: Mapping[str, str],
        reason: str = "declared-short-name",
    ) -> None:
        """A declared short name is the organization it was declared for,
        whatever type its mentions were given; a glossed name (奥特曼（Sam Altman）)
        is the person, organization or model of the same type it glosses."""
        group_of = {m.simplified: gkey for m, gkey, _ in assigned}
        for short, full in sorted(short_names.items()):
            target_key, short_key = group_of.get(full), group_of.get(short)
            if target_key is None or short_key is None or target_key == short_key:
                continue
            target = groups[target_key]
            if target.entity_type is not EntityType.ORGANIZATION and target.entity_type is not short_key[0]:
                continue
            for i, (m, key, _reason) in enumerate(assigned):
                if m.simplified == short or key == short_key:  # Altman after 奥特曼（Sam Altman）: its group too
                    assigned[i] = (m, target_key, reason)
                    target.aliases.setdefault(m.surface, reason)
                    target.aliases.setdefault(m.simplified, reason)
            if not any(gkey == short_key for _m, gkey, _r in assigned):
                del groups[short_key]
            group_of = {m.simplified: gkey for m, gkey, _ in assigned}

    def _join_abbreviations(self, groups: dict[_GroupKey, _Group], assigned: list[_Assignment]) -> None:
        """A short organization name made of characters of a longer one here
        (港大 in 香港大学, 讯飞 in 科大讯飞) is that organization."""
        orgs = [g for g in groups.values() if g.entity_type is EntityType.ORGANIZATION]
        for short in sorted(orgs, key=lambda g: g.key):
            # A full name (武汉大学, 区政府) abbreviates nothing.
            if short.lexicon is not None or len(short.key) > 4 or short.key.endswith(_FULL_NAME_ENDINGS):
                continue
            longer = [
                g
                for g in orgs
                if g is not short
                and len(g.key) > len(short.key)
                and is_subsequence(short.key, g.key)
                # 鸿海 → 鸿海研究院, 华为 → 华为云: a name that starts with another is its unit or product.
                and not g.key.startswith(short.key)
            ]
            if not longer:
                continue
            target = min(longer, key=lambda g: (len(g.key), g.key))
            for surface in short.aliases:
                target.aliases.setdefault(surface, "abbreviation")
            for i, (m, gkey, _reason) in enumerate(assigned):
                if gkey == (short.entity_type, short.key):
                    assigned[i] = (m, (target.entity_type, target.key), "abbreviation")
            del groups[(short.entity_type, short.key)]

    def _join_model_tails(self, groups: dict[_GroupKey, _Group], assigned: list[_Assignment]) -> None:
        """One model named several ways in an article: with its maker's name in
        place of its curated family's (Acme 2.5 Flash for Corvid 2.5 Flash, when
        Acme makes Corvid), by the end of its name from the version on (R7 after
        Vendor-R7) or without its maker's name (Forge after Acme Forge). The
        shorter name joins the longer where exactly one name fits."""
        article_orgs = frozenset(
            name_key(name)
            for g in groups.values()
            if g.entity_type is EntityType.ORGANIZATION
            for name in g.label_candidates
            if name.isascii()
        )
        end_of_name = partial(self._end_of_name, article_orgs=article_orgs)
        for same in (self._maker_for_family, end_of_name, _bare_name_of_one_version, _api_of):
            for short in sorted(_models(groups), key=lambda g: g.key):
                if short.lexicon is not None or (short.entity_type, short.key) not in groups:
                    continue
                targets = [t for t in _models(groups) if t is not short and same(short, t)]
                if len(targets) == 1:
                    self._move_group(groups, assigned, short, targets[0], "short-name")

    def _maker_for_family(self, short: _Group, long: _Group) -> bool:
        """Acme 2.5 Flash = Corvid 2.5 Flash: the curated Corvid is Acme's."""
        for name in short.label_candidates:
            maker, rest = self._split_maker(name)
            if maker is None:
                continue
            for family in self._families.get(maker.lexicon_id, ()):
                if any(_family_then(other, family) == model_key(rest) for other in long.label_candidates):
                    return True
        return False

    def _end_of_name(self, short: _Group, long: _Group, article_orgs: frozenset[str]) -> bool:
        """R7 = Vendor-R7 (an end from a version on); Forge = Acme Forge (the name
        without its maker's, a curated one or one of ``article_orgs``, the name keys
        of the article's Latin organizations)."""
        keys = {model_key(self._split_maker(name)[1]) for name in short.label_candidates}
        for other in long.label_candidates:
            maker, rest = self._split_maker(other)
            if maker is None:
                rest = _split_head(other, lambda head: name_key(head) in article_orgs)[1]
            if rest != other and model_key(rest) in {model_key(n) for n in short.label_candidates}:
                return True
            if any(model_key(tail) in keys and re.search("[0-9]", tail) for tail in name_tails(other)):
                return True
        return False

    def _split_maker(self, name: str) -> tuple[LexiconEntry | None, str]:
        """(maker, rest) for a name that opens with a curated organization's
        Latin name (Acme 1.5 Flash → Acme, 1.5 Flash); (None, name) otherwise."""
        head, rest = _split_head(name, self._curated_org_name)
        return (self.lexicon.lookup(head) if head else None), rest

    def _curated_org_name(self, name: str) -> bool:
        entry = self.lexicon.lookup(name) if name.isascii() else None
        return entry is not None and entry.entity_type is EntityType.ORGANIZATION

    @staticmethod
    def _move_group(
        groups: dict[_GroupKey, _Group], assigned: list[_Assignment], source: _Group, target: _Group, reason: str
    ) -> None:
        for surface in (*source.label_candidates, *source.aliases):
            target.aliases.setdefault(surface, reason)
        source_key = (source.entity_type, source.key)
        for i, (m, gkey, _reason) in enumerate(assigned):
            if gkey == source_key:
                assigned[i] = (m, (target.entity_type, target.key), reason)
        del groups[source_key]

    def _link_units(self, groups: dict[_GroupKey, _Group]) -> None:
        """香港大学新兴技术研究所 is a unit of 香港大学: the name starts with the
        parent's and the rest ends like an organization."""
        orgs = [g for g in groups.values() if g.entity_type is EntityType.ORGANIZATION]
        for unit in orgs:
            label = min(unit.label_candidates, key=lambda s: (len(s), s))
            for parent in orgs:
                if parent is unit:
                    continue
                for name in sorted(set(parent.aliases) | parent.label_candidates, key=len, reverse=True):
                    rest = label[len(name) :]
                    if label.startswith(name) and len(rest) >= 2 and rest.endswith(P.ORG_SUFFIXES):
                        unit.parent_key = (parent.entity_type, parent.key)
                        break
                if unit.parent_key:
                    break
            if unit.parent_key is None and unit.lexicon is not None and unit.lexicon.parent:
                parent_entry = self.lexicon.entries[unit.lexicon.parent]
                pkey = (parent_entry.entity_type, name_key(parent_entry.label))
                if pkey in groups:
                    unit.parent_key = pkey

    def _finish(
        self,
        article_id: str,
        groups: dict[_GroupKey, _Group],
        assigned: list[_Assignment],
        place_prefixes: dict[_GroupKey, str],
    ) -> Resolution:
        entities = []
        for (etype, key), g in sorted(groups.items(), key=lambda kv: (kv[0][0].value, kv[0][1])):
            label = g.lexicon.label if g.lexicon else min(g.label_candidates, key=lambda s: (len(s), s))
            if etype is EntityType.PERSON:
                label = max(g.label_candidates, key=lambda s: (len(s), s))
            elif etype is EntityType.SOFTWARE and g.lexicon is None:
                label = _most_used(g.label_candidates, [m.simplified for m, gkey, _ in assigned if gkey == (etype, key)])
                g.aliases = {text: _model_alias_reason(text, label, reason) for text, reason in g.aliases.items()}
            aliases = tuple(
                sorted((Alias(text, reason) for text, reason in g.aliases.items() if text != label), key=lambda a: (a.text, a.reason))
            )
            entities.append(
                Entity(
                    entity_id=entity_id_for(etype, key),
                    entity_type=etype,
                    label=label,
                    aliases=aliases,
                    parent_id=entity_id_for(*g.parent_key) if g.parent_key else None,
                    lexicon_id=g.lexicon.lexicon_id if g.lexicon else None,
                )
            )
        mentions = tuple(
            sorted(
                (
                    Mention(article_id, m.start, m.end, m.surface, gkey[0], m.rule, entity_id_for(*gkey))
                    for m, gkey, _ in assigned
                ),
                key=lambda x: (x.start, x.end),
            )
        )
        places = {entity_id_for(*k): v for k, v in place_prefixes.items() if k in groups}
        return Resolution(tuple(entities), mentions, places)

