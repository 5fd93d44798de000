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


class ExternalSort:
    """Items added one by one, given back sorted and unique by iterating, once.

    At most ``run_size`` (default ``RUN_SIZE``) items are held in memory;
    every full run goes to an anonymous temporary file in ``workdir`` (the
    system's temporary folder when None), unlinked as it is made, so nothing
    is left behind, even when the process is killed. Several sorts can be
    filled side by side from one pass over the data.
    """

    def __init__(self, *, run_size: int | None = None, workdir: Path | None = None) -> None:
        self.run_size = RUN_SIZE if run_size is None else run_size  # read at call time: tests make runs small
        if self.run_size < 1:
            raise ValueError("run_size must be at least 1")
        self.workdir = workdir
        self._chunk: set[Any] = set()
        self._runs: list[IO[bytes]] = []

    def add(self, item: Any) -> None:
        self._chunk.add(item)
        if len(self._chunk) >= self.run_size:
            self._spill_chunk()

    def extend(self, items: Iterable[Any]) -> None:
        """``add`` each of ``items``; cheaper for many (a run may then pass ``run_size`` by up to ``len(items)``)."""
        self._chunk.update(items)
        if len(self._chunk) >= self.run_size:
            self._spill_chunk()

    def _spill_chunk(self) -> None:
        self._runs.append(_spill(sorted(self._chunk), self.workdir))
        self._chunk = set()

    def __iter__(self) -> Iterator[Any]:
        last, self._chunk = sorted(self._chunk), set()
        runs, self._runs = self._runs, []
        try:
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

    def close(self) -> None:
        """Drop what was added and not read (the temporary files go at once)."""
        for run in self._runs:
            run.close()
        self._runs, self._chunk = [], set()


def sorted_unique(items: Iterable[Any], *, run_size: int | None = None, workdir: Path | None = None) -> Iterator[Any]:
    """``items`` in ascending order, each once, holding about ``run_size`` of them at a time."""
    sort = ExternalSort(run_size=run_size, workdir=workdir)
    try:
        for item in items:
            sort.add(item)
    except BaseException:
        sort.close()
        raise
    yield from sort


_NOTHING = object()


def _spill(items: list[Any], workdir: Path | None) -> IO[bytes]:
    run = tempfile.TemporaryFile(dir=workdir, prefix=".sort-run-", suffix=".tmp")  # noqa: SIM115 (returned open; the caller closes it)
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
