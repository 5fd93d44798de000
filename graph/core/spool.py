"""Per-article results as JSON lines: the build's machine-readable record.

``kg build`` writes ``results.jsonl`` (one ``ArticleResult`` a line, sorted by
article id) next to the RDF. Exports, the HTML view and ``--update`` read it
back instead of re-running extraction.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graph.core.atomic import atomic_file
from graph.core.errors import BuildNotFoundError
from graph.core.knowledge import KnowledgeGraph
from graph.core.records import (
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


_ARTICLE_ID = re.compile(r'^\{"article":\{"encoding":"[^"]*","id":"([^"]+)"')


def _article_id_of(line: str) -> str:
    # Keys are sorted, so the article's id comes first: no need to parse the whole line.
    match = _ARTICLE_ID.match(line)
    return match.group(1) if match else str(json.loads(line)["article"]["id"])


class ResultLines:
    """The lines of a ``results.jsonl``, indexed by article id and read one at a
    time, so a previous build can be reused without holding it in memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._index: dict[str, tuple[int, int]] = {}
        if path is None or not path.is_file():
            return
        offset = 0
        with path.open("rb") as fh:
            for raw in fh:
                if raw.strip():
                    self._index[_article_id_of(raw.decode("utf-8"))] = (offset, len(raw))
                offset += len(raw)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def line(self, article_id: str) -> str:
        """The JSON line of one article, without its newline."""
        assert self.path is not None
        offset, size = self._index[article_id]
        with self.path.open("rb") as fh:
            fh.seek(offset)
            return fh.read(size).decode("utf-8").rstrip("\n")


class ResultSpool:
    """Results written to a temporary file as they arrive, then read back one
    at a time in article-id order: a build never holds every result at once.

    A context manager; the temporary file (``.results.<pid>.<hex>.spool.tmp``
    in the output folder) is removed on exit.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / f".results.{os.getpid()}.{secrets.token_hex(4)}.spool.tmp"
        self._file = self.path.open("xb")
        self._index: dict[str, tuple[int, int]] = {}
        self._offset = 0

    def __enter__(self) -> ResultSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()
        self.path.unlink(missing_ok=True)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def add(self, result: ArticleResult) -> None:
        self.add_line(result.article.article_id, dump_result(result))

    def add_line(self, article_id: str, line: str) -> None:
        """A result as its JSON line (a reused one needs no parsing); the first of an id wins."""
        if article_id in self._index:
            return
        raw = (line + "\n").encode("utf-8")
        self._file.write(raw)
        self._index[article_id] = (self._offset, len(raw))
        self._offset += len(raw)

    def ids(self) -> list[str]:
        return sorted(self._index)

    def _raw_lines(self, ids: Iterable[str]) -> Iterator[bytes]:
        self._file.flush()
        with self.path.open("rb") as fh:
            for article_id in ids:
                offset, size = self._index[article_id]
                fh.seek(offset)
                yield fh.read(size)

    def results(self, ids: Iterable[str] | None = None) -> Iterator[ArticleResult]:
        """The results, by article id (or those of ``ids``, in that order)."""
        for raw in self._raw_lines(self.ids() if ids is None else ids):
            yield result_from_dict(json.loads(raw))

    def write_sorted(self, path: Path) -> None:
        """``results.jsonl``, sorted by article id, written whole and renamed into place."""
        with atomic_file(path) as tmp, tmp.open("xb") as out:
            for raw in self._raw_lines(self.ids()):
                out.write(raw)
            out.flush()
            os.fsync(out.fileno())
