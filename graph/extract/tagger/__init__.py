"""A trained character-level NER tagger (PER / ORG / LOC / TITLE): crfsuite CRFs over
character, LAC and lexicon features. ``EntityTagger`` is what the pipeline calls;
``train`` rebuilds the shipped models and ``evaluate`` scores them (docs/models.md)."""

from graph.extract.tagger.crf import EntitySpan, EntityTagger, TaggerModelError
from graph.extract.tagger.features import sentence_features

__all__ = ["EntitySpan", "EntityTagger", "TaggerModelError", "sentence_features"]
