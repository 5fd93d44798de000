"""Traditional ↔ Simplified conversion that keeps every character in place.

OpenCC converts phrases, and a phrase can change length (rarely). The
pipeline maps positions one to one, so a conversion that changes the length
is redone on smaller pieces: lines, then clauses, then single characters,
where a character whose conversion has another length stays as it is.

>>> to_simplified("劉慶峰表示")
'刘庆峰表示'
>>> detect_script("周鴻禕認為"), detect_script("周鸿祎认为")
('zh-Hant', 'zh-Hans')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import opencc

from graph.text.chars import CJK_CHAR

SIMPLIFIED = "zh-Hans"
TRADITIONAL = "zh-Hant"

# A text is Traditional when at least this share of its Chinese characters
# change under t2s. Simplified news text changes by 0 %, Traditional by ~30 %.
_TRADITIONAL_SHARE = 0.05
# detect_script looks at the beginning only: the script does not change mid-article.
_DETECT_SAMPLE = 200_000
# Clause boundaries: the second level at which a mismatching line is retried.
_CLAUSE_END = re.compile(r"(?<=[\s，。！？、；：,.!?;:「」“”『』《》（）()])")


@cache
def _converter(config: str) -> opencc.OpenCC:
    # Created on first use, once per process (workers included).
    return opencc.OpenCC(config)


def _same_length(text: str, config: str) -> str:
    convert: Callable[[str], str] = _converter(config).convert
    whole = convert(text)
    if len(whole) == len(text):
        return whole
    return "".join(_same_length_piece(line, convert) for line in text.splitlines(keepends=True))


def _same_length_piece(line: str, convert: Callable[[str], str]) -> str:
    converted = convert(line)
    if len(converted) == len(line):
        return converted
    pieces = []
    for clause in _CLAUSE_END.split(line):
        done = convert(clause)
        if len(done) != len(clause):
            done = "".join(c if len(c := convert(ch)) == 1 else ch for ch in clause)
        pieces.append(done)
    return "".join(pieces)


def to_simplified(text: str) -> str:
    """Simplified form of ``text``; ``len(result) == len(text)`` always."""
    return _same_length(text, "t2s")


def to_mainland_simplified(text: str) -> str:
    """Simplified form of a Traditional text with Taiwan's words made the mainland's
    (OpenCC tw2sp: 釋出 → 发布, 矽谷 → 硅谷, 軟體 → 软件), which the taggers
    were trained on and the lexicon is written in. Same length, as
    ``to_simplified``: a clause where a word would change it (輝達 → 英伟达) is
    converted character by character.

    >>> to_mainland_simplified("新創公司釋出新軟體")
    '新创公司发布新软件'
    """
    return _same_length(text, "tw2sp")


def to_traditional(text: str) -> str:
    """Traditional form of ``text`` (for aliases in the other script); same length."""
    return _same_length(text, "s2t")


def detect_script(text: str) -> str:
    """``"zh-Hant"`` when a meaningful share of the Chinese characters are
    Traditional (they change under t2s), else ``"zh-Hans"``."""
    sample = text[:_DETECT_SAMPLE]
    simplified = to_simplified(sample)
    chinese = changed = 0
    for match in CJK_CHAR.finditer(sample):
        chinese += 1
        changed += simplified[match.start()] != match.group()
    return TRADITIONAL if chinese and changed / chinese >= _TRADITIONAL_SHARE else SIMPLIFIED
