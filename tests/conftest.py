"""Shared fixtures: the seeds' build, made once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.build.run import BuildOptions, build

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
