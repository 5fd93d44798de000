"""Extraction engines: articles in, ``ArticleResult`` or ``Problem`` out.

Every engine has the same small interface (``ExtractionEngine``) and is
chosen by name from ``ENGINES``; a new engine is one module and one line.
"""
