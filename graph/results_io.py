"""Per-article results as JSON lines: the build's machine-readable record.

``kg build`` writes ``results.jsonl`` (one ``ArticleResult`` a line, sorted by
article id) next to the RDF. Exports, the HTML view and ``--update`` read it
back instead of re-running extraction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graph.errors import BuildNotFoundError
from graph.knowledge import KnowledgeGraph
from graph.model import (
    Alias,
    Article,
    ArticleMeta,
    ArticleResult,
    Entity,
    EntityType,
    Fact,
    Mention,
    Predicate,
    TextSpan,
)

RESULTS_FILE = "results.jsonl"


def _mention_to_dict(m: Mention) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "type": m.entity_type.value,
        "rule": m.rule,
        "entity": m.entity_id,
    }


def _mention_from_dict(article_id: str, d: dict[str, Any]) -> Mention:
    return Mention(
        article_id=article_id,
        start=d["start"],
        end=d["end"],
        surface=d["surface"],
        entity_type=EntityType(d["type"]),
        rule=d["rule"],
        entity_id=d["entity"],
    )


def result_to_dict(result: ArticleResult) -> dict[str, Any]:
    a = result.article
    meta = a.meta
    return {
        "article": {
            "id": a.article_id,
            "source": a.source,
            "encoding": a.encoding,
            "text": a.text,
            "meta": {
                "headline": meta.headline,
                "url": meta.url,
                "date": meta.date,
                "publisher": meta.publisher,
                "authors": list(meta.authors),
                "keywords": list(meta.keywords),
                "summary": meta.summary,
            },
        },
        "language": result.language,
        "entities": [
            {
                "id": e.entity_id,
                "type": e.entity_type.value,
                "label": e.label,
                "aliases": [[al.text, al.reason] for al in e.aliases],
                "parent": e.parent_id,
                "lexicon": e.lexicon_id,
            }
            for e in result.entities
        ],
        "mentions": [_mention_to_dict(m) for m in result.mentions],
        "facts": [
            {
                "predicate": f.predicate.value,
                "subject": f.subject_id,
                "object": f.object_id,
                "sentence": [f.sentence.start, f.sentence.end],
                "evidence": [_mention_to_dict(m) for m in f.evidence],
                "rule": f.rule,
                "confidence": f.confidence,
                "role": f.role,
                "former": f.former,
                "text": f.text,
            }
            for f in result.facts
        ],
        "problems": list(result.problems),
    }


def result_from_dict(d: dict[str, Any]) -> ArticleResult:
    a = d["article"]
    m = a["meta"]
    article = Article(
        article_id=a["id"],
        source=a["source"],
        text=a["text"],
        encoding=a["encoding"],
        meta=ArticleMeta(
            headline=m["headline"],
            url=m["url"],
            date=m["date"],
            publisher=m["publisher"],
            authors=tuple(m["authors"]),
            keywords=tuple(m["keywords"]),
            summary=m["summary"],
        ),
    )
    aid = article.article_id
    return ArticleResult(
        article=article,
        language=d["language"],
        entities=tuple(
            Entity(
                entity_id=e["id"],
                entity_type=EntityType(e["type"]),
                label=e["label"],
                aliases=tuple(Alias(t, r) for t, r in e["aliases"]),
                parent_id=e["parent"],
                lexicon_id=e["lexicon"],
            )
            for e in d["entities"]
        ),
        mentions=tuple(_mention_from_dict(aid, x) for x in d["mentions"]),
        facts=tuple(
            Fact(
                predicate=Predicate(f["predicate"]),
                subject_id=f["subject"],
                object_id=f["object"],
                article_id=aid,
                sentence=TextSpan(*f["sentence"]),
                evidence=tuple(_mention_from_dict(aid, x) for x in f["evidence"]),
                rule=f["rule"],
                confidence=f["confidence"],
                role=f["role"],
                former=f["former"],
                text=f["text"],
            )
            for f in d["facts"]
        ),
        problems=tuple(d["problems"]),
    )


def dump_result(result: ArticleResult) -> str:
    """One JSON line (no trailing newline), keys sorted for byte-stable output."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def write_results(results: Iterable[ArticleResult], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for result in sorted(results, key=lambda r: r.article.article_id):
            fh.write(dump_result(result))
            fh.write("\n")


def iter_results(path: Path) -> Iterator[ArticleResult]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield result_from_dict(json.loads(line))


def load_knowledge_graph(build_dir: Path) -> KnowledgeGraph:
    """The graph of a build folder made by ``kg build``."""
    path = Path(build_dir) / RESULTS_FILE
    if not path.is_file():
        raise BuildNotFoundError(f"{build_dir} is not a build folder (no {RESULTS_FILE}); run `kg build` first")
    return KnowledgeGraph.from_results(iter_results(path))
