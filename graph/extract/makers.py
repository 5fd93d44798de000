"""A product's maker read off the product's own Latin name.

Google Vertex AI, Amazon Polly and Agents for Amazon Polly open with (or end
in) the name of the company that makes them: a curated organization's Latin
name, or a Latin name of an organization the article found. Where no other
rule gave the product a maker, the maker's name inside the product's mention
becomes a mention of the maker and a creator fact, in the sentence of the
product's first mention.
In: the article's sentences, entities and facts so far, and the lexicon.
Out: ``Fact`` records of rule ``maker-named-in-product`` and the maker mentions they add.

``family_creators`` then gives a version or tier of a model (Quasar.1 Pro) the
maker the article states for the model (Quasar.1 … 远川科技), rule ``family-maker``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.core.records import Entity, EntityType, Fact, Mention, Predicate
from graph.extract.lexicon import Lexicon
from graph.extract.relations import Located, RelationContext, Sentence
from graph.extract.resolve import entity_id_for, org_core
from graph.extract.text import name_key
from graph.text.offsets import MappedText

RULE = "maker-named-in-product"
CONFIDENCE = 0.85
FAMILY_RULE = "family-maker"
FAMILY_CONFIDENCE = 0.7
# Most words a maker's name takes in front of its product (Black Forest Labs Flux).
MAX_MAKER_WORDS = 3


@dataclass(frozen=True)
class _Maker:
    start: int  # offsets inside the product's name
    end: int
    entity: Entity


def maker_named_creators(
    ctx: RelationContext,
    entities: dict[str, Entity],
    lexicon: Lexicon,
    text: MappedText,
    facts: Sequence[Fact],
) -> tuple[list[Fact], list[Mention]]:
    """Creator facts (and maker mentions) for products whose name holds their
    maker's, unless a rule already named a maker; ``entities`` gains a curated
    maker the article did not name apart. A unit of the maker named in the
    product's sentence, or the only one the article names, is the more precise maker."""
    made = {f.subject_id for f in facts if f.predicate is Predicate.CREATOR}
    orgs = _latin_org_names(entities)
    found: list[Fact] = []
    mentions: list[Mention] = []
    for entity in list(entities.values()):
        if entity.entity_type is not EntityType.SOFTWARE or entity.entity_id in made:
            continue
        hit = _first_named_maker(ctx, entity, lexicon, orgs)
        if hit is None:
            continue
        sentence, product, maker = hit
        entities.setdefault(maker.entity.entity_id, maker.entity)
        m = product.mention
        start, end = text.span_to_original(product.start + maker.start, product.start + maker.end)
        maker_mention = Mention(m.article_id, start, end, m.surface[start - m.start : end - m.start],
                                EntityType.ORGANIZATION, RULE, maker.entity.entity_id)
        mentions.append(maker_mention)
        unit = _unit_named(sentence, entities[maker.entity.entity_id], entities) or _only_unit_named(
            ctx, entities[maker.entity.entity_id], entities
        )
        object_mention = unit.mention if unit is not None else maker_mention
        found.append(
            Fact(Predicate.CREATOR, entity.entity_id, object_mention.entity_id or "", ctx.article_id, sentence.original,
                 (m, object_mention), RULE, CONFIDENCE)
        )
    return found, mentions


def _unit_named(sentence: Sentence, maker: Entity, entities: Mapping[str, Entity]) -> Located | None:
    """A unit of the maker that the same sentence names (阿克米云 … Acme Forge,
    阿克米 being Acme): the more precise maker. A unit is linked to the maker or
    its name starts with the maker's."""
    names = [n for n in (maker.label, *(a.text for a in maker.aliases)) if n]
    for x in sentence.mentions:
        unit = entities.get(x.entity_id)
        if unit is None or unit.entity_type is not EntityType.ORGANIZATION or unit.entity_id == maker.entity_id:
            continue
        if unit.parent_id == maker.entity_id or any(unit.label.startswith(n) and unit.label != n for n in names):
            return x
    return None


def _only_unit_named(ctx: RelationContext, maker: Entity, entities: Mapping[str, Entity]) -> Located | None:
    """The one unit of the maker the article names, where the product's sentence
    names none (an article on 阿克米云 and its Acme Forge): its first mention."""
    units: dict[str, Located] = {}
    for s in ctx.sentences:
        unit = _unit_named(s, maker, entities)
        if unit is not None:
            units.setdefault(unit.entity_id, unit)
    return next(iter(units.values())) if len(units) == 1 else None


def _first_named_maker(
    ctx: RelationContext, entity: Entity, lexicon: Lexicon, orgs: Mapping[str, Entity]
) -> tuple[Sentence, Located, _Maker] | None:
    for s in ctx.sentences:
        for x in s.mentions:
            if x.mention.entity_id == entity.entity_id:
                maker = _maker_in(ctx.text[x.start : x.end], lexicon, orgs)
                if maker is not None:
                    return s, x, maker
    return None


def _maker_in(name: str, lexicon: Lexicon, orgs: Mapping[str, Entity]) -> _Maker | None:
    """The longest maker's name that opens ``name`` (or the product after its
    ``for`` or ``with``: Agents for Amazon Polly) and leaves a word after it."""
    joint = max(name.rfind(" for "), name.rfind(" with "))
    offset = name.index(" ", joint + 1) + 1 if joint >= 0 else 0
    words = name[offset:].split(" ")
    for n in range(min(len(words) - 1, MAX_MAKER_WORDS), 0, -1):
        prefix = " ".join(words[:n])
        maker = orgs.get(name_key(prefix)) or _curated_org(prefix, lexicon)
        if maker is not None:
            return _Maker(offset, offset + len(prefix), maker)
    return None


def _curated_org(name: str, lexicon: Lexicon) -> Entity | None:
    if not name.isascii():
        return None
    entry = lexicon.lookup(name)
    if entry is None or entry.entity_type is not EntityType.ORGANIZATION:
        return None
    entity_id = entity_id_for(EntityType.ORGANIZATION, name_key(entry.label))
    return Entity(entity_id, EntityType.ORGANIZATION, entry.label, lexicon_id=entry.lexicon_id)


def _latin_org_names(entities: Mapping[str, Entity]) -> dict[str, Entity]:
    """Name key → organization, for the Latin names of the article's organizations."""
    names: dict[str, Entity] = {}
    for entity in entities.values():
        if entity.entity_type is EntityType.ORGANIZATION:
            for name in (entity.label, *(a.text for a in entity.aliases)):
                for form in (name, org_core(name).strip()):  # Vendorly 公司 → Vendorly
                    if form.isascii() and form:
                        names.setdefault(name_key(form), entity)
    return names


def family_creators(ctx: RelationContext, entities: Mapping[str, Entity], facts: Sequence[Fact]) -> list[Fact]:
    """Quasar.1 Pro, Quasar.1 Dev: a version or tier of a model whose maker the
    article states has that maker, when no rule gave it one; the longest such
    model name wins (Quasar.1 over Quasar)."""
    makers: dict[str, Fact] = {}
    for fact in facts:
        if fact.predicate is Predicate.CREATOR and fact.object_id:
            makers.setdefault(fact.subject_id, fact)
    found: list[Fact] = []
    families = [e for e in entities.values() if e.entity_type is EntityType.SOFTWARE and e.entity_id in makers]
    for entity in entities.values():
        if entity.entity_type is not EntityType.SOFTWARE or entity.entity_id in makers:
            continue
        family = _longest_family(entity, families)
        first = _first_mention(ctx, entity.entity_id)
        if family is None or first is None:
            continue
        sentence, located = first
        made = makers[family.entity_id]
        found.append(
            Fact(Predicate.CREATOR, entity.entity_id, made.object_id, ctx.article_id, sentence.original,
                 (located.mention, *made.evidence[1:]), FAMILY_RULE, FAMILY_CONFIDENCE)
        )
    return found


def _longest_family(entity: Entity, families: Sequence[Entity]) -> Entity | None:
    names = (entity.label, *(a.text for a in entity.aliases))
    best: tuple[int, Entity] | None = None
    for family in families:
        for family_name in (family.label, *(a.text for a in family.aliases)):
            if len(family_name) < 3 or not family_name.isascii():
                continue
            extends = any(n.startswith(family_name) and n[len(family_name) : len(family_name) + 1] in " -." for n in names)
            if extends and (best is None or len(family_name) > best[0]):
                best = (len(family_name), family)
    return best[1] if best else None


def _first_mention(ctx: RelationContext, entity_id: str) -> tuple[Sentence, Located] | None:
    for s in ctx.sentences:
        for x in s.mentions:
            if x.mention.entity_id == entity_id:
                return s, x
    return None
