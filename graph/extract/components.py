"""spaCy components of the entity stage: find, then set annotations on the Doc.

``kg_tagger``      runs LAC and the trained tagger and keeps LAC's words with the
                   tagger's names in place of LAC's (``doc._.kg_words``).
``kg_candidates``  runs the lexicon and the context rules (``doc._.kg_candidates``),
                   and keeps the short names the text declares (``doc._.kg_short_names``).
``kg_mentions``    keeps the best candidates and writes them to ``doc.ents``,
                   splitting pkuseg tokens where a name starts or ends inside one;
                   ``ent.label_`` is the entity type, ``ent.kb_id_`` the lexicon id
                   and ``ent.id_`` the rule that found it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from graph.extract.candidates import (
    Candidate,
    biography_candidates,
    choose_mentions,
    completed_person_names,
    declared_short_names,
    descriptor_org_candidates,
    latin_candidates,
    lexicon_candidates,
    listed_person_candidates,
    media_candidates,
    model_candidates,
    named_model_candidates,
    role_candidates,
    short_name_candidates,
    tagger_candidates,
    versioned_model_candidates,
    with_countries_apart,
)
from graph.extract.lexicon import Lexicon, load_lexicon
from graph.extract.statistical import LacTagger, TaggedWord
from graph.extract.tagger import EntityTagger
from graph.extract.tagger.words import words_with_names
from graph.extract.text import split_sentences

for _name in ("kg_words", "kg_candidates", "kg_short_names"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy rebuilds it from every token on each call."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


class LacSegmenter:
    """A tokenizer that cuts words where LAC does: the faster segmenter option.

    LAC runs anyway for names, so taking its words as the tokens saves the
    pkuseg pass; its tags are kept on the Doc for ``kg_tagger``.
    """

    def __init__(self, vocab: Vocab, tagger: LacTagger) -> None:
        self.vocab = vocab
        self.tagger = tagger

    def __call__(self, text: str) -> Doc:
        tagged = self.tagger.tag(text)
        words = _tiling_words(text, tagged)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["kg_lac_words"] = tagged  # for kg_tagger, which adds the trained tagger's names
        doc.user_data["kg_text"] = text
        return doc


_WHITESPACE_OR_NOT = re.compile(r"\s+|\S+")


def _tiling_words(text: str, tagged: list[TaggedWord]) -> list[str]:
    """Tokens that tile ``text``: LAC's words and the gaps between them,
    with runs of whitespace apart from the rest, as spaCy's tokenizers do."""
    tiles, position = [], 0
    for word in tagged:
        if word.start > position:
            tiles.append(text[position : word.start])
        tiles.append(text[word.start : word.end])
        position = word.end
    if position < len(text):
        tiles.append(text[position:])
    return [piece for tile in tiles for piece in _WHITESPACE_OR_NOT.findall(tile)]


class StatisticalTagger:
    """Baidu LAC's words (the tokenizer's, when it was LAC) with the trained tagger's
    names in place of LAC's, for the whole Doc: ``doc._.kg_words``."""

    def __init__(self, tagger: LacTagger, names: EntityTagger) -> None:
        self.tagger = tagger
        self.names = names

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        words = doc.user_data.pop("kg_lac_words", None) or self.tagger.tag(text)
        # Names only: roles come from the role words the relation rules and the affiliation model read.
        sentences = [(s.start, s.end) for s in split_sentences(text)]
        doc._.kg_words = words_with_names(text, words, self.names.tag_article(text, words, sentences, titles=False))
        return doc


class CandidateFinder:
    """Every rule's candidates: lexicon, tagger, roles, media, model shapes."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        words = doc._.kg_words or []
        found: list[Candidate] = []
        found.extend(lexicon_candidates(text, self.lexicon))
        found.extend(tagger_candidates(text, words))
        found.extend(role_candidates(text, words))
        found.extend(biography_candidates(text))
        found.extend(listed_person_candidates(text, words))
        doc._.kg_short_names = declared_short_names(text)
        found.extend(short_name_candidates(text, doc._.kg_short_names))
        found.extend(media_candidates(text))
        found.extend(descriptor_org_candidates(text))
        found.extend(model_candidates(text))
        found.extend(named_model_candidates(text, words))
        found.extend(versioned_model_candidates(text, words))
        found.extend(latin_candidates(text, self.lexicon))
        doc._.kg_candidates = with_countries_apart(completed_person_names(found, text), text)
        return doc


class MentionSetter:
    """Best non-overlapping candidates → ``doc.ents``."""

    def __call__(self, doc: Doc) -> Doc:
        chosen = choose_mentions(doc._.kg_candidates or [], doc_text(doc))
        _split_tokens_at(doc, {offset for c in chosen for offset in (c.start, c.end)})
        ents = []
        for c in chosen:
            span = doc.char_span(c.start, c.end, label=c.entity_type.value, kb_id=c.lexicon_id or "", span_id=c.rule)
            if span is not None:
                ents.append(span)
        doc.ents = ents
        return doc


def _split_tokens_at(doc: Doc, offsets: set[int]) -> None:
    """Split every token that a name boundary falls inside of."""
    cuts: dict[int, list[int]] = {}
    starts = doc.to_array("IDX").tolist()  # every token's offset, without a Python object per token
    for offset in sorted(offsets):
        i = bisect_right(starts, offset) - 1  # the token that starts at or before the offset
        if i < 0 or starts[i] == offset:
            continue
        token = doc[i]
        if offset < token.idx + len(token.text):
            cuts.setdefault(i, []).append(offset - token.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            bounds = [0, *points, len(token.text)]
            pieces = [token.text[a:b] for a, b in pairwise(bounds)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


@Language.factory("kg_tagger")
def make_tagger(nlp: Language, name: str) -> StatisticalTagger:
    return StatisticalTagger(LacTagger.shared(), EntityTagger.shared())


@Language.factory("kg_candidates", default_config={"lexicon_path": None})
def make_candidate_finder(nlp: Language, name: str, lexicon_path: str | None) -> CandidateFinder:
    return CandidateFinder(load_lexicon(Path(lexicon_path) if lexicon_path else None))


@Language.factory("kg_mentions", assigns=["doc.ents"])
def make_mention_setter(nlp: Language, name: str) -> MentionSetter:
    return MentionSetter()


def entity_spans(doc: Doc) -> list[Span]:
    return list(doc.ents)
