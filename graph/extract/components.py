"""spaCy components of the entity stage: find, then set annotations on the Doc.

``kg_tagger``      runs the statistical tagger and keeps its words (``doc._.kg_words``).
``kg_candidates``  runs the lexicon and the context rules (``doc._.kg_candidates``).
``kg_mentions``    keeps the best candidates and writes them to ``doc.ents``,
                   splitting pkuseg tokens where a name starts or ends inside one;
                   ``ent.label_`` is the entity type, ``ent.kb_id_`` the lexicon id
                   and ``ent.id_`` the rule that found it.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.extract.candidates import (
    Candidate,
    choose_mentions,
    descriptor_org_candidates,
    lexicon_candidates,
    media_candidates,
    model_candidates,
    named_model_candidates,
    role_candidates,
    tagger_candidates,
)
from graph.extract.lexicon import Lexicon, load_lexicon
from graph.extract.statistical import tag_words

for _name in ("kg_words", "kg_candidates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class StatisticalTagger:
    """Baidu LAC words and names for the whole Doc."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_words = tag_words(doc.text)
        return doc


class CandidateFinder:
    """Every rule's candidates: lexicon, tagger, roles, media, model shapes."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        words = doc._.kg_words or []
        found: list[Candidate] = []
        found.extend(lexicon_candidates(text, self.lexicon))
        found.extend(tagger_candidates(text, words))
        found.extend(role_candidates(text, words))
        found.extend(media_candidates(text))
        found.extend(descriptor_org_candidates(text))
        found.extend(model_candidates(text))
        found.extend(named_model_candidates(text, words))
        doc._.kg_candidates = found
        return doc


class MentionSetter:
    """Best non-overlapping candidates → ``doc.ents``."""

    def __call__(self, doc: Doc) -> Doc:
        chosen = choose_mentions(doc._.kg_candidates or [], doc.text)
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
    for token in doc:
        inside = sorted(o - token.idx for o in offsets if token.idx < o < token.idx + len(token.text))
        if inside:
            cuts[token.i] = inside
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            bounds = [0, *points, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


@Language.factory("kg_tagger")
def make_tagger(nlp: Language, name: str) -> StatisticalTagger:
    return StatisticalTagger()


@Language.factory("kg_candidates", default_config={"lexicon_path": None})
def make_candidate_finder(nlp: Language, name: str, lexicon_path: str | None) -> CandidateFinder:
    return CandidateFinder(load_lexicon(Path(lexicon_path) if lexicon_path else None))


@Language.factory("kg_mentions", assigns=["doc.ents"])
def make_mention_setter(nlp: Language, name: str) -> MentionSetter:
    return MentionSetter()


def entity_spans(doc: Doc) -> list[Span]:
    return list(doc.ents)
