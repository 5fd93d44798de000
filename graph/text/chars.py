"""The one definition of the CJK (Han) character ranges every stage uses.

CJK Unified Ideographs with Extension A, the compatibility ideographs, and
Extensions B to H (rare characters in names and Traditional text). Kana,
Hangul and CJK punctuation are not Han characters and are not included.
"""

from __future__ import annotations

import re

# For regular-expression character classes: f"[{CJK}]".
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_CHAR = re.compile(f"[{CJK}]")


def is_cjk(ch: str) -> bool:
    """True for one Han character (comparisons, not the regex: callers test one character at a time)."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003134f"
    )


def has_cjk(text: str) -> bool:
    """True when ``text`` holds at least one Han character."""
    return CJK_CHAR.search(text) is not None
