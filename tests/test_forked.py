"""graph.build.forked.alongside: work in a forked child next to the with-block."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from graph.build.forked import alongside, can_fork
from graph.core.errors import KgError

pytestmark = pytest.mark.skipif(not can_fork(), reason="the platform cannot fork: alongside runs work serially")


def test_the_child_works_while_the_block_runs(tmp_path: Path) -> None:
    started = tmp_path / "child-started"

    def work() -> None:
        (tmp_path / "child-pid").write_text(str(os.getpid()))
        started.touch()
        time.sleep(0.5)
        (tmp_path / "child-done").touch()

    with alongside(work, what="test work"):
        deadline = time.monotonic() + 30
        while not started.exists():  # the child is running before the block ends
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert not (tmp_path / "child-done").exists()
    assert (tmp_path / "child-done").exists()  # and has finished when it does
    assert int((tmp_path / "child-pid").read_text()) != os.getpid()


def test_a_failing_child_is_an_error() -> None:
    def work() -> None:
        raise RuntimeError("disk full")

    with (
        pytest.raises(KgError, match="writing the test file failed in a child process"),
        alongside(work, what="writing the test file"),
    ):
        pass


def test_an_error_in_the_block_stops_the_child(tmp_path: Path) -> None:
    def work() -> None:
        time.sleep(30)
        (tmp_path / "child-done").touch()

    began = time.monotonic()
    with pytest.raises(ValueError, match="block failed"), alongside(work, what="slow work"):
        raise ValueError("block failed")
    assert time.monotonic() - began < 10 and not (tmp_path / "child-done").exists()
