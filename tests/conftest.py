"""Shared fixtures, made once per test session: the seeds' build and the extractor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.build.run import BuildOptions, build
from graph.extract.article import ArticleExtractor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("seeds_build")
    # Relative input paths, as `make run` gives them, so sources match output/.
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        kg, summary = build(BuildOptions(inputs=(Path("seeds"),), out_dir=out))
    finally:
        os.chdir(here)
    return kg, summary, out


@pytest.fixture(scope="session")
def extractor() -> ArticleExtractor:
    """One pipeline for every extraction test (loading it is most of their time)."""
    return ArticleExtractor()
