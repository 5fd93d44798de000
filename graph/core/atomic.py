"""Atomic writes: a reader sees the old output or the new one, never half of one."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from graph.core.errors import InputError


def _check_file_target(path: Path) -> None:
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name for this format")
    path.parent.mkdir(parents=True, exist_ok=True)


def _temporary_sibling(path: Path) -> Path:
    # A fresh hidden name in the same folder (os.replace cannot cross file
    # systems). Made by the writer, so it gets the usual umask permissions,
    # unlike mkstemp's 0600.
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``."""
    path = Path(path)
    _check_file_target(path)
    tmp = _temporary_sibling(path)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_text_stream(path: Path, *, buffering: int = 1 << 20) -> Iterator[IO[str]]:
    """A UTF-8 text stream whose file appears at ``path`` whole or not at all,
    synced before the rename. The large default buffer suits writers that hand
    over one statement or block at a time."""
    with atomic_file(Path(path)) as tmp, tmp.open("x", encoding="utf-8", newline="\n", buffering=buffering) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def write_durable_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to a new file and flush it to disk."""
    with path.open("x", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, atomically (line ends as given)."""
    with atomic_file(path) as tmp:
        write_durable_text(tmp, text)


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
    tmp = _temporary_sibling(path)
    tmp.mkdir()
    old = tmp.with_name(tmp.name + ".old")
    try:
        yield tmp
        if path.exists():
            os.replace(path, old)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
