"""Text utilities shared by reading and extraction.

In: strings. Out: script detection and conversion (``script``: Traditional to
Simplified with OpenCC), offset maps between a cleaned or converted text and
its original (``offsets``), ISO dates (``dates``) and the one definition of
the CJK character ranges (``chars``).
"""
