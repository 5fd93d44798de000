"""Errors the library raises for the CLI to report cleanly (one table, one place)."""

from __future__ import annotations


class KgError(Exception):
    """A problem the user can act on; the CLI prints it without a traceback."""

    exit_code = 1


class InputError(KgError):
    """An input path or file cannot be used."""

    exit_code = 2


class QueryError(KgError):
    """A SPARQL query is malformed or refused."""

    exit_code = 2


class BuildNotFoundError(KgError):
    """A folder is not a build made by ``kg build``."""

    exit_code = 2


class QueryRefusedError(QueryError):
    """A well-formed request that a read-only, offline store will not run (updates, SERVICE)."""


class UnknownExportFormatError(KgError):
    """``--to`` names no export format."""

    exit_code = 2
