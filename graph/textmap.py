"""A derived text that remembers where each character came from in the original.

Cleaning only deletes characters, so the map is a short list of kept segments
``(derived_start, original_start, length)``; a lookup is a binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    text: str
    segments: tuple[tuple[int, int, int], ...]  # (derived_start, original_start, length)
    original_length: int

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, ((0, 0, len(text)),) if text else (), len(text))

    @classmethod
    def without(cls, original: str, spans: Iterable[tuple[int, int]]) -> MappedText:
        """``original`` with the half-open ``spans`` deleted (overlaps allowed)."""
        merged: list[list[int]] = []
        for start, end in sorted((max(0, s), min(len(original), e)) for s, e in spans if e > s):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        pieces, segments, derived, cursor = [], [], 0, 0
        for start, end in [*merged, [len(original), len(original)]]:
            if start > cursor:
                pieces.append(original[cursor:start])
                segments.append((derived, cursor, start - cursor))
                derived += start - cursor
            cursor = max(cursor, end)
        return cls("".join(pieces), tuple(segments), len(original))

    def to_original(self, i: int) -> int:
        """Original index of derived character ``i`` (``len(text)`` maps past the end)."""
        if not self.segments:
            return self.original_length if i >= 0 else 0
        if i >= len(self.text):
            d, o, n = self.segments[-1]
            return o + n
        k = bisect_right(self.segments, (i, float("inf"), 0)) - 1
        d, o, _ = self.segments[max(k, 0)]
        return o + (i - d)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span covering derived ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1
