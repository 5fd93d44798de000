"""Mention candidates: every place some rule or model thinks a name starts and ends.

Each rule is a small generator over the Simplified text that yields
``Candidate`` records naming the rule; ``choose_mentions`` keeps the best
non-overlapping ones. Offsets are into the Simplified (cleaned) text.
The finders are split by what they read:

``tagger``   the curated lexicon and the statistical taggers' names, tidied at their edges
``context``  names by the words around them: roles, biographies, short names, lists
``media``    newspapers and agencies, descriptors, Chinese names glossed in Latin
``models``   AI models by shape: before 模型, quoted, with a version
``latin``    people, organizations and products written in Latin letters
``choice``   the best non-overlapping candidates, junk removed
"""

from graph.extract.candidates.base import PRIORITY_LEXICON, PRIORITY_RULE, PRIORITY_TAGGER, Candidate
from graph.extract.candidates.choice import LATIN_PERSON_RULE_PREFIX, choose_mentions, completed_person_names
from graph.extract.candidates.context import (
    ShortName,
    biography_candidates,
    declared_short_names,
    listed_person_candidates,
    role_candidates,
    short_name_candidates,
)
from graph.extract.candidates.latin import latin_candidates
from graph.extract.candidates.media import descriptor_org_candidates, media_candidates
from graph.extract.candidates.models import model_candidates, named_model_candidates, versioned_model_candidates
from graph.extract.candidates.tagger import lexicon_candidates, tagger_candidates, with_countries_apart

__all__ = [
    "LATIN_PERSON_RULE_PREFIX",
    "PRIORITY_LEXICON",
    "PRIORITY_RULE",
    "PRIORITY_TAGGER",
    "Candidate",
    "ShortName",
    "biography_candidates",
    "choose_mentions",
    "completed_person_names",
    "declared_short_names",
    "descriptor_org_candidates",
    "latin_candidates",
    "lexicon_candidates",
    "listed_person_candidates",
    "media_candidates",
    "model_candidates",
    "named_model_candidates",
    "role_candidates",
    "short_name_candidates",
    "tagger_candidates",
    "versioned_model_candidates",
    "with_countries_apart",
]
