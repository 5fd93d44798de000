"""Atomic writes: a reader sees the old output or the new one, never half of one."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import InputError


def _check_file_target(path: Path) -> None:
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name for this format")
    path.parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    path = Path(path)
    _check_file_target(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with LF line ends, atomically."""
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def write_with_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file, then move it onto ``path``."""
    with atomic_file(path) as tmp:
        write(tmp)


@contextmanager
def atomic_folder(path: Path, *, replaceable: frozenset[str]) -> Iterator[Path]:
    """Yield a temporary folder beside ``path``; on success it becomes ``path``.

    An existing ``path`` is replaced only when it holds nothing but names in
    ``replaceable`` (an earlier export of the same kind): a folder with other
    files in it is refused rather than deleted. The old folder is moved aside
    and the new one renamed into place, so ``path`` is never half written.
    """
    path = Path(path)
    if path.exists():
        if not path.is_dir():
            raise InputError(f"{path} is a file; this format writes a folder")
        foreign = sorted(p.name for p in path.iterdir() if p.name not in replaceable)
        if foreign:
            raise InputError(f"{path} holds other files ({', '.join(foreign[:3])}); give an empty or new folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    old = tmp.with_name(tmp.name + ".old")
    try:
        yield tmp
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
