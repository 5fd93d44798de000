"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and the HTML view of a build.

- ``/sparql``: queries by GET (``?query=``), by POST as a form
  (``application/x-www-form-urlencoded``, field ``query``) or as a body
  (``application/sparql-query``), with ``default-graph-uri`` and
  ``named-graph-uri``. SELECT/ASK results in JSON (default), XML, CSV or TSV,
  CONSTRUCT/DESCRIBE in Turtle (default), N-Triples, RDF/XML or JSON-LD,
  chosen by the Accept header.
- ``/``: the build's ``graph.html``; ``/query``: a query page (a form, the
  bundled queries as examples, results as a table; ``graph.serve.query_page``);
  ``/graph.ttl``, ``/graph.trig``, ``/graph.nq``: the graph for download,
  streamed (``graph.serve.downloads``).

Refused: updates (403), SERVICE (403), malformed queries (400, saying where and
what: graph.serve.diagnose), bodies over ``max_body_bytes`` (413). Each query runs in a
worker process under ``timeout_s`` (503 past it, the worker is replaced) and
returns at most ``max_rows`` rows or triples (header ``X-SPARQL-MaxRows``
when cut); a worker that needs more memory than its limit dies (500) and is
replaced. Only the standard library's ``http.server``: the endpoint is for
one person's machine, and binds to loopback unless told otherwise.

example: kg serve output --port 8000
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from graph.core.errors import InputError
from graph.serve.downloads import BUILD_FILES, BuildFile, copy_file, file_headers, open_build_file
from graph.serve.pool import (
    DEFAULT_CACHE_BYTES,
    Outcome,
    QueryAnswer,
    QueryJob,
    QueryPool,
    QueryTimeoutError,
    WorkerFailedError,
    default_memory_limit,
)
from graph.serve.protocol import (
    GRAPH_MEDIA_TYPES,
    RESULTS_MEDIA_TYPES,
    QueryRequest,
    RequestError,
    host_name,
    is_loopback,
    negotiate,
    parse_fields,
    query_request,
)
from graph.serve.query_page import QUERY_PAGE_PATH, QueryPage, build_query_page
from graph.serve.signals import stop_on_signals as stop_on_signals  # the CLI's import: graph.serve.http
from graph.serve.store import graph_file, is_update

log = logging.getLogger(__name__)

SPARQL_PATH = "/sparql"
_NOT_HERE = f"the endpoint is {SPARQL_PATH}, the query page {QUERY_PAGE_PATH}"


_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_UPDATE_BODY = "application/sparql-update"


# The body of a refused request (too large, an update...) is read and dropped
# before the connection closes: a client still sending it would otherwise get
# a connection reset instead of the answer. One reused buffer, so memory stays
# flat; past the byte or time bound the connection is closed anyway.
DISCARD_CHUNK_BYTES = 64 * 1024
DISCARD_MAX_BYTES = 64 * 2**20
DISCARD_MAX_S = 5.0
DISCARD_READ_TIMEOUT_S = 1.0


@dataclass(frozen=True)
class ServerConfig:
    """What ``kg serve`` serves and its limits."""

    build_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    timeout_s: float = 10.0
    max_rows: int = 10_000
    max_body_bytes: int = 1_000_000
    workers: int = 2
    memory_limit_bytes: int | None = None  # per worker; None: default_memory_limit of the graph file
    cache_bytes: int = DEFAULT_CACHE_BYTES  # answers kept for repeated queries; 0: none

    def check(self) -> None:
        """``InputError`` for a limit that makes no sense."""
        if self.timeout_s <= 0:
            raise InputError(f"the time limit must be positive, not {self.timeout_s:g}")
        if self.max_rows < 1:
            raise InputError(f"the row limit must be at least 1, not {self.max_rows}")
        if self.max_body_bytes < 1:
            raise InputError(f"the request body limit must be at least 1 byte, not {self.max_body_bytes}")
        if self.cache_bytes < 0:
            raise InputError(f"the answer cache cannot be negative, not {self.cache_bytes}")
        if self.workers < 1:
            raise InputError(f"at least one query worker is needed, not {self.workers}")
        if self.memory_limit_bytes is not None and self.memory_limit_bytes < 2**20:
            raise InputError(f"the worker memory limit must be at least 1 MiB, not {self.memory_limit_bytes}")


# --- Content negotiation ---------------------------------------------------------------


# --- Requests --------------------------------------------------------------------------


# --- HTTP --------------------------------------------------------------------------------


class _EndpointServer(ThreadingHTTPServer):
    daemon_threads = True
    # Connections waiting to be accepted. Past the default 5, Linux drops a
    # burst's extra connections and their clients retry a second later.
    request_queue_size = 64

    def __init__(self, config: ServerConfig, pool: QueryPool, query_page: QueryPage) -> None:
        self.config = config
        self.pool = pool
        self.query_page = query_page
        if ":" in config.host:
            self.address_family = socket.AF_INET6
        super().__init__((config.host, config.port), _EndpointHandler)


class _EndpointHandler(BaseHTTPRequestHandler):
    server: _EndpointServer
    server_version = "kg-serve"
    # Seconds a client may take to send its request; a slow one holds a thread.
    timeout = 30
    _body_read = False  # whether the request's body was read (else it is dropped after an error)

    def do_GET(self) -> None:
        self._handle(self._get)

    def do_HEAD(self) -> None:
        self._handle(self._page)

    def do_POST(self) -> None:
        self._handle(self._post)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's naming)
        log.info("%s - %s", self.address_string(), format % args)

    def _handle(self, method: Callable[[SplitResult], None]) -> None:
        self._body_read = False
        try:
            try:
                self._check_host()
                method(urlsplit(self.path))
            except RequestError as err:
                unread = 0 if self._body_read else self._declared_body_bytes()
                self._send_text(err.status, str(err), {"Connection": "close"} if unread else {})
                if unread:
                    self._discard_body(unread)
        except (BrokenPipeError, ConnectionResetError):
            log.info("%s - the client left before its answer", self.address_string())

    def _check_host(self) -> None:
        # DNS rebinding: a web page's script may reach a loopback server under
        # the page's own host name; a loopback endpoint answers loopback names only.
        header = self.headers.get("Host")
        if header and is_loopback(self.server.config.host) and not is_loopback(host_name(header)):
            raise RequestError(HTTPStatus.FORBIDDEN, f"host {header!r} is not served here")

    def _get(self, url: SplitResult) -> None:
        if url.path == SPARQL_PATH:
            self._answer(query_request(parse_fields(url.query)))
        else:
            self._page(url)

    def _page(self, url: SplitResult) -> None:
        """GET or HEAD of a page or a file (``_send`` leaves out the body of a HEAD)."""
        if url.path in BUILD_FILES:
            self._send_build_file(BUILD_FILES[url.path])
        elif url.path == QUERY_PAGE_PATH:
            page = self.server.query_page
            headers = {"Content-Security-Policy": page.content_security_policy, "Cache-Control": "no-cache"}
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.body, headers)
        elif url.path == SPARQL_PATH:
            raise RequestError(HTTPStatus.METHOD_NOT_ALLOWED, "HEAD is served for the pages and files only")
        else:
            raise RequestError(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; {_NOT_HERE}")

    def _post(self, url: SplitResult) -> None:
        if url.path != SPARQL_PATH:
            raise RequestError(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; {_NOT_HERE}")
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == _UPDATE_BODY:
            raise RequestError(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
        if content_type not in (_FORM, _QUERY_BODY):
            raise RequestError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"send the query as {_FORM} or {_QUERY_BODY}, not {content_type!r}"
            )
        body = self._read_body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as err:
            raise RequestError(HTTPStatus.BAD_REQUEST, f"the request body is not UTF-8: {err}") from err
        if content_type == _FORM:
            self._answer(query_request(parse_fields(text)))
        else:
            self._answer(query_request(parse_fields(url.query), query=text))

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length, not chunked")
        length = self._declared_body_bytes()
        if length is None:
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        limit = self.server.config.max_body_bytes
        if length > limit:
            # Answered from the headers: the body is never held in memory.
            raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {limit} bytes")
        self._body_read = True
        return self.rfile.read(length)

    def _declared_body_bytes(self) -> int | None:
        """The Content-Length, or None when there is no valid one."""
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return None
        return length if length >= 0 else None

    def _discard_body(self, declared_bytes: int) -> None:
        """Read and drop an unwanted body a chunk at a time, within ``DISCARD_MAX_BYTES`` and ``DISCARD_MAX_S``."""
        self.close_connection = True  # the rest of the body must not be taken for a next request
        remaining = min(declared_bytes, DISCARD_MAX_BYTES)
        deadline = time.monotonic() + DISCARD_MAX_S
        chunk = memoryview(bytearray(DISCARD_CHUNK_BYTES))
        self.connection.settimeout(DISCARD_READ_TIMEOUT_S)
        try:
            while remaining > 0 and time.monotonic() < deadline:
                received = self.rfile.readinto1(chunk[: min(remaining, DISCARD_CHUNK_BYTES)])
                if not received:
                    return
                remaining -= received
        except OSError:  # a timeout or a reset: the connection closes anyway
            return

    def _answer(self, request: QueryRequest) -> None:
        if is_update(request.query):
            raise RequestError(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
        accept = self.headers.get("Accept")
        job = QueryJob(
            request.query,
            results_media_type=negotiate(accept, RESULTS_MEDIA_TYPES),
            graph_media_type=negotiate(accept, GRAPH_MEDIA_TYPES),
            max_rows=self.server.config.max_rows,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
        )
        try:
            answer = self.server.pool.run(job)
        except QueryTimeoutError as err:
            raise RequestError(HTTPStatus.SERVICE_UNAVAILABLE, f"query stopped: {err}") from err
        except WorkerFailedError as err:
            raise RequestError(HTTPStatus.INTERNAL_SERVER_ERROR, str(err)) from err
        self._send_answer(answer)

    def _send_answer(self, answer: QueryAnswer) -> None:
        statuses = {
            Outcome.MALFORMED: HTTPStatus.BAD_REQUEST,
            Outcome.REFUSED: HTTPStatus.FORBIDDEN,
            Outcome.NOT_ACCEPTABLE: HTTPStatus.NOT_ACCEPTABLE,
            Outcome.FAILED: HTTPStatus.INTERNAL_SERVER_ERROR,
        }
        if answer.outcome is not Outcome.OK:
            raise RequestError(statuses[answer.outcome], answer.message)
        headers = {"X-SPARQL-MaxRows": str(self.server.config.max_rows)} if answer.truncated else {}
        self._send(HTTPStatus.OK, _with_charset(answer.media_type), answer.body, headers)

    def _send_build_file(self, served: BuildFile) -> None:
        """The view or a graph file, streamed from the open file (``graph.serve.downloads``)."""
        source, size = open_build_file(self.server.config.build_dir, served)
        with source:
            self._send_head(HTTPStatus.OK, served.media_type, size, file_headers(served))
            if self.command != "HEAD":
                copy_file(source, self.wfile, size)

    def _send_text(self, status: HTTPStatus, message: str, headers: Mapping[str, str] | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers or {})

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, headers: Mapping[str, str]) -> None:
        self._send_head(status, content_type, len(body), headers)
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_head(self, status: HTTPStatus, content_type: str, length: int, headers: Mapping[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()


def _with_charset(media_type: str) -> str:
    if media_type.startswith("text/") and "charset=" not in media_type:
        return f"{media_type}; charset=utf-8"
    return media_type


# --- The server ----------------------------------------------------------------------------


class SparqlServer:
    """The endpoint: workers with the graph loaded, and an HTTP server in front of them.

    >>> with SparqlServer(ServerConfig(Path("output"), port=0)) as server:   # doctest: +SKIP
    ...     threading.Thread(target=server.serve_forever).start()
    ...     print(server.url)
    http://127.0.0.1:40321/
    """

    def __init__(self, config: ServerConfig) -> None:
        config.check()
        graph = graph_file(config.build_dir)  # a missing or wrong folder fails here, before any worker starts
        self.config = config
        self._pool = QueryPool(
            config.build_dir,
            workers=config.workers,
            timeout_s=config.timeout_s,
            memory_limit_bytes=config.memory_limit_bytes or default_memory_limit(graph),
            cache_bytes=config.cache_bytes,
        )
        self._query_page = build_query_page()  # the bundled queries are read once, here
        self._http: _EndpointServer | None = None

    def __enter__(self) -> SparqlServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Load the graph in every worker, then bind the socket."""
        self._pool.start()
        try:
            self._http = _EndpointServer(self.config, self._pool, self._query_page)
        except OSError as err:
            self._pool.close()
            raise InputError(f"cannot listen on {self.config.host}:{self.config.port}: {err}") from err

    @property
    def url(self) -> str:
        """The server's root URL, with the port it bound (``port=0`` picks a free one)."""
        assert self._http is not None, "start() first"
        address, port = self._http.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else address
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def serve_forever(self) -> None:
        assert self._http is not None, "start() first"
        self._http.serve_forever()

    def shutdown(self) -> None:
        """Stop ``serve_forever`` (from another thread)."""
        if self._http is not None:
            self._http.shutdown()

    def close(self) -> None:
        if self._http is not None:
            self._http.server_close()
        self._pool.close()
