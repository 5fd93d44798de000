"""Run one piece of work in a forked child while this process does another.

The outputs of a build are written from one merged graph held in memory. A
forked child sees that graph without it being pickled or rebuilt, so with
``--jobs 2`` one core writes some files while the other writes the rest.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from graph.core.errors import KgError


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def alongside(work: Callable[[], None], *, what: str) -> Iterator[None]:
    """Run ``work`` in a forked child during the ``with`` block; wait for it at
    the end and raise ``KgError`` if it failed (its traceback is on stderr).

    Where processes cannot fork, ``work`` runs here, after the block.
    Call it only where this process runs no other threads: a forked child gets
    a copy of every lock, held or not, and none of the threads.
    """
    if not can_fork():
        yield
        work()
        return
    child = multiprocessing.get_context("fork").Process(target=work, name=f"kg: {what}")
    child.start()
    try:
        yield
    except BaseException:
        child.terminate()
        child.join()
        raise
    child.join()
    if child.exitcode != 0:
        raise KgError(f"{what} failed in a child process (exit code {child.exitcode})")
