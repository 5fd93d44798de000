"""A derived text that remembers where each of its characters came from.

Cleaning only deletes characters of the original text, or replaces one
character by another one (a no-break space by a space, ``<`` of a block tag
by a newline). So the derived text is a sequence of kept segments of the
original, and the map needs one ``(derived_start, original_start)`` pair per
segment, not one entry per character: a lookup is a binary search, and a
50 MB article with a handful of deletions costs a handful of integers.

>>> mapped = MappedText.without("ab<br>cd", [(2, 6)])
>>> mapped.text
'abcd'
>>> mapped.to_original(2)
6
>>> mapped.span_to_original(1, 3)
(1, 7)
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def merge_spans(spans: Iterable[tuple[int, int]], *, limit: int) -> list[tuple[int, int]]:
    """Sorted, disjoint, non-empty half-open spans covering ``spans``, clipped to ``[0, limit)``.

    >>> merge_spans([(5, 8), (0, 2), (7, 9), (1, 1)], limit=8)
    [(0, 2), (5, 8)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(limit, e)) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, eq=False)
class MappedText:
    """``text`` derived from an original text of ``original_length`` characters.

    Build one with :meth:`identity` or :meth:`without`; map positions back
    with :meth:`to_original` and :meth:`span_to_original`.
    """

    text: str
    original_length: int
    # Parallel arrays, one entry per kept segment, sorted: the segment that
    # starts at derived index _derived_starts[k] starts at original index
    # _original_starts[k] and runs to the next segment's derived start.
    _derived_starts: array[int] = field(repr=False)
    _original_starts: array[int] = field(repr=False)

    @classmethod
    def identity(cls, text: str) -> MappedText:
        """``text`` mapped onto itself."""
        return cls(text, len(text), array("q", [0]), array("q", [0]))

    @classmethod
    def without(
        cls,
        original: str,
        spans: Iterable[tuple[int, int]],
        replacements: Mapping[int, str] | None = None,
    ) -> MappedText:
        """``original`` with the half-open ``spans`` deleted.

        Spans may overlap, touch or come in any order. ``replacements`` maps
        an original index to the single character that stands for it in the
        derived text; a replacement inside a deleted span is ignored.
        """
        replacements = replacements or {}
        if any(len(ch) != 1 for ch in replacements.values()):
            raise ValueError("a replacement must be exactly one character")
        swapped = sorted(replacements)
        pieces: list[str] = []
        derived_starts, original_starts = array("q"), array("q")
        derived = cursor = 0
        for start, end in [*merge_spans(spans, limit=len(original)), (len(original), len(original))]:
            if start > cursor:
                derived_starts.append(derived)
                original_starts.append(cursor)
                pieces.extend(_replaced(original, cursor, start, swapped, replacements))
                derived += start - cursor
            cursor = end
        if not derived_starts:
            derived_starts.append(0)
            original_starts.append(len(original))
        return cls("".join(pieces), len(original), derived_starts, original_starts)

    def with_text(self, text: str) -> MappedText:
        """The same map over another text of the same length (e.g. its Simplified form)."""
        if len(text) != len(self.text):
            raise ValueError(f"length {len(text)} differs from {len(self.text)}")
        return MappedText(text, self.original_length, self._derived_starts, self._original_starts)

    def to_original(self, i: int) -> int:
        """Original index of derived character ``i``.

        ``i == len(text)`` is allowed and maps just past the last kept
        character, so that it can serve as an exclusive end.
        """
        if not 0 <= i <= len(self.text):
            raise IndexError(f"index {i} outside [0, {len(self.text)}]")
        if i == len(self.text):
            return self.to_original(i - 1) + 1 if i else self._original_starts[0]
        k = bisect_right(self._derived_starts, i) - 1
        return self._original_starts[k] + (i - self._derived_starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span ``[a, b)`` from the first to the last character of derived ``[start, end)``.

        Deleted characters between them are inside the span. An empty span
        maps to an empty span at the original position of ``start``.
        """
        if end <= start:
            position = self.to_original(start)
            return position, position
        return self.to_original(start), self.to_original(end - 1) + 1

    def from_original(self, j: int) -> int | None:
        """Derived index of original character ``j``, or None where it was deleted."""
        k = bisect_right(self._original_starts, j) - 1
        if k < 0:
            return None
        derived = self._derived_starts[k] + (j - self._original_starts[k])
        next_start = self._derived_starts[k + 1] if k + 1 < len(self._derived_starts) else len(self.text)
        return derived if derived < next_start else None

    @property
    def segment_count(self) -> int:
        """How many kept segments the map holds (its size)."""
        return len(self._derived_starts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MappedText):
            return NotImplemented
        return (
            self.text == other.text
            and self.original_length == other.original_length
            and self._derived_starts == other._derived_starts
            and self._original_starts == other._original_starts
        )

    def __hash__(self) -> int:
        return hash((self.text, self.original_length, self._derived_starts.tobytes(), self._original_starts.tobytes()))


def _replaced(original: str, start: int, end: int, swapped: list[int], replacements: Mapping[int, str]) -> list[str]:
    """``original[start:end]`` as pieces, with the replaced characters swapped in."""
    pieces = []
    cursor = start
    for index in swapped[bisect_right(swapped, start - 1) :]:
        if index >= end:
            break
        pieces.append(original[cursor:index])
        pieces.append(replacements[index])
        cursor = index + 1
    pieces.append(original[cursor:end])
    return pieces
