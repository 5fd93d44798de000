"""Short SPARQL syntax error messages: where (line, column) and what.

Oxigraph's parser is a PEG: on a syntax error it reports the furthest
position it reached and every token it could have accepted there, character
classes included ("expected one of Prefix not found, ['%'], ['-' | '0' ..=
'9' | '\\u{00B7}' ..."), and that position is often past the real mistake
("SELEC * WHERE {" fails "at 1:10: expected CONSTRUCT"). A person wants the
place and the cause. So the query is tokenized here (strings, IRIs, comments
and variables skipped as such) and the common mistakes are named at their
own token: an unknown query form, an unknown keyword or function, an
undeclared prefix, an unclosed string or bracket. Only a mistake that starts
at or before Oxigraph's position is trusted (the parser stops at the first
error); otherwise Oxigraph's position is kept and its list of expected
tokens is shortened to what a person can type.

>>> describe_syntax_error("SELEC * WHERE {", "error at 1:10: expected CONSTRUCT", frozenset())
'line 1, column 1: unknown keyword SELEC (expected SELECT, CONSTRUCT, DESCRIBE or ASK)'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_EXPECTED_FORM = "expected SELECT, CONSTRUCT, DESCRIBE or ASK"

# Every bare word SPARQL 1.1 (query and update) knows, and the SPARQL 1.2 /
# Oxigraph extensions its parser accepts. Anything else outside strings,
# IRIs and prefixed names is a typo.
KEYWORDS = frozenset(
    """
    BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE GROUP BY HAVING
    ORDER ASC DESC LIMIT OFFSET VALUES UNDEF OPTIONAL GRAPH SERVICE SILENT BIND MINUS FILTER UNION
    NOT IN EXISTS TRUE FALSE A
    LOAD CLEAR DROP CREATE ADD MOVE COPY INSERT DELETE DATA WITH USING DEFAULT ALL INTO TO
    COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE
    LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES
    SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT
    SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE
    LATERAL TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE LANGDIR HASLANG HASLANGDIR STRLANGDIR ADJUST VERSION
    """.split()
)

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<badiri><(?=[A-Za-z][A-Za-z0-9+.-]*:)[^<>\n]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<unclosed>\"\"\"|'''|["'])
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<var>[?$][^\W]+)
    | (?P<bnode>_:[\w.-]*)
    | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:.-]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])*)
    | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    | (?P<word>[^\W\d]\w*)
    | (?P<punct>\^\^|\|\||&&|!=|<=|>=|[{}()\[\];,.*+\-/!=<>^|?])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OPENING = {"{": "}", "(": ")", "[": "]"}
_CLOSING = {close: open_ for open_, close in _OPENING.items()}
_ORIGIN = re.compile(r"error at (\d+):(\d+): (?:expected )?(.*)", re.DOTALL)
_ABSOLUTE_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")
# A character class of the grammar ("['0' ..= '9' | ...]", "[_]" for any character): noise to a reader.
_CHAR_CLASS = re.compile(r"""\[(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\]'"])*\]""")
_EXPECTED_ITEM = re.compile(r"""\s*(?:"(?:[^"\\]|\\.)*"|[^,]+)""")
# SPARQL 1.2 annotation syntax: listed by the parser after a triple, never what a person forgot.
_NOISE = frozenset({'"{|"', '"|}"', '"~"'})
_SHOWN_EXPECTED = 8
_SHOWN_TEXT = 24
_LONGEST = 200


@dataclass(frozen=True)
class Token:
    """One lexical token of a query: its kind (a group of ``_TOKEN``), text and character offset."""

    kind: str
    text: str
    start: int


def tokenize(query: str) -> Iterator[Token]:
    """The tokens of ``query``, spaces and comments left out; never fails (unknown characters are ``other``)."""
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        assert match is not None and match.lastgroup is not None  # ``other`` matches any character
        kind, text = match.lastgroup, match.group()
        if kind == "pname" and text.endswith("."):
            # A prefixed name does not end with a dot: "ex:a." is "ex:a" then ".".
            text = text.rstrip(".")
        if kind not in ("space", "comment"):
            yield Token(kind, text, position)
        position += len(text)


def line_and_column(query: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``query``."""
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def _offset(query: str, line: int, column: int) -> int:
    """The character offset of a 1-based (line, column), clamped to the query."""
    start = 0
    for _ in range(line - 1):
        found = query.find("\n", start)
        if found < 0:
            return len(query)
        start = found + 1
    return min(start + max(column - 1, 0), len(query))


def _shown(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _SHOWN_TEXT else one_line[: _SHOWN_TEXT - 1] + "…"


@dataclass(frozen=True)
class _Mistake:
    start: int
    message: str


def _unknown_word(token: Token, following: Token | None) -> str:
    kind = "function" if following is not None and following.text == "(" else "keyword"
    close = difflib.get_close_matches(token.text.upper(), KEYWORDS, n=1, cutoff=0.75)
    if close:
        return f"unknown {kind} {token.text} (did you mean {close[0]}?)"
    if not token.text.isascii():
        return f'unknown {kind} {token.text} (a name goes in quotes: "{token.text}")'
    return f"unknown {kind} {token.text}"


def _token_mistake(token: Token, following: Token | None, declared: set[str], has_base: bool) -> str | None:
    """What is wrong with one token by itself (an IRI, a string, a word, a prefixed name), or None."""
    if token.kind == "badiri":
        return f"invalid IRI {_shown(token.text)}: no spaces, quotes or {{}}|^`\\ in an IRI"
    if token.kind == "iri" and not has_base and not _ABSOLUTE_IRI.match(token.text):
        return f"relative IRI {_shown(token.text)}: write it whole (<https://...>) or declare a BASE"
    if token.kind == "unclosed":
        return f"the string that starts here has no closing {token.text}"
    if token.kind == "word" and token.text.upper() not in KEYWORDS:
        return _unknown_word(token, following)
    if (
        token.kind == "word"
        and token.text.upper() in ("LIMIT", "OFFSET")
        and (following is None or following.kind != "number")
    ):
        return f"{token.text.upper()} needs a whole number, like {token.text.upper()} 10"
    if token.kind == "pname":
        prefix = token.text.split(":", 1)[0]
        if prefix != "_" and prefix not in declared:
            return f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <IRI>)"
    return None


def _bracket_mistake(query: str, token: Token, open_brackets: list[Token]) -> str | None:
    """Track ``token`` on the stack of open brackets; what is wrong when it closes the wrong one."""
    if token.text in _OPENING:
        open_brackets.append(token)
    elif token.text in _CLOSING:
        if not open_brackets:
            return f"{token.text} closes nothing"
        opened = open_brackets.pop()
        if _OPENING[opened.text] != token.text:
            line, column = line_and_column(query, opened.start)
            expected = _OPENING[opened.text]
            return f"{token.text} closes the {opened.text} of line {line}, column {column} (expected {expected})"
    return None


def _first_mistake(query: str, prefixes: frozenset[str]) -> _Mistake | None:
    """The first mistake, in reading order, that the tokens show by themselves, or None."""
    tokens = [t for t in tokenize(query) if t.kind != "langtag"]
    declared = set(prefixes)
    has_base = any(t.kind == "word" and t.text.upper() == "BASE" for t in tokens)
    index = 0
    # The prologue (BASE <iri>, PREFIX p: <iri>), then the query form.
    while index < len(tokens) and tokens[index].text.upper() in ("BASE", "PREFIX"):
        width = 3 if tokens[index].text.upper() == "PREFIX" else 2
        for token in tokens[index + 1 : index + width]:
            if token.kind in ("iri", "badiri"):
                problem = _token_mistake(token, None, declared, has_base)
                if problem:
                    return _Mistake(token.start, problem)
        if width == 3 and index + 1 < len(tokens) and tokens[index + 1].kind == "pname":
            declared.add(tokens[index + 1].text.split(":", 1)[0])
        index += width
    if index >= len(tokens):
        what = "no query after the prologue" if tokens else "empty query"
        return _Mistake(len(query), f"{what} ({_EXPECTED_FORM})")
    form = tokens[index]
    if form.kind == "word" and form.text.upper() not in QUERY_FORMS:
        return _Mistake(form.start, f"unknown keyword {form.text} ({_EXPECTED_FORM})")
    if form.kind != "word":
        return _Mistake(form.start, f"{_EXPECTED_FORM}, not {_shown(form.text)}")
    open_brackets: list[Token] = []
    for position in range(index, len(tokens)):
        token = tokens[position]
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        problem = _token_mistake(token, following, declared, has_base) or _bracket_mistake(query, token, open_brackets)
        if problem:
            return _Mistake(token.start, problem)
    if open_brackets:
        opened = open_brackets[-1]
        return _Mistake(opened.start, f"{opened.text} is never closed (missing {_OPENING[opened.text]})")
    return None


# First characters of a kind of term, as the parser lists them: named as the term.
_TERM_STARTS = {"?": "a variable", "$": "a variable", "<": "an IRI", ":": "an IRI", '"': "a literal",
                "'": "a literal", '"""': "a literal", "'''": "a literal"}  # fmt: skip
_FUNCTIONS = frozenset(
    """
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE
    ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS
    TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI
    ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT
    EXISTS NOT TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE LANGDIR HASLANG HASLANGDIR STRLANGDIR ADJUST
    """.split()
)


def _expected(listing: str) -> tuple[list[str], list[str]]:
    """Oxigraph's expected tokens as a person reads them, and its own explanations (phrases with spaces).

    Character classes go; the first characters of a term are named as the
    term ("a variable" for ``$`` and ``?``); a list of function names is "an
    expression".
    """
    listing = listing.removeprefix("one of ")
    tokens: list[str] = []
    explanations: list[str] = []
    for match in _EXPECTED_ITEM.finditer(_CHAR_CLASS.sub("", listing)):
        item = match.group().strip()
        if not item or item in _NOISE:
            continue
        if " " in item and not item.startswith('"'):
            explanations.append(item)
            continue
        text = item[1:-1].replace('\\"', '"').replace("\\\\", "\\") if item.startswith('"') else item
        tokens.append(_TERM_STARTS.get(text, text))
    if sum(token.upper() in _FUNCTIONS for token in tokens) >= 3:
        tokens = [token for token in tokens if token.upper() not in _FUNCTIONS] + ["an expression"]
    return list(dict.fromkeys(tokens)), explanations


def _found_at(query: str, offset: int) -> Token | None:
    """The token at ``offset``, or the next one after it; None at the end of the query."""
    for token in tokenize(query):
        if token.start + len(token.text) > offset:
            return token
    return None


def _from_parser(query: str, message: str) -> str:
    """Oxigraph's own message, at the token of its position, shortened."""
    origin = _ORIGIN.match(message.strip())
    if origin is None:  # not the parser's usual form: its text, on one line, at most _LONGEST characters
        one_line = " ".join(message.split())
        return one_line if len(one_line) <= _LONGEST else one_line[: _LONGEST - 1] + "…"
    line, column, listing = int(origin.group(1)), int(origin.group(2)), origin.group(3)
    found = _found_at(query, _offset(query, line, column))
    offset = found.start if found is not None else len(query)
    where = "line {}, column {}: ".format(*line_and_column(query, offset))
    tokens, explanations = _expected(listing)
    if "IRI parsing failed" in explanations:
        return where + "invalid IRI (an IRI is absolute, like <https://schema.org/name>, with no spaces)"
    if "Prefix not found" in explanations:
        return where + "unknown prefix (declare it with PREFIX p: <IRI>)"
    if explanations:
        text = explanations[0]
        return where + text[0].lower() + text[1:]
    # "near": a PEG parser stops at the furthest point it reached, at or after the mistake.
    near = "end of query" if found is None else f"'{_shown(found.text)}'"
    if not tokens:
        return where + f"syntax error near {near}"
    listed = ", ".join(tokens[:_SHOWN_EXPECTED]) + (", …" if len(tokens) > _SHOWN_EXPECTED else "")
    return where + f"syntax error near {near} (expected {'one of ' if len(tokens) > 1 else ''}{listed})"


def describe_syntax_error(query: str, message: str, prefixes: frozenset[str]) -> str:
    """``line L, column C: what`` for a query Oxigraph refused with ``message``.

    ``prefixes`` are the predeclared prefix names (the query's own ``PREFIX``
    lines are read here). A mistake found in the tokens is reported only if
    it starts at or before the parser's position; else the parser's message,
    shortened.
    """
    origin = _ORIGIN.match(message.strip())
    limit = _offset(query, int(origin.group(1)), int(origin.group(2))) if origin else len(query)
    mistake = _first_mistake(query, prefixes)
    if mistake is not None and mistake.start <= limit:
        line, column = line_and_column(query, mistake.start)
        return f"line {line}, column {column}: {mistake.message}"
    return _from_parser(query, message)
