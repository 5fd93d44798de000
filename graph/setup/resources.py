"""Where the models the pipeline needs live on this machine.

The converted spaCy ``zh`` + pkuseg pipeline lives inside the virtual
environment (``<venv>/share/kg-models/zh_pkuseg``), so a fresh venv means a
fresh model and ``make clean`` removes both. ``KG_PKUSEG_MODEL`` points
elsewhere, for a shared copy or a test.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from graph.core.errors import KgError

PKUSEG_MODEL_ENV = "KG_PKUSEG_MODEL"

# Files that a complete saved pipeline has; the set-up writes them all or none
# (it renames a finished folder into place), so their presence means "installed".
PKUSEG_MODEL_MARKERS = (
    "config.cfg",
    "meta.json",
    "tokenizer/pkuseg_model/features.msgpack",
    "tokenizer/pkuseg_model/weights.npz",
)


def default_pkuseg_model_dir() -> Path:
    """The model folder inside the running virtual environment."""
    return Path(sys.prefix) / "share" / "kg-models" / "zh_pkuseg"


def configured_pkuseg_model_dir() -> Path:
    """Where the model is (or will be installed): ``$KG_PKUSEG_MODEL`` or the venv default."""
    override = os.environ.get(PKUSEG_MODEL_ENV)
    return Path(override) if override else default_pkuseg_model_dir()


def is_pkuseg_model(path: Path) -> bool:
    """Whether ``path`` holds a complete converted pipeline."""
    return all((path / marker).is_file() for marker in PKUSEG_MODEL_MARKERS)


def pkuseg_model_path() -> Path:
    """The converted spaCy zh + pkuseg pipeline folder; a clear error if it is missing."""
    path = configured_pkuseg_model_dir()
    if not is_pkuseg_model(path):
        raise KgError(
            f"the pkuseg segmenter model is not installed at {path}; "
            "run `make run` or `kg setup` once (it downloads from the package registry)"
        )
    return path
