"""Where the models the pipeline needs live on this machine."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from graph.errors import KgError

PKUSEG_MODEL_ENV = "KG_PKUSEG_MODEL"


def default_pkuseg_model_dir() -> Path:
    """Inside the virtual environment, so a fresh venv means a fresh model."""
    return Path(sys.prefix) / "share" / "kg-models" / "zh_pkuseg"


def pkuseg_model_path() -> Path:
    """The converted spaCy zh + pkuseg pipeline folder; a clear error if missing."""
    path = Path(os.environ.get(PKUSEG_MODEL_ENV) or default_pkuseg_model_dir())
    if not (path / "config.cfg").is_file():
        raise KgError(
            f"the pkuseg segmenter model is not installed at {path}; "
            "run `make run` or `python -m graph.setup_models` once (it needs the package registry)"
        )
    return path
