"""graph.serve.diagnose: where and what a SPARQL syntax error is, in one short line.

The messages through ``kg query`` and the endpoint are in tests/sparql_samples.py
(MALFORMED_QUERIES, run by test_sparql and test_server); here the parts:
the tokenizer that skips strings, IRIs and comments, the rule that a
mistake found in the tokens must not lie past the parser's position, the
shortened parser message, and that any refused text gets a short message.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Store

from graph.core.errors import QueryError
from graph.rdf.vocab import PREFIXES
from graph.serve.diagnose import describe_syntax_error, line_and_column, tokenize
from graph.serve.store import run_query

PREDECLARED = frozenset(PREFIXES)
SHORT = re.compile(r"line \d+, column \d+: [^\n]{1,150}")


def oxigraph_message(query: str) -> str:
    try:
        Store().query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        return str(err)
    raise AssertionError(f"Oxigraph accepts {query!r}")


def describe(query: str) -> str:
    return describe_syntax_error(query, oxigraph_message(query), PREDECLARED)


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        (
            '?s schema:url <http://x/#y> ; rdfs:label "a # b"@zh-Hans',
            ["var", "pname", "iri", ";", "pname", "string", "langtag"],
        ),
        ("# foo:bar 'x\n?s ex:a. ?o", ["var", "pname", ".", "var"]),
        ("FILTER(?o<3 && ?o>=1)", ["word", "(", "var", "<", "number", "&&", "var", ">=", "number", ")"]),
        ('"""two\nlines""" _:b :local', ["string", "bnode", "pname"]),
        ('"open', ["unclosed", "word"]),
    ],
)
def test_tokens_skip_strings_iris_and_comments(query: str, kinds: list[str]) -> None:
    assert [t.text if t.kind == "punct" else t.kind for t in tokenize(query)] == kinds


def test_line_and_column_count_characters_from_one() -> None:
    query = 'SELECT * {\n  ?s rdfs:label "周鸿祎" ; foo:x ?o }'
    assert line_and_column(query, query.index("foo:")) == (2, 25)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # Names inside strings, IRIs and comments are not prefixes or keywords.
        ('# bar:x and SELEC\nSELECT * { ?s ?p "bar:x SELEC" ; nope:x ?o }', "line 2, column 34: unknown prefix nope:"),
        # A prefix the query declares is known; a predeclared one can be redeclared.
        (
            "PREFIX ex: <http://example.org/>\nSELECT * { ex:a ?p ?o . ex2:b ?p ?o }",
            "line 2, column 25: unknown prefix ex2:",
        ),
        # The first mistake in reading order.
        ("SELECT * { ?s foo:p ?o . ?s bar:p ?o }", "line 1, column 15: unknown prefix foo:"),
        ("SELECT * { ?s ?p ?o } LIMT 3", "line 1, column 23: unknown keyword LIMT (did you mean LIMIT?)"),
        ("", "line 1, column 1: empty query (expected SELECT, CONSTRUCT, DESCRIBE or ASK)"),
        ("PREFIX ex: <http://x/>", "line 1, column 23: no query after the prologue"),
        ("{ ?s ?p ?o }", "line 1, column 1: expected SELECT, CONSTRUCT, DESCRIBE or ASK, not {"),
        ("SELECT * { ?s ?p ?o }}", "line 1, column 22: } closes nothing"),
        ("SELECT * { ?s <http://a b> ?o }", "line 1, column 15: invalid IRI <http://a b>"),
    ],
)
def test_the_mistake_is_named_at_its_own_token(query: str, message: str) -> None:
    assert describe(query).startswith(message)


def test_a_mistake_past_the_parsers_position_is_not_blamed() -> None:
    # The parser stops at the missing object; the unknown prefix further on is not the first error.
    query = "SELECT * {\n  ?s ?p .\n  ?s foo:p ?o }"
    message = describe(query)
    assert "foo:" not in message
    assert message.startswith("line 3, column 3: syntax error near '?s'")


def test_the_parsers_message_is_shortened_without_character_classes() -> None:
    query = "SELECT ?x WHERE { ?s ?p ?o } ORDER BY"
    raw = oxigraph_message(query)
    assert "\\u{" in raw and len(raw) > 300  # what a person used to get
    assert (
        describe(query) == "line 1, column 38: syntax error near end of query (expected one of a variable, (, an IRI)"
    )


def test_the_parsers_own_explanation_is_kept() -> None:
    query = "SELECT ?x (1 AS ?x) WHERE { ?x ?p ?o }"
    assert describe(query).endswith(": the SELECT overrides an existing variable using an expression")


def test_a_parser_message_without_a_position_is_kept_whole_on_one_line_or_cut() -> None:
    valid = "SELECT * { ?s ?p ?o }"
    assert describe_syntax_error(valid, "something\nodd", PREDECLARED) == "something odd"
    cut = describe_syntax_error(valid, "strange " * 100, PREDECLARED)
    assert len(cut) == 200 and cut.endswith("…")


def test_an_update_is_still_refused_not_described() -> None:
    with pytest.raises(QueryError, match="SPARQL Update is not allowed"):
        run_query(Store(), "INSERT DATA { <http://a> <http://b> <http://c> }")


SPARQL_BITS = st.sampled_from(
    ["SELECT", "SELEC", "*", "?s", "?p", "?o", "{", "}", "(", ")", ".", ";", "FILTER", "WHERE", "LIMIT", "3",
     '"周鸿祎"', "'x", "<http://x/>", "<a b>", "schema:name", "foo:x", "# c\n", "\n", "ORDER BY", "AS", "COUNT"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(SPARQL_BITS, max_size=12).map(" ".join) | st.text(max_size=40))
def test_any_refused_text_gets_one_short_line(query: str) -> None:
    try:
        Store().query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        message = describe_syntax_error(query, str(err), PREDECLARED)
        assert SHORT.fullmatch(message), message
        assert "\\u{" not in message and "[_]" not in message
