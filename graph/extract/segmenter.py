"""The word segmenters the spaCy Doc can use, named without loading spaCy
(the CLI offers them, and the Dask driver checks them, before any pipeline loads)."""

from __future__ import annotations

from enum import StrEnum


class Segmenter(StrEnum):
    """Word segmenters of the spaCy Doc; the graph is the same with either."""

    PKUSEG = "pkuseg"  # spaCy's zh tokenizer with the converted pkuseg model (default)
    LAC = "lac"  # LAC's words as tokens: faster, since LAC tags every article anyway
