"""The ``kg`` command line: a few thin lines over the library for each command.

Each sub-command parses its arguments, calls one library function and turns
``KgError`` into a clean message and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from graph.core.errors import KgError


def _cmd_build(args: argparse.Namespace) -> int:
    from graph.build.run import BuildOptions, run_build

    options = BuildOptions(
        inputs=tuple(args.inputs),
        out_dir=args.out,
        jobs=args.jobs,
        update=args.update,
        strict=args.strict,
        engine=args.engine,
        scheduler=args.scheduler,
        segmenter=args.segmenter,
        quiet=args.quiet,
    )
    return run_build(options)


def _cmd_query(args: argparse.Namespace) -> int:
    from graph.serve.store import run_query_command

    return run_query_command(args.graph, args.query, output_format=args.format)


def _cmd_serve(args: argparse.Namespace) -> int:
    from graph.serve.http import serve

    return serve(
        args.dir,
        host=args.host,
        port=args.port,
        timeout_s=args.timeout,
        max_rows=args.max_rows,
        max_body_bytes=args.max_body_bytes,
        workers=args.workers,
        cache_mb=args.cache_mb,
    )


def _cmd_export(args: argparse.Namespace) -> int:
    from graph.outputs.exports import export_build

    return export_build(args.dir, to=args.to, out=args.out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph from Chinese news articles, then query and export it.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    build.add_argument("--engine", choices=("local", "dask"), default="local", help="execution engine")
    build.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    build.add_argument(
        "--segmenter",
        choices=("pkuseg", "lac"),
        default="pkuseg",
        help="word segmenter of the spaCy Doc: pkuseg (default) or lac, faster; the graph is the same",
    )
    build.add_argument("--quiet", action="store_true", help="no progress output")
    build.set_defaults(func=_cmd_build)

    query = sub.add_parser(
        "query",
        help="run a SPARQL query",
        description=(
            "Run a read-only SPARQL query on a build folder or an RDF file (.nq .trig .ttl .nt .jsonld .rdf).\n"
            "The prefixes schema: org: skos: prov: nif: rdfs: kg: kgr: ... are predeclared.\n"
            "example: kg query output queries/people_titles.rq"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("graph", type=Path, metavar="GRAPH", help="build folder or RDF file")
    query.add_argument("query", metavar="QUERY", help=".rq file or query string")
    query.add_argument(
        "--format",
        choices=("table", "csv", "json", "tsv"),
        default="table",
        help="table (default: aligned columns), csv, tsv or json (SPARQL 1.1 results)",
    )
    query.set_defaults(func=_cmd_query)

    serve = sub.add_parser(
        "serve",
        help="serve SPARQL and the HTML view",
        description=(
            "Read-only SPARQL 1.1 Protocol endpoint at /sparql (GET, POST form, POST body) and the\n"
            "build's graph.html at /; updates and SERVICE are refused. Ctrl-C stops.\n"
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

    export = sub.add_parser(
        "export",
        help="export for other graph tools",
        description=(
            "Export a build for other tools: graphml, gexf, jsonld, nquads, neo4j, cytoscape.\n"
            "example: kg export output --to graphml --out graph.graphml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("dir", type=Path, metavar="DIR", help="build folder")
    export.add_argument(
        "--to",
        required=True,
        choices=("graphml", "gexf", "jsonld", "nquads", "neo4j", "cytoscape"),
        help="format: graphml/gexf (Gephi, Cytoscape), jsonld, nquads, neo4j (a folder of CSVs), cytoscape (JSON)",
    )
    export.add_argument("--out", type=Path, required=True, metavar="PATH", help="file to write (a folder for neo4j)")
    export.set_defaults(func=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KgError as err:
        print(f"kg {args.command}: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
