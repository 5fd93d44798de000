"""One article through the whole extraction: clean → Simplified → Doc → mentions
→ entities → facts. ``ArticleExtractor.extract_batch`` is what a worker runs:
the articles of a batch are extracted one by one, but the LAC tagger encodes
all their sentences together first."""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.core.records import (
    Article,
    ArticleMeta,
    ArticleResult,
    Entity,
    EntityType,
    Fact,
    Mention,
    Predicate,
    TextSpan,
)
from graph.extract.components import StatisticalTagger
from graph.extract.lexicon import Lexicon, LexiconEntry, load_lexicon
from graph.extract.makers import family_creators, maker_named_creators
from graph.extract.nlp import load_pipeline
from graph.extract.relations import Located, RelationContext, Sentence, extract_facts
from graph.extract.resolve import ArticleResolver, RawMention, entity_id_for
from graph.extract.text import is_latin_only, name_key, split_sentences
from graph.ingest.cleaning import clean
from graph.text.chars import has_cjk
from graph.text.offsets import MappedText
from graph.text.script import TRADITIONAL, detect_script, to_mainland_simplified, to_simplified


@dataclass(frozen=True)
class _Prepared:
    """An article cleaned (``text``: its text with offsets into the original) and in Simplified."""

    article: Article
    text: MappedText
    simplified: str
    language: str  # the script of the cleaned text: zh-Hans or zh-Hant


def _simplified(text: str, language: str) -> str:
    """What the pipeline reads: Simplified, and for a Traditional text with
    Taiwan's words in the mainland's (面壁智慧 → 面壁智能), as the taggers learnt them."""
    return to_mainland_simplified(text) if language == TRADITIONAL else to_simplified(text)


class ArticleExtractor:
    """Loads the pipeline once; extracts one article, or a batch, at a time."""

    def __init__(self, nlp: Language | None = None, lexicon: Lexicon | None = None, *, segmenter: str = "pkuseg") -> None:
        self.nlp = nlp or load_pipeline(segmenter)
        self.lexicon = lexicon or load_lexicon()
        self.resolver = ArticleResolver(self.lexicon)
        # spaCy types every pipe as a Doc → Doc callable; the kg_tagger factory makes a StatisticalTagger.
        self.tagger = (
            cast(StatisticalTagger, self.nlp.get_pipe("kg_tagger")).tagger if self.nlp.has_pipe("kg_tagger") else None
        )

    def extract(self, article: Article) -> ArticleResult:
        return self._extract_prepared(self._prepare(article))

    def extract_batch(self, articles: Sequence[Article]) -> list[ArticleResult | Exception]:
        """Each article's result, or the exception its extraction raised (the
        others go on). The same results as ``extract`` one by one."""
        prepared: list[_Prepared | Exception] = []
        for article in articles:
            try:
                prepared.append(self._prepare(article))
            except Exception as err:  # noqa: BLE001  (reported for this article only)
                prepared.append(err)
        if self.tagger is not None:
            texts = [p.simplified for p in prepared if isinstance(p, _Prepared)]
            # On failure each article then tags its own text, and only a faulty one fails.
            with contextlib.suppress(Exception):
                self.tagger.tag_ahead(texts)
        results: list[ArticleResult | Exception] = []
        for item in prepared:
            try:
                results.append(item if isinstance(item, Exception) else self._extract_prepared(item))
            except Exception as err:  # noqa: BLE001
                results.append(err)
        return results

    @staticmethod
    def _prepare(article: Article) -> _Prepared:
        cleaned = clean(article)
        language = detect_script(cleaned.text.text)
        return _Prepared(_with_meta(article, cleaned.meta), cleaned.text, _simplified(cleaned.text.text, language), language)

    def _extract_prepared(self, prepared: _Prepared) -> ArticleResult:
        article, text, simplified, language = prepared.article, prepared.text, prepared.simplified, prepared.language
        doc = self.nlp.make_doc(simplified)
        doc.user_data["kg_text"] = simplified  # spares the components rebuilding it from tokens
        doc = self.nlp(doc)

        raw = []
        for ent in doc.ents:
            start, end = text.span_to_original(ent.start_char, ent.end_char)
            raw.append(
                RawMention(
                    start=start,
                    end=end,
                    surface=text.text[ent.start_char : ent.end_char],
                    simplified=ent.text,
                    entity_type=EntityType(ent.label_),
                    rule=ent.id_ or "unknown",
                    lexicon_id=ent.kb_id_ or None,
                )
            )
        resolution = self.resolver.resolve(
            article.article_id, raw, _declared_short_names(doc, raw), _glossed_names(simplified, doc, raw)
        )
        mentions = [self._anchored(article, m) for m in resolution.mentions]
        entities = {e.entity_id: e for e in resolution.entities}

        # Mentions back in Simplified coordinates for the relation rules.
        located = [Located(ent.start_char, ent.end_char, m) for ent, m in zip(doc.ents, _by_start(mentions, raw))]
        starts = [x.start for x in located]  # sorted, as doc.ents are
        sentences = tuple(
            Sentence(
                s.start,
                s.end,
                TextSpan(*text.span_to_original(s.start, s.end)),
                tuple(
                    x
                    for x in located[bisect_left(starts, s.start) : bisect_left(starts, s.end)]
                    if x.end <= s.end
                ),
            )
            for s in split_sentences(simplified)
        )
        ctx = RelationContext(article.article_id, simplified, sentences, script_text=text.text)
        facts = extract_facts(ctx)
        facts += self._place_facts(article, simplified, resolution.place_prefixes, located, sentences, entities, mentions)
        self._extra_mentions: list[Mention] = []
        facts += self._lexicon_creators(ctx, entities, located, text)
        made, maker_mentions = maker_named_creators(ctx, entities, self.lexicon, text, facts)
        facts += made
        facts += family_creators(ctx, entities, facts)
        mentions += self._extra_mentions + maker_mentions
        facts += self._unit_facts(ctx, entities, located)
        return ArticleResult(
            article=article,
            language=language,
            entities=tuple(entities[k] for k in sorted(entities)),
            mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.entity_id or ""))),
            facts=tuple(sorted(facts, key=lambda f: (f.sentence.start, f.fact_id))),
        )

    @staticmethod
    def _anchored(article: Article, m: Mention) -> Mention:
        # NIF anchors must be the original characters, whatever cleaning removed.
        surface = article.text[m.start : m.end]
        return Mention(m.article_id, m.start, m.end, surface, m.entity_type, m.rule, m.entity_id)

    def _place_facts(
        self,
        article: Article,
        simplified: str,
        place_prefixes: Mapping[str, str],
        located: Sequence[Located],
        sentences: Sequence[Sentence],
        entities: dict[str, Entity],
        mentions: list[Mention],
    ) -> list[Fact]:
        """广州七火山科技: the organization is located in 广州."""
        facts: list[Fact] = []
        for loc in located:
            place = place_prefixes.get(loc.entity_id)
            # The mention itself opens with the place (not only another mention of its organization).
            if place is None or not simplified.startswith(place, loc.start):
                continue
            place_id = entity_id_for(EntityType.PLACE, name_key(place))
            if place_id not in entities:
                entities[place_id] = Entity(place_id, EntityType.PLACE, place)
            m = loc.mention
            place_mention = Mention(article.article_id, m.start, m.start + len(place), article.text[m.start : m.start + len(place)],
                                    EntityType.PLACE, "org-name-place-prefix", place_id)
            mentions.append(place_mention)
            sentence = next(s for s in sentences if s.start <= loc.start < s.end)
            facts.append(
                Fact(Predicate.LOCATED_IN, loc.entity_id, place_id, article.article_id, sentence.original,
                     (m, place_mention), "org-name-place-prefix", 0.8)
            )
        return facts

    def _lexicon_creators(
        self, ctx: RelationContext, entities: dict[str, Entity], located: list[Located], text: MappedText
    ) -> list[Fact]:
        """A well-known model whose maker the lexicon knows, when the article
        also names the maker: Sora … OpenAI; and a version of one (Gemini 1.5
        Flash … 谷歌, DeepSeek-V3), whose maker is its family's."""
        facts: list[Fact] = []
        for entity in list(entities.values()):
            entry = self.lexicon.entries.get(entity.lexicon_id or "") or self._family_entry(entity)
            if entry is None or entry.creator is None:
                continue
            maker = self.lexicon.entries[entry.creator]
            maker_id = entity_id_for(maker.entity_type, name_key(maker.label))
            if self._maker_named_in_model(entity, maker, maker_id, entities, facts, ctx, text):
                continue
            # Only where one sentence names both: the article itself ties them.
            for s in ctx.sentences:
                model = next((x for x in s.mentions if x.entity_id == entity.entity_id), None)
                org = next((x for x in s.mentions if x.entity_id == maker_id), None)
                if model is not None and org is not None:
                    facts.append(
                        Fact(Predicate.CREATOR, entity.entity_id, maker_id, ctx.article_id, s.original,
                             (model.mention, org.mention), "lexicon-creator", 0.7)
                    )
                    break
        return facts

    def _family_entry(self, entity: Entity) -> LexiconEntry | None:
        """The curated model a model's name starts with, up to a space, dash,
        dot or version (Gemini 1.5 Flash → Gemini, Qwen2.5-72B → Qwen)."""
        if entity.entity_type is not EntityType.SOFTWARE or entity.lexicon_id:
            return None
        label = entity.label
        for cut in range(len(label) - 1, 0, -1):
            if not (label[cut] in " -." or (label[cut].isdigit() and not label[cut - 1].isdigit())):
                continue
            entry = self.lexicon.lookup(label[:cut])
            if entry is not None and entry.entity_type is EntityType.SOFTWARE:
                return entry
        return None

    def _maker_named_in_model(
        self,
        entity: Entity,
        maker: LexiconEntry,
        maker_id: str,
        entities: dict[str, Entity],
        facts: list[Fact],
        ctx: RelationContext,
        text: MappedText,
    ) -> bool:
        """讯飞星火: the model's own name starts with its maker's (讯飞 = 科大讯飞)."""
        names = sorted({maker.label, *maker.aliases}, key=len, reverse=True)
        for s in ctx.sentences:
            for x in s.mentions:
                if x.entity_id != entity.entity_id:
                    continue
                surface = ctx.text[x.start : x.end]
                prefix = next((n for n in names if surface.startswith(n) and len(surface) > len(n)), None)
                if prefix is None:
                    continue
                m = x.mention
                # The prefix's end in the original: a removed gloss may lie inside (讯(xùn)飞星火).
                start, end = text.span_to_original(x.start, x.start + len(prefix))
                maker_mention = Mention(m.article_id, start, end, m.surface[: end - start],
                                        maker.entity_type, "maker-in-model-name", maker_id)
                if maker_id not in entities:
                    entities[maker_id] = Entity(maker_id, maker.entity_type, maker.label, lexicon_id=maker.lexicon_id)
                self._extra_mentions.append(maker_mention)
                facts.append(
                    Fact(Predicate.CREATOR, entity.entity_id, maker_id, ctx.article_id, s.original,
                         (m, maker_mention), "maker-in-model-name", 0.85)
                )
                return True
        return False

    @staticmethod
    def _unit_facts(ctx: RelationContext, entities: dict[str, Entity], located: list[Located]) -> list[Fact]:
        facts = []
        for entity in entities.values():
            if entity.parent_id is None or entity.parent_id not in entities:
                continue
            for s in ctx.sentences:
                unit = next((x for x in s.mentions if x.entity_id == entity.entity_id), None)
                if unit is not None:
                    facts.append(
                        Fact(Predicate.SUB_ORGANIZATION_OF, entity.entity_id, entity.parent_id, ctx.article_id,
                             s.original, (unit.mention,), "unit-name-starts-with-parent", 0.8)
                    )
                    break
        return facts


def _declared_short_names(doc: Doc, raw: Sequence[RawMention]) -> dict[str, str]:
    """Short name → the full name of the organization mention it was declared after
    (the declarations the candidate stage found, ``doc._.kg_short_names``)."""
    full_by_end = {
        ent.end_char: m.simplified for ent, m in zip(doc.ents, raw) if m.entity_type is EntityType.ORGANIZATION
    }
    return {d.short: full_by_end[d.full_end] for d in doc._.kg_short_names or () if d.full_end in full_by_end}


# A bracket round a name right after another: 奥特曼（Sam Altman）, Nieman Lab (尼曼实验室).
_GLOSS_OPENING = re.compile(r"[ 　]*[（(][ 　]*")
_GLOSS_CLOSING = re.compile(r"[ 　]*[）)]")


def _glossed_names(text: str, doc: Doc, raw: Sequence[RawMention]) -> dict[str, str]:
    """Chinese name → the Latin one, when one glosses the other in brackets right
    after it and both are of one type: 奥特曼（Sam Altman）, Sam Altman（奥特曼）. The
    Latin spelling is the one every article shares; transliterations vary."""
    glosses = {}
    for (first, m1), (second, m2) in pairwise(zip(doc.ents, raw, strict=True)):
        if m1.entity_type is not m2.entity_type or m1.entity_type is EntityType.PLACE:
            continue
        if not _GLOSS_OPENING.fullmatch(text, first.end_char, second.start_char) or not _GLOSS_CLOSING.match(
            text, second.end_char
        ):
            continue
        if has_cjk(m1.simplified) and is_latin_only(m2.simplified):
            glosses[m1.simplified] = m2.simplified
        elif is_latin_only(m1.simplified) and has_cjk(m2.simplified):
            glosses[m2.simplified] = m1.simplified
    glosses.update(_described_people(text, doc, raw))
    return glosses


# What a bracket after a person may say before the name it closes on: roles,
# bodies, 前, 、 and spaces (卡神（OpenAI 创始团队、前 Tesla AI 总监 Andrej Karpathy）).
_LONGEST_DESCRIPTION = 60
_DESCRIPTION = re.compile(rf"[^（()）。！？\n]{{1,{_LONGEST_DESCRIPTION}}}?")


def _described_people(text: str, doc: Doc, raw: Sequence[RawMention]) -> dict[str, str]:
    """A nickname or a Chinese name, then a bracket that describes the person and
    closes on their Latin name: the two name one person."""
    found: dict[str, str] = {}
    ents = list(zip(doc.ents, raw, strict=True))
    for i, (first, m1) in enumerate(ents):
        if m1.entity_type is not EntityType.PERSON or not has_cjk(m1.simplified):
            continue
        opening = _GLOSS_OPENING.match(text, first.end_char)
        if opening is None:
            continue
        described = _first_person_from(ents, i + 1, opening.end() + _LONGEST_DESCRIPTION)
        if described is None:
            continue
        name, m2 = described
        if (
            is_latin_only(m2.simplified)
            and name.start_char > opening.end()
            and _DESCRIPTION.fullmatch(text, opening.end(), name.start_char)
            and _GLOSS_CLOSING.match(text, name.end_char)
        ):
            found[m1.simplified] = m2.simplified
    return found


def _first_person_from(
    ents: Sequence[tuple[Span, RawMention]], index: int, limit: int
) -> tuple[Span, RawMention] | None:
    """The first person among ``ents[index:]`` that starts at or before ``limit`` (they are in text order)."""
    for ent, m in islice(ents, index, None):
        if ent.start_char > limit:
            return None
        if m.entity_type is EntityType.PERSON:
            return ent, m
    return None


def _by_start(mentions: list[Mention], raw: list[RawMention]) -> list[Mention]:
    """Resolved mentions in the order of the raw ones (both sorted by start)."""
    index = {(m.start, m.end): m for m in mentions}
    return [index[(r.start, r.end)] for r in raw]


def _with_meta(article: Article, meta: ArticleMeta) -> Article:
    from dataclasses import replace

    return replace(article, meta=meta)
