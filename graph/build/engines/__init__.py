"""Extraction engines: articles in, ``ArticleResult`` or ``Problem`` out.

Every engine has the same small interface (``ExtractionEngine``) and is
chosen by name from ``ENGINES``; a new engine is one module and one line
there. Engines are imported only when chosen, so a local build never loads
Dask.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from graph.core.errors import KgError
from graph.core.records import Article, ArticleResult, Problem

if TYPE_CHECKING:
    from graph.core.knowledge import KnowledgeGraph
    from graph.core.spool import ResultSpool


class EngineName(StrEnum):
    LOCAL = "local"  # this process, or --jobs worker processes
    DASK = "dask"  # a Dask cluster: a local one, or --scheduler ADDRESS


@dataclass(frozen=True)
class EngineSettings:
    """What an engine is told about the build it extracts for."""

    out_dir: Path
    jobs: int = 1
    segmenter: str = "pkuseg"
    scheduler: str | None = None


class ExtractionEngine(Protocol):
    """Runs extraction for one build."""

    # Processes free to write the outputs once extraction is over.
    output_processes: int

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult | Problem]:
        """Results in the order the articles came, a ``Problem`` for an article that failed."""
        ...

    def finish(self, kg: KnowledgeGraph, spool: ResultSpool, reused: Sequence[str]) -> None:
        """Called after the build's outputs are written (the Dask engine completes its shards)."""
        ...

    def close(self) -> None:
        """Release the pipeline and any workers: the graph is assembled without them."""
        ...


# name -> "module:class"; the class is called with EngineSettings.
ENGINES: dict[EngineName, str] = {
    EngineName.LOCAL: "graph.build.engines.local:LocalEngine",
    EngineName.DASK: "graph.build.engines.dask:DaskEngine",
}


def open_engine(name: str, settings: EngineSettings) -> ExtractionEngine:
    """The engine registered as ``name``, made for ``settings``."""
    try:
        target = ENGINES[EngineName(name)]
    except ValueError:
        raise KgError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}") from None
    module, _, cls = target.partition(":")
    engine: ExtractionEngine = getattr(importlib.import_module(module), cls)(settings)
    return engine
