"""Decoding a file's bytes: byte-order marks, declared HTML charsets, UTF-8,
then the legacy Chinese codecs (GB18030, Big5) chosen by how plausible the
decoded text is; binary data is refused rather than guessed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from graph.text.script import to_simplified

# Byte order marks, longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy Chinese encodings tried when the bytes are not UTF-8, best guess first.
_LEGACY_CODECS = ("gb18030", "big5", "cp950")
_UTF16 = ("utf-16-le", "utf-16-be")

# HTML charset labels → the codec used (GB18030 is a superset of GB2312 and GBK).
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5"}

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

_SAMPLE_BYTES = 1 << 16

_SAMPLE_CHARS = 20_000

# A decoding whose sample scores below this is not text in that encoding.
_MIN_PLAUSIBILITY = 0.6

# More control characters than this share means binary data, whatever decoded.
_MAX_CONTROL_SHARE = 0.01

WORD_CHAR = re.compile(r"[^\W_]")

def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str] | None:
    """``(text, encoding)`` of a file's bytes, or None for binary or undecodable data.

    Order: a byte order mark; the charset an HTML page declares; UTF-8; then
    the legacy encodings and UTF-16 without a mark (first where NUL bytes
    suggest it), each decoded strictly and scored by how much of the result is common
    Chinese, ASCII and punctuation: the right decoding of news text scores
    far above a wrong one.
    """
    if data == codecs.BOM_UTF32_LE:
        return None  # also UTF-16's mark and one NUL: nothing says which it is
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, codec)
    if html:
        declared = _declared_codec(data)
        # Valid non-ASCII UTF-8 is never an accident, while pages that declare
        # a wrong charset are common: only then is the declaration ignored.
        if declared and not (declared != "utf-8" and not data.isascii() and _strict(data, "utf-8", "utf-8")):
            decoded = _strict(data, declared, declared)
            if decoded is None and declared == "big5":
                decoded = _strict(data, "cp950", "cp950")
            if decoded is not None:
                return decoded
    sample = data[:_SAMPLE_BYTES]
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_binary(utf8):
            return utf8, "utf-8"
        # Valid UTF-8 full of control characters is binary, unless NULs make
        # it UTF-16 of ASCII text (which is valid UTF-8 too).
        if b"\x00" not in sample:
            return None
    # NUL bytes suggest UTF-16 (ASCII in it), which then wins ties; a stray
    # NUL in GBK text must not rule out GBK, nor all-Chinese UTF-16 (no NUL) UTF-16.
    candidates = _UTF16 + _LEGACY_CODECS if b"\x00" in sample else _LEGACY_CODECS + _UTF16
    scored = []
    for codec in candidates:
        text = _strict_prefix(sample, codec, final=len(sample) == len(data))
        if text is not None:
            scored.append((_plausibility(text), -candidates.index(codec), codec))
    for score, _, codec in sorted(scored, reverse=True):
        if score < _MIN_PLAUSIBILITY:
            break
        decoded = _strict(data, codec, codec)
        if decoded is not None:
            return decoded
    return None

def _strict(data: bytes, codec: str, name: str) -> tuple[str, str] | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _looks_binary(text) else (text, name)

def _strict_prefix(sample: bytes, codec: str, *, final: bool) -> str | None:
    # An incremental decoder tolerates a character cut at the end of the sample.
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(sample, final=final)
    except UnicodeDecodeError:
        return None

def _declared_codec(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return {"gbk": "gb18030", "gb2312": "gb18030"}.get(codec, codec)

def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\x0b\x0c")
    return controls > _MAX_CONTROL_SHARE * max(1, len(sample))

def _plausibility(text: str) -> float:
    """Share of ``text`` that is ASCII, punctuation or a common Chinese character.

    A Chinese character counts fully when its Simplified form is in GB2312
    level 1 (the 3,755 common characters), a little when in level 2; the
    characters a wrong decoding produces are mostly outside both.
    """
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    simplified = to_simplified(sample)
    score = 0.0
    for ch in simplified:
        if " " <= ch <= "~" or ch in "\t\n\r":
            score += 1
        elif "\u4e00" <= ch <= "\u9fff":
            score += _gb2312_weight(ch)
        elif unicodedata.category(ch).startswith(("P", "Z")):
            score += 1
    return score / len(sample)

def _gb2312_weight(ch: str) -> float:
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0.0
    return 1.0 if lead <= 0xD7 else 0.3
