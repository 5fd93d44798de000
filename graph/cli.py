"""The ``kg`` command line: a few thin lines over the library for each command.

Each sub-command parses its arguments, calls one library function, prints
what it returned and turns ``KgError`` into a clean message and an exit
status. This is the only module that prints or exits; option choices come
from the library's registries.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO

from graph.build.engines import EngineName
from graph.core.errors import KgError
from graph.extract.segmenter import Segmenter
from graph.serve.results import OutputFormat

DISTRIBUTION = "zh-news-kg"


class BuildProgress:
    """Progress of ``kg build`` on stderr: one line refreshed in place on a
    terminal, a line every few seconds in a log."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.interactive = stream.isatty()
        self.every = 0.5 if self.interactive else 10.0
        self.started = time.monotonic()
        self.last = float("-inf")  # the first article is reported at once: the build is under way
        self.line = ""

    def __call__(self, done: int, chars: int) -> None:
        now = time.monotonic()
        rate = chars / max(now - self.started, 1e-9)
        self.line = f"  {done:,} article{'' if done == 1 else 's'}, {chars:,} characters, {rate:,.0f} chars/s"
        if now - self.last < self.every:
            return
        self.last = now
        if self.interactive:
            print(f"\r{self.line}", end="", file=self.stream, flush=True)
        else:
            print(self.line, file=self.stream, flush=True)

    def done(self) -> None:
        """The last figures, on a line of their own."""
        if self.interactive and self.line:
            print(f"\r{self.line}", file=self.stream, flush=True)


@contextmanager
def _showing_log(logger: str, stream: TextIO, prefix: str) -> Iterator[None]:
    """The library's log messages under ``logger`` on ``stream`` while a command runs."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(f"{prefix}%(message)s"))
    target = logging.getLogger(logger)
    level = target.level
    target.addHandler(handler)
    target.setLevel(logging.INFO)
    try:
        yield
    finally:
        target.removeHandler(handler)
        target.setLevel(level)


def _cmd_build(args: argparse.Namespace) -> int:
    from graph.build.run import BuildOptions, build, format_summary

    progress = None if args.quiet or sys.stderr is None else BuildProgress(sys.stderr)
    options = BuildOptions(
        inputs=tuple(args.inputs),
        out_dir=args.out,
        jobs=args.jobs,
        update=args.update,
        strict=args.strict,
        engine=args.engine,
        scheduler=args.scheduler,
        segmenter=args.segmenter,
        on_progress=progress,
    )
    try:
        _, summary = build(options)
    finally:
        if progress is not None:
            progress.done()
    print(format_summary(summary, options.out_dir))
    return 1 if options.strict and summary.problems else 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from graph.evaluation import evaluate, format_report, scores_to_json

    progress = None if args.quiet or args.json or sys.stderr is None else BuildProgress(sys.stderr)
    try:
        scores = evaluate(args.gold, tuple(args.inputs), out_dir=args.out, on_progress=progress)
    finally:
        if progress is not None:
            progress.done()
    if args.json:
        print(json.dumps(scores_to_json(scores), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        print(format_report(scores, show=args.show))
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from graph.serve.results import write_query_results

    write_query_results(args.graph, args.query, sys.stdout.buffer, output_format=args.format)
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from graph.serve.http import SPARQL_PATH, ServerConfig, SparqlServer, stop_on_signals
    from graph.serve.protocol import is_loopback

    config = ServerConfig(
        args.dir,
        args.host,
        args.port,
        args.timeout,
        args.max_rows,
        args.max_body_bytes,
        args.workers,
        None,
        int(args.cache_mb * 2**20),
    )
    with _showing_log("graph.serve", sys.stderr, ""), SparqlServer(config) as server:
        print(
            f"kg serve: SPARQL endpoint {server.url}{SPARQL_PATH[1:]}, graph view {server.url}, "
            f"query page {server.url}query",
            flush=True,
        )
        if not is_loopback(args.host):
            print(f"kg serve: listening on {args.host}: anyone who can reach this machine can query it", flush=True)
        print("kg serve: Ctrl-C stops", flush=True)
        try:
            with stop_on_signals():
                server.serve_forever()
        except KeyboardInterrupt:
            print("kg serve: stopped", flush=True)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from graph.outputs.exports import export_build

    export = export_build(args.dir, to=args.to, out=args.out)
    kind = "folder" if export.writes_folder else "file"
    print(f"kg export: wrote {export.name} {kind} {args.out}", file=sys.stderr)
    return 0


def _cmd_setup(args: argparse.Namespace) -> int:
    from graph.setup.models import install_model
    from graph.setup.resources import configured_pkuseg_model_dir

    dest = args.dest if args.dest is not None else configured_pkuseg_model_dir()
    with _showing_log("graph.setup", sys.stdout, "kg setup: "):
        install_model(dest, force=args.force, sdist=args.sdist)
    return 0


def _export_formats() -> list[str]:
    from graph.outputs.exports import EXPORT_FORMATS

    return list(EXPORT_FORMATS)


def _add_build(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = sub.add_parser(
        "build",
        help="extract a graph from articles",
        description=(
            "Read articles (.txt, .md, .html, .htm, .jsonl; folders recursively) and write into --out:\n"
            "graph.ttl, graph.trig, graph.nq (RDF), graph.html (the view), results.jsonl (per-article\n"
            "extraction, read by query/serve/export), problems.jsonl (inputs skipped, and why) and\n"
            "manifest.json (what --update may skip).\n"
            "examples:\n"
            "  kg build seeds --out output\n"
            "  kg build news/ --out build --jobs 2\n"
            "  kg build today/ --out build --update"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="files or folders")
    build.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    build.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    build.add_argument("--update", action="store_true", help="reuse unchanged articles of an existing build in --out")
    build.add_argument("--strict", action="store_true", help="any input problem is fatal")
    build.add_argument("--engine", choices=list(EngineName), default=EngineName.LOCAL, help="execution engine")
    build.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    build.add_argument(
        "--segmenter",
        choices=list(Segmenter),
        default=Segmenter.PKUSEG,
        help="word segmenter of the spaCy Doc: pkuseg (default) or lac, faster; the graph is the same",
    )
    build.add_argument("--quiet", action="store_true", help="no progress output")
    build.set_defaults(func=_cmd_build)


def _add_eval(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate = sub.add_parser(
        "eval",
        help="build articles and score the graph against a gold file",
        description=(
            "Build INPUT (files or folders of articles) and score the graph against GOLD, a JSON file\n"
            "listing the entities, affiliations, creators and quoted people a reader finds in them\n"
            "(the format is in the README). Prints precision, recall and F1 per entity type,\n"
            "duplicates, affiliations, created and quoted.\n"
            "examples:\n"
            "  kg eval my.gold.json my_articles/\n"
            "  kg eval my.gold.json my_articles/ --show      # also what was missed and what is extra\n"
            "  kg eval my.gold.json my_articles/ --json"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("gold", type=Path, metavar="GOLD", help="gold file (JSON)")
    evaluate.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="files or folders of articles")
    evaluate.add_argument("--show", action="store_true", help="list misses and spurious items")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--out", type=Path, metavar="DIR", help="keep the build in DIR (default: a temporary folder)")
    evaluate.add_argument("--quiet", action="store_true", help="no progress output")
    evaluate.set_defaults(func=_cmd_eval)


def _add_query(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    query = sub.add_parser(
        "query",
        help="run a SPARQL query",
        description=(
            "Run a read-only SPARQL query on a build folder or an RDF file (.nq .trig .ttl .nt .jsonld .rdf).\n"
            "The prefixes schema: org: skos: prov: nif: rdfs: kg: kgr: ... are predeclared.\n"
            "SELECT and ASK print a table by default; CONSTRUCT and DESCRIBE print Turtle\n"
            "(N-Triples with --format nt).\n"
            "examples:\n"
            "  kg query output queries/people_titles.rq\n"
            "  kg query output 'SELECT ?p WHERE { ?p schema:name \"周鸿祎\" }'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("graph", type=Path, metavar="GRAPH", help="build folder or RDF file")
    query.add_argument("query", metavar="QUERY", help=".rq file or query string")
    query.add_argument(
        "--format",
        choices=list(OutputFormat),
        default=OutputFormat.TABLE,
        help="table (default: aligned columns; Turtle for CONSTRUCT/DESCRIBE), csv, tsv, json "
        "(SPARQL 1.1 results; JSON-LD for CONSTRUCT/DESCRIBE) or nt (N-Triples, CONSTRUCT/DESCRIBE)",
    )
    query.set_defaults(func=_cmd_query)


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser(
        "serve",
        help="serve SPARQL and the HTML view",
        description=(
            "Read-only SPARQL 1.1 Protocol endpoint at /sparql (GET, POST form, POST body), the\n"
            "build's graph.html at /, a query page at /query and the graph files for download\n"
            "(/graph.ttl, /graph.trig, /graph.nq); updates and SERVICE are refused. Ctrl-C stops.\n"
            "example: kg serve output --port 8000"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("dir", type=Path, metavar="DIR", help="build folder")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    serve.add_argument(
        "--timeout", type=float, default=10.0, metavar="SECONDS", help="per-query time limit (default 10; 503 past it)"
    )
    serve.add_argument(
        "--max-rows", type=int, default=10_000, metavar="N", help="rows or triples per answer (default 10000)"
    )
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=1_000_000,
        metavar="N",
        help="largest POST body accepted (default 1000000; 413 above)",
    )
    serve.add_argument(
        "--workers", type=int, default=2, metavar="N", help="query processes, each with the graph loaded (default 2)"
    )
    serve.add_argument(
        "--cache-mb",
        type=float,
        default=64,
        metavar="MB",
        help="answers kept for repeated queries; the graph is read-only, so they stay right (default 64; 0: none)",
    )
    serve.set_defaults(func=_cmd_serve)


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = _export_formats()
    export = sub.add_parser(
        "export",
        help="export for other graph tools",
        description=(
            f"Export a build for other tools: {', '.join(formats)}.\n"
            "example: kg export output --to graphml --out graph.graphml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("dir", type=Path, metavar="DIR", help="build folder")
    export.add_argument(
        "--to",
        required=True,
        choices=formats,
        help="format: graphml/gexf (Gephi, Cytoscape), jsonld, nquads, neo4j (a folder of CSVs and load scripts "
        "for Neo4j and Kùzu), cytoscape (JSON), parquet (a folder of tables for DuckDB, pandas, polars)",
    )
    export.add_argument(
        "--out", type=Path, required=True, metavar="PATH", help="file to write (a folder for neo4j and parquet)"
    )
    export.set_defaults(func=_cmd_export)


def _add_setup(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    setup = sub.add_parser(
        "setup",
        help="install the pkuseg model (once; make run does it)",
        description=(
            "Fetch the pkuseg 0.0.25 sdist from the package registry, check its sha256, convert its\n"
            "'mixed' model for spacy-pkuseg and install it. Does nothing when the model is in place.\n"
            "example: kg setup --force"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    setup.add_argument("--force", action="store_true", help="convert and install again even if the model is there")
    setup.add_argument(
        "--dest",
        type=Path,
        default=None,
        help="model folder (default: $KG_PKUSEG_MODEL, else <venv>/share/kg-models/zh_pkuseg)",
    )
    setup.add_argument("--sdist", type=Path, help="use this local pkuseg-0.0.25.tar.gz instead of downloading it")
    setup.set_defaults(func=_cmd_setup)


def _version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph from Chinese news articles, then query and export it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (_add_build, _add_eval, _add_query, _add_serve, _add_export, _add_setup):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except KgError as err:
        print(f"kg {args.command}: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
