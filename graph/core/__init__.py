"""Core: the typed records every stage passes on, and what they all share.

In: nothing from other stages (this is the bottom layer).
Out: ``records`` (Article, Mention, Entity, Fact, ArticleResult, Problem ...),
``knowledge`` (the in-memory graph a build assembles), ``errors`` (every
``KgError``), ``atomic`` (files written whole or not at all) and ``spool``
(per-article results on disk, ``results.jsonl``).
"""
