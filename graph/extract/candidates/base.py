"""What every mention rule yields: ``Candidate`` records, their priorities, and
the characters a name never runs across."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.core.records import EntityType

# Rule priorities: a curated name beats a context rule beats the tagger alone.
PRIORITY_LEXICON = 3
PRIORITY_RULE = 2
PRIORITY_TAGGER = 1

# The taggers' name tags, as entity types.
LAC_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION, "LOC": EntityType.PLACE}
# Characters no name runs across, when a rule looks back or ahead for one.
BOUNDARY = set("，。、；：:,;！？!?（）()“”「」『』《》【】[]—…·\n\r\t 　|/")
# What may follow the end of a person's name: punctuation, a speech or post verb, a function word.
NAME_END = re.compile(
    r"(?:[，。、；：:,;！？!?（）()“”「」\s]|表示|认为|指出|说|告诉|坦言|称|强调|介绍|透露|建议|提出|呼吁|宣布|出席|担任|主持|会见|"
    r"参加|访问|带领|率领|发表|回应|提醒|共同|一起|也|在|的|等|和|与|及|则|就|曾|对|向|将|于|是|[0-9])"
)


@dataclass(frozen=True)
class Candidate:
    """A span some rule takes for a name: offsets into the Simplified text, the
    type, the rule's id and priority, and the lexicon entry when it is a curated name."""

    start: int
    end: int
    entity_type: EntityType
    rule: str
    priority: int
    lexicon_id: str | None = None


# Last characters of a body's name that also open a role: 经济部 + 部长, 校 + 校长.
SHARED_SUFFIX_CHARS = frozenset("部局院所台社厅处司")
