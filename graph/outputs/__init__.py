"""Outputs for people and other tools, made from the in-memory graph.

In: ``KnowledgeGraph``. Out: the offline HTML view (``view``) and the exports
other graph tools import (``exports``).
"""
