"""Traditional → Simplified conversion that keeps every character's position.

OpenCC converts phrases, which can change the length of a text; the
pipeline needs a one-to-one map, so a line whose length would change is
converted character by character, and a character that would change
length is kept as it is.
"""

from __future__ import annotations

from functools import lru_cache

import opencc



@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _convert_same_length(text: str, config: str) -> str:
    cc = _converter(config)
    whole = cc.convert(text)
    if len(whole) == len(text):
        return whole
    lines = []
    for line in text.splitlines(keepends=True):
        converted = cc.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c) == 1 else ch for ch, c in ((ch, cc.convert(ch)) for ch in line))
        lines.append(converted)
    return "".join(lines)


def to_simplified(text: str) -> str:
    """Simplified form of ``text``, exactly as long as ``text``."""
    return _convert_same_length(text, "t2s")


def to_traditional(text: str) -> str:
    return _convert_same_length(text, "s2t")


def detect_script(text: str) -> str:
    """"zh-Hant" when a meaningful share of the Chinese characters are Traditional."""
    simplified = to_simplified(text)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    changed = sum(1 for a, b in zip(text, simplified) if a != b)
    return "zh-Hant" if cjk and changed / cjk > 0.02 else "zh-Hans"
