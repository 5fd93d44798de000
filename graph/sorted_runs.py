"""Sort more items than memory holds: sorted runs on disk, merged lazily.

The RDF writers sort every statement of a build so that the same graph
always gives the same bytes. A large build has far more statements than
fit in memory as Python strings, so items are sorted in runs of
``run_size``; each full run is pickled to an anonymous temporary file and
the runs are merged with ``heapq.merge``. A small input never touches the
disk, and the result is the same either way: ``sorted(set(items))``.

>>> list(sorted_unique([3, 1, 2, 3, 1], run_size=2))
[1, 2, 3]
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

RUN_SIZE = 100_000  # items sorted in memory at once: a few hundred MB of statement strings at most
_BATCH = 1_000  # items per pickle record: one load per batch, not per item


def sorted_unique(items: Iterable[Any], *, run_size: int | None = None, workdir: Path | None = None) -> Iterator[Any]:
    """``items`` in ascending order, each once, holding about ``run_size``
    (default ``RUN_SIZE``) of them at a time.

    Runs that do not fit go to temporary files in ``workdir`` (the system's
    temporary folder when None); the files are unlinked as they are made, so
    nothing is left behind, even when the process is killed.
    """
    if run_size is None:
        run_size = RUN_SIZE  # read at call time, so a test can make runs small
    if run_size < 1:
        raise ValueError("run_size must be at least 1")
    runs: list[IO[bytes]] = []
    try:
        chunk: set[Any] = set()
        for item in items:
            chunk.add(item)
            if len(chunk) >= run_size:
                runs.append(_spill(sorted(chunk), workdir))
                chunk = set()
        last = sorted(chunk)
        del chunk
        if not runs:
            yield from last
            return
        previous: Any = _NOTHING
        for item in heapq.merge(*(_read_run(run) for run in runs), last):
            if item != previous:
                yield item
                previous = item
    finally:
        for run in runs:
            run.close()


_NOTHING = object()


def _spill(items: list[Any], workdir: Path | None) -> IO[bytes]:
    run = tempfile.TemporaryFile(dir=workdir, prefix=".sort-run-", suffix=".tmp")
    for start in range(0, len(items), _BATCH):
        pickle.dump(items[start : start + _BATCH], run, protocol=pickle.HIGHEST_PROTOCOL)
    run.seek(0)
    return run


def _read_run(run: IO[bytes]) -> Iterator[Any]:
    while True:
        try:
            batch = pickle.load(run)
        except EOFError:
            return
        yield from batch
