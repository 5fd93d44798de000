"""The files of a build that ``kg serve`` sends as they are: the HTML view and the graph for download.

``/`` and ``/graph.html`` show the view; ``/graph.ttl``, ``/graph.trig`` and
``/graph.nq`` download the graph (``Content-Disposition: attachment``) with
its RDF media type. A graph file can be hundreds of megabytes, so it is
copied to the socket a chunk at a time, never read whole; its length comes
from the open file, so a build replaced meanwhile (``kg build`` renames its
files into place) is still sent whole, in its old version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from http import HTTPStatus
from io import BufferedIOBase, BufferedReader
from pathlib import Path

from graph.serve.protocol import RequestError

COPY_CHUNK_BYTES = 256 * 1024


@dataclass(frozen=True)
class BuildFile:
    """A file of the build folder, how it is labelled, and whether the browser saves it rather than shows it."""

    name: str
    media_type: str
    attachment: bool


_VIEW = BuildFile("graph.html", "text/html; charset=utf-8", attachment=False)

# URL path → the build file it serves.
BUILD_FILES: dict[str, BuildFile] = {
    "/": _VIEW,
    "/graph.html": _VIEW,
    "/graph.ttl": BuildFile("graph.ttl", "text/turtle; charset=utf-8", attachment=True),
    "/graph.trig": BuildFile("graph.trig", "application/trig; charset=utf-8", attachment=True),
    "/graph.nq": BuildFile("graph.nq", "application/n-quads; charset=utf-8", attachment=True),
}


def open_build_file(build_dir: Path, served: BuildFile) -> tuple[BufferedReader, int]:
    """The open file and its length in bytes; ``RequestError`` 404 when the build has no such file."""
    try:
        source = (build_dir / served.name).open("rb")
    except OSError:
        raise RequestError(HTTPStatus.NOT_FOUND, f"this build has no {served.name}") from None
    try:
        size = os.fstat(source.fileno()).st_size
    except OSError:
        source.close()
        raise
    return source, size


def file_headers(served: BuildFile) -> dict[str, str]:
    """The headers besides Content-Type and Content-Length: a file name to save a download under."""
    if not served.attachment:
        return {}
    return {"Content-Disposition": f'attachment; filename="{served.name}"'}


def copy_file(source: BufferedReader, sink: BufferedIOBase, size: int) -> None:
    """Copy exactly ``size`` bytes of ``source`` to ``sink``, ``COPY_CHUNK_BYTES`` at a time through one buffer.

    Exactly: the Content-Length was sent before. A file that ends early
    raises ``OSError`` (the connection is then closed, and the client sees a
    short answer rather than a wrong one).
    """
    buffer = memoryview(bytearray(min(size, COPY_CHUNK_BYTES) or 1))
    remaining = size
    while remaining > 0:
        read = source.readinto(buffer[: min(remaining, len(buffer))])
        if not read:
            raise OSError(f"the file ended {remaining} bytes early")
        sink.write(buffer[:read])
        remaining -= read
