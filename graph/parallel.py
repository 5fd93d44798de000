"""Per-article extraction in one process or several, in input order.

Each worker process loads the spaCy pipeline once (in the pool initializer)
and then extracts the articles it is sent. Articles are submitted through a
bounded window, so a large input is streamed rather than queued whole, and
results come back in the order the articles were read: the build is the same
whatever the number of processes.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from itertools import chain
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from graph.model import Article, ArticleResult
from graph.reading import Problem

# Articles in flight per worker: enough to keep every worker busy while the
# parent writes results, few enough to keep memory flat.
WINDOW_PER_JOB = 8

MAX_REASON = 300  # characters of an error message kept in the problems report

_worker_extractor = None  # one per worker process, made by _load_extractor


def extract_article(extractor: object, article: Article) -> ArticleResult | Problem:
    """``extractor.extract(article)``, or a Problem naming the article if it fails.

    One article that trips an extraction bug must not lose the whole build.
    """
    try:
        return extractor.extract(article)  # type: ignore[attr-defined, no-any-return]
    except Exception as err:  # noqa: BLE001  (reported per article, build goes on)
        message = str(err)
        if len(message) > MAX_REASON:  # some errors quote the whole article
            message = message[:MAX_REASON] + "…"
        return Problem(article.source, f"extraction failed: {type(err).__name__}: {message}")


def extract_sequentially(articles: Iterable[Article], *, segmenter: str = "pkuseg") -> Iterator[ArticleResult | Problem]:
    """Extract in this process, loading the pipeline once."""
    from graph.extract.article import ArticleExtractor

    extractor = None  # loaded at the first article: an update that reuses everything never pays for it
    for article in articles:
        if extractor is None:
            extractor = ArticleExtractor(segmenter=segmenter)
        yield extract_article(extractor, article)


def _load_extractor(segmenter: str) -> None:
    global _worker_extractor
    from graph.extract.article import ArticleExtractor

    _worker_extractor = ArticleExtractor(segmenter=segmenter)


def _extract_in_worker(article: Article) -> ArticleResult | Problem:
    return extract_article(_worker_extractor, article)


def extract_in_processes(
    articles: Iterable[Article], jobs: int, *, segmenter: str = "pkuseg"
) -> Iterator[ArticleResult | Problem]:
    """Extract with ``jobs`` worker processes; results in input order."""
    remaining = iter(articles)
    first = next(remaining, None)
    if first is None:
        return  # nothing to extract: start no workers
    # spawn, not fork: workers start clean, without the parent's threads or locks.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=jobs, initializer=_load_extractor, initargs=(segmenter,)) as pool:
        pending: deque[AsyncResult[ArticleResult | Problem]] = deque()
        for article in chain((first,), remaining):
            pending.append(pool.apply_async(_extract_in_worker, (article,)))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
