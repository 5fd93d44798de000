"""Helpers for tests of a running ``kg serve``: start it as a process, talk HTTP, read its memory in /proc.

The endpoint runs as its own process (``python -m graph.cli serve``), as a
user starts it, so that its memory and its workers can be measured apart
from the test process. Linux only (/proc).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 60.0
_URL_LINE = re.compile(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)")
_WORKER_MARK = b"spawn_main"  # a multiprocessing worker's command line (not its resource tracker's)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass(frozen=True)
class KgServe:
    """A running ``kg serve`` process and its endpoint URL."""

    process: subprocess.Popen[str]
    sparql: str

    @property
    def pid(self) -> int:
        return self.process.pid


@contextmanager
def kg_serve(build: Path, *options: str) -> Iterator[KgServe]:
    """Run ``kg serve build --port 0 options...`` until the block ends; stopped with SIGTERM, as Ctrl-C would."""
    command = [sys.executable, "-m", "graph.cli", "serve", str(build), "--port", "0", *options]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first_line = process.stdout.readline()
        url = _URL_LINE.search(first_line)
        if url is None:
            raise RuntimeError(f"kg serve did not start: {first_line!r}")
        yield KgServe(process, url.group(1))
    finally:
        process.terminate()
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def http(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 30,
) -> Reply:
    """One request with urllib; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as err:
        return Reply(err.code, dict(err.headers), err.read())


def get_query(sparql: str, query: str, accept: str | None = None) -> Reply:
    return http(sparql + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept} if accept else {})


# --- /proc ----------------------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # it ended meanwhile
            continue
        # "pid (command) state ppid ...": the command may hold spaces and parentheses.
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending.extend(children(current))
    return tree


def worker_pids(pid: int) -> set[int]:
    """The query workers of the ``kg serve`` process ``pid``."""
    workers = set()
    for child in children(pid):
        try:
            if _WORKER_MARK in Path(f"/proc/{child}/cmdline").read_bytes():
                workers.add(child)
        except OSError:
            continue
    return workers


def status_field(pid: int, name: str) -> int:
    """A number of /proc/PID/status (``VmRSS``, ``VmHWM``: bytes; ``Threads``: a count)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key == name:
            number, *unit = value.split()
            return int(number) * (1024 if unit == ["kB"] else 1)
    raise KeyError(name)


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, summed."""
    return sum(status_field(member, "VmRSS") for member in process_tree(pid))


def reset_peak_rss(pid: int) -> None:
    """Set the peak resident size (``VmHWM``) of ``pid`` back to its current size (Linux clear_refs)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def wait_until(condition: Callable[[], bool], timeout_s: float, interval_s: float = 0.05) -> bool:
    """Poll ``condition()`` until it is true or ``timeout_s`` passes; its last value."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return bool(condition())
        time.sleep(interval_s)
    return True
