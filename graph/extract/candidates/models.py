"""AI models by shape: a Latin name before 模型, a quoted name, a Chinese name with
a version, a proper name before 大模型."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from graph.core.records import EntityType
from graph.extract import patterns as P
from graph.extract.candidates.base import (
    PRIORITY_RULE,
    PRIORITY_TAGGER,
    Candidate,
)
from graph.extract.statistical import TaggedWord
from graph.text.chars import CJK, has_cjk

_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9\-])([A-Z][A-Za-z0-9]*(?:[\-. ][A-Za-z0-9]+)*)")
_QUOTED_MODEL = re.compile(rf"[「“\"《]([{CJK}A-Za-z0-9\-. ]{{1,16}}?(?:大模型|模型))[」”\"》]")
# ‘远航天枢’模型, “珞珈灵眸”大模型: the quoted name alone.
_QUOTED_NAME_BEFORE_MODEL = re.compile(rf"[「“‘\"]([{CJK}A-Za-z0-9\-. ]{{2,12}})[」”’\"](?=大模型|模型|大语言模型|语言模型)")
# 大型语言模型FoxBrain, 对话引擎TAIDE, 遥感大模型“珞珈灵眸”.
_NAME_AFTER_MODEL_WORD = re.compile(
    rf"(?:模型|对话引擎|聊天机器人|智能体|AI助手|智能助手)[ 　]?(?:(?P<latin>[A-Za-z][A-Za-z0-9]*(?:[\-. ][A-Za-z0-9]+)*)(?![A-Za-z0-9])"
    rf"|[「“‘\"](?P<quoted>[{CJK}A-Za-z0-9\-. ]{{2,12}})[」”’\"])"
)


def model_candidates(text: str) -> Iterator[Candidate]:
    """AI models by shape: a Latin name before 模型 (Etna文生视频模型), a quoted
    「交通大模型」, a proper name before 大模型 (盘古气象大模型)."""
    for match in _LATIN_NAME.finditer(text):
        name = match.group(1).rstrip(" .-")
        if name in P.NOT_MODEL or len(name) < 2:
            continue
        if P.MODEL_CUE.match(text, match.start(1) + len(name)):
            yield Candidate(match.start(1), match.start(1) + len(name), EntityType.SOFTWARE, "latin-before-model-word", PRIORITY_RULE)
    for match in _QUOTED_MODEL.finditer(text):
        if re.fullmatch(f"[{CJK}]{{2}}模型", match.group(1)):
            continue  # 「世界模型」, 「最强模型」: a kind of model, not one
        yield Candidate(match.start(1), match.end(1), EntityType.SOFTWARE, "quoted-model", PRIORITY_RULE)
    for match in _QUOTED_NAME_BEFORE_MODEL.finditer(text):
        if not _name_like(match.group(1)):
            continue  # 「恶意」大模型: scare quotes round an adjective
        yield Candidate(match.start(1), match.end(1), EntityType.SOFTWARE, "quoted-name-model", PRIORITY_RULE)
    for match in _NAME_AFTER_MODEL_WORD.finditer(text):
        name = (match.group("latin") or match.group("quoted")).rstrip(" .-")
        start = match.start("latin") if match.group("latin") else match.start("quoted")
        if name in P.NOT_MODEL or len(name) < 2:
            continue
        # A two-character quoted word is a name when the model is being released
        # (研发的调度大模型“锦云”), not when it is scare-quoted.
        if match.group("quoted") and not (_name_like(name) or P.RELEASE_VERBS.search(text, max(0, match.start() - 30), match.start())):
            continue
        yield Candidate(start, start + len(name), EntityType.SOFTWARE, "model-word-then-name", PRIORITY_RULE)


def _name_like(quoted: str) -> bool:
    """A quoted product name, not a quoted word: three characters or more, or Latin."""
    return len(quoted) >= 3 or not has_cjk(quoted)


# A Chinese model name and its version: 云穹-3, 云穹2.0, 云穹大模型3.0, 云穹-3 Lite, 云穹 5o.
_CJK_MODEL_VERSION = re.compile(
    r"(?:大模型|[ ])?-?\d{1,2}(?:\.\d{1,2})*[a-z]?(?:[ ](?:Lite|Pro|Max|Mini|Turbo|Plus|Ultra|Flash))?"
    r"(?![0-9A-Za-z.%/年月日号个亿万元倍岁])"
)
# Words that are no name, whatever number a space puts after them (便宜 1/10, 提升 2 倍).
_NOT_NAME_TAGS = frozenset("a ad an d v vd vn u p c f q r".split())
_MODEL_WORD_BEFORE = re.compile(r"(?:大模型|模型|版本|版)$")
# 模型 after the name, maybe after the quote round it: 「云穹 5o」模型.
_MODEL_WORD_AFTER = re.compile(r"[」”\"]?[ 　]?(?:大模型|模型)")


def versioned_model_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """A Chinese name with a version that the article shows is a model: right
    before 大模型 (发布云穹-3大模型) or right after a model word (上一代模型云穹2.0);
    once shown, every versioned use of the name is one (接入云穹-3)."""
    found: list[tuple[int, int, str]] = []
    for word in words:
        stem = text[word.start : word.end]
        if not (2 <= len(stem) <= 4 and re.fullmatch(f"[{CJK}]+", stem)) or word.tag in ("LOC", "TIME", "m", "w"):
            continue
        version = _CJK_MODEL_VERSION.match(text, word.end)
        if version and version.group().startswith(" ") and word.tag in _NOT_NAME_TAGS:
            continue
        if version and version.end() - word.end >= 1 and not P.GENERIC_MODEL_MODIFIERS.match(stem):
            found.append((word.start, version.end(), stem))
    found.extend(_quoted_versioned_names(text))
    shown = {
        stem
        for start, end, stem in found
        if _MODEL_WORD_AFTER.match(text, end) or _MODEL_WORD_BEFORE.search(text, max(0, start - 4), start)
    }
    for start, end, stem in found:
        if stem in shown:
            yield Candidate(start, end, EntityType.SOFTWARE, "versioned-model-name", PRIORITY_RULE)


# A quoted Chinese name and its version, whatever words the tagger cut it into: 「云穹 5o」.
_QUOTED_VERSIONED = re.compile(rf"[「“\"]([{CJK}]{{2,4}})({_CJK_MODEL_VERSION.pattern})(?=[」”\"])")


def _quoted_versioned_names(text: str) -> Iterator[tuple[int, int, str]]:
    for match in _QUOTED_VERSIONED.finditer(text):
        if not P.GENERIC_MODEL_MODIFIERS.match(match.group(1)):
            yield match.start(1), match.end(2), match.group(1)


def named_model_candidates(text: str, words: Sequence[TaggedWord]) -> Iterator[Candidate]:
    """A proper name the tagger marks as such right before 大模型 (盘古大模型)."""
    for before, word in pairwise(words):
        if text.startswith("大模型", word.start) and before.tag in ("nz", "nw"):
            prefix = text[before.start : before.end]
            if not P.GENERIC_MODEL_MODIFIERS.match(prefix):
                yield Candidate(before.start, word.start + 3, EntityType.SOFTWARE, "name-before-dmx", PRIORITY_TAGGER)
