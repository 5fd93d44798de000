"""A small build folder for the SPARQL tests, written by the real RDF writer.

The two articles of tests/rdf_samples.py plus a third, Simplified one in
which 张鹏 of 智谱AI is quoted about Sora, so every bundled query has a
known answer: OpenAI and Sora are the only pair mentioned in two articles,
Sora has one quotation about it (周鸿祎's quotation is not about a model).
"""

from __future__ import annotations

from pathlib import Path

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import ArticleMeta, ArticleResult, Entity, EntityType, Predicate
from graph.rdf.files import write_nquads, write_trig, write_turtle
from tests.rdf_samples import (
    OPENAI,
    SIMPLIFIED_TEXT,
    SORA,
    ArticleBuilder,
    sample_results,
)

ZHANG = Entity("person/张鹏", EntityType.PERSON, "张鹏")
ZHIPU = Entity("organization/智谱ai", EntityType.ORGANIZATION, "智谱AI", lexicon_id="zhipu")

SORA_TEXT = "OpenAI发布的视频大模型Sora引发热议。智谱AI首席执行官张鹏表示，“Sora确实令人惊艳”。"
SORA_QUOTE = "Sora确实令人惊艳"
SORA_SOURCE = "seeds/900_sora_quote.txt"
SORA_HEADLINE = "Sora引发热议"

LIU_SENTENCE = "今年全国“两会”，全国人大代表、科大讯飞董事长刘庆峰带来了一份沉甸甸的建议。"
LIU_SOURCE = "seeds/001_073fffdf9d60567d.txt"

SAMPLE_HTML = "<!doctype html><html><head><meta charset=utf-8><title>图谱</title></head><body>周鸿祎</body></html>\n"


def sora_article() -> ArticleResult:
    b = ArticleBuilder(SORA_TEXT, "zh-Hans", SORA_SOURCE, ArticleMeta(headline=SORA_HEADLINE))
    openai = b.mention(OPENAI, "OpenAI")
    sora = b.mention(SORA, "Sora")
    zhipu = b.mention(ZHIPU, "智谱AI")
    zhang = b.mention(ZHANG, "张鹏", rule="tagger")
    b.fact(Predicate.CREATOR, sora, openai, "OpenAI发布的视频大模型Sora引发热议。", "org-release-model", 0.8)
    said = "智谱AI首席执行官张鹏表示，“Sora确实令人惊艳”。"
    b.fact(Predicate.MEMBERSHIP, zhang, zhipu, said, "org-role-person", 0.9, role="首席执行官")
    b.fact(Predicate.QUOTATION, zhang, None, said, "speaker-verb", 0.8, text=SORA_QUOTE)
    return b.result()


def sample_kg() -> KnowledgeGraph:
    return KnowledgeGraph.from_results([*sample_results(), sora_article()])


def write_sample_build(out: Path) -> Path:
    """A build folder like ``kg build`` writes (graph.nq, graph.trig, graph.ttl, graph.html) in ``out``."""
    kg = sample_kg()
    write_nquads(kg, out / "graph.nq")
    write_trig(kg, out / "graph.trig")
    write_turtle(kg, out / "graph.ttl")
    (out / "graph.html").write_text(SAMPLE_HTML, encoding="utf-8")
    return out


def liu_sentence_offsets() -> tuple[int, int]:
    begin = SIMPLIFIED_TEXT.index(LIU_SENTENCE)
    return begin, begin + len(LIU_SENTENCE)


# Malformed queries and the whole message kg query and the endpoint give (after "malformed SPARQL query: "):
# where (line, column) and what, in one short line, never the parser's list of character ranges.
MALFORMED_QUERIES: list[tuple[str, str]] = [
    ("SELEC * WHERE {", "line 1, column 1: unknown keyword SELEC (expected SELECT, CONSTRUCT, DESCRIBE or ASK)"),
    (
        "SELECT ?p WHERE {\n  ?p foo:name ?n }",
        "line 2, column 6: unknown prefix foo: (declare it with PREFIX foo: <IRI>)",
    ),
    ("SELECT * WHERE { ?s ?p ?o ", "line 1, column 16: { is never closed (missing })"),
    ('ASK { ?p rdfs:label "周鸿祎 }', 'line 1, column 21: the string that starts here has no closing "'),
    ("SELECT * WHER { ?s ?p ?o }", "line 1, column 10: unknown keyword WHER (did you mean WHERE?)"),
    (
        "SELECT ?p { ?p schema:name 周鸿祎 }",
        'line 1, column 28: unknown keyword 周鸿祎 (a name goes in quotes: "周鸿祎")',
    ),
    (
        "SELECT * { ?s ?p ?o FILTER(regexx(?o, 'a')) }",
        "line 1, column 28: unknown function regexx (did you mean REGEX?)",
    ),
    (
        "SELECT * { ?s <name> ?o }",
        "line 1, column 15: relative IRI <name>: write it whole (<https://...>) or declare a BASE",
    ),
    ("SELECT * { ?s ?p ?o . FILTER(?o > 3 }", "line 1, column 37: } closes the ( of line 1, column 29 (expected ))"),
    ("SELECT * { ?s ?p ?o } LIMIT", "line 1, column 23: LIMIT needs a whole number, like LIMIT 10"),
    # Nothing the tokens show: Oxigraph's own position and expected tokens, without its character classes.
    ("SELECT * WHERE ?s ?p ?o }", "line 1, column 16: syntax error near '?s' (expected one of {, DISTINCT)"),
]
