"""How fast graph.html becomes usable for a large graph.

Generates a synthetic news graph (organizations as hubs, people holding roles
in them, models made by them, places, quotations, a few hundred articles),
renders it with ``graph.outputs.view.page.render_html``, opens the file in headless
Chromium (Debian's /usr/bin/chromium through Playwright, no network) and
prints, per run:

- render: seconds to build the page in Python (layout included);
- first paint / first contentful paint: the browser's paint timing entries;
- drawn: ``window.__kgReadyAt``, set on vis-network's first ``afterDrawing``
  once the layout is final (physics settled, or off from the start);
- wall: seconds from navigation to that point, seen from Python.

Usage::

    python bench/html_first_paint.py                 # 5,000 entities
    python bench/html_first_paint.py --entities 1000 --runs 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import (
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
from graph.outputs.view.page import PRECOMPUTED_LAYOUT_ABOVE, write_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华鹏飞宇浩然思远志鸿博文晨曦子轩雨"
    "涵梓萱一诺欣怡建国海峰"
)
ORG_WORDS = ("科技", "智能", "数据", "云计算", "芯片", "机器人", "研究院", "集团", "实验室", "网络")
ROLES = ("董事长", "总裁", "首席执行官", "首席技术官", "创始人", "副总裁", "研究员", "总经理", "首席科学家",
         "委员")
PLACES = ("北京", "上海", "深圳", "杭州", "广州", "成都", "南京", "武汉", "西安", "苏州", "香港", "台北", "新加坡",
          "硅谷")


def synthetic_graph(n_entities: int, *, n_articles: int = 300, seed: int = 2024) -> KnowledgeGraph:
    """A news-like graph of ``n_entities`` entities: 10% organizations, 60% people, 20% models, 10% places."""
    rng = random.Random(seed)
    counts = {
        EntityType.ORGANIZATION: max(1, n_entities // 10),
        EntityType.SOFTWARE: n_entities // 5,
        EntityType.PLACE: n_entities // 10,
    }
    counts[EntityType.PERSON] = n_entities - sum(counts.values())
    names: dict[EntityType, list[str]] = {
        EntityType.ORGANIZATION: [
            f"{PLACES[i % len(PLACES)]}{rng.choice(ORG_WORDS)}{i}号" for i in range(counts[EntityType.ORGANIZATION])
        ],
        EntityType.SOFTWARE: [f"模型-{i:04d}" for i in range(counts[EntityType.SOFTWARE])],
        EntityType.PLACE: [f"{PLACES[i % len(PLACES)]}{i}区" for i in range(counts[EntityType.PLACE])],
        EntityType.PERSON: [
            f"{rng.choice(SURNAMES)}{rng.choice(GIVEN)}{rng.choice(GIVEN)}{i}" for i in range(counts[EntityType.PERSON])
        ],
    }
    entities = {
        t: [Entity(f"{t.value.lower()}/{name}", t, name) for name in type_names] for t, type_names in names.items()
    }
    orgs = entities[EntityType.ORGANIZATION]
    # Few big hubs, many small ones, as in the news.
    hub_weights = [1 / (rank + 1) for rank in range(len(orgs))]

    # (predicate or None for a bare mention, subject, object, role, sentence)
    statements: list[tuple[Predicate | None, Entity, Entity | None, str | None, str]] = []
    for person in entities[EntityType.PERSON]:
        for org in rng.choices(orgs, hub_weights, k=rng.choice((1, 1, 2))):
            role = rng.choice(ROLES)
            statements.append((Predicate.MEMBERSHIP, person, org, role, f"{org.label}{role}{person.label}出席了发布会。"))
        if rng.random() < 0.3:
            quote = f"人工智能将改变第{rng.randrange(1, 99)}个行业。"
            statements.append((Predicate.QUOTATION, person, None, None, f"{person.label}表示：“{quote}”"))
    for model in entities[EntityType.SOFTWARE]:
        org = rng.choices(orgs, hub_weights)[0]
        statements.append((Predicate.CREATOR, model, org, None, f"{org.label}发布了{model.label}。"))
    for org in orgs:
        if rng.random() < 0.5:
            place = rng.choice(entities[EntityType.PLACE])
            statements.append((Predicate.LOCATED_IN, org, place, None, f"{org.label}总部位于{place.label}。"))

    by_article: list[list[tuple[Predicate | None, Entity, Entity | None, str | None, str]]] = [
        [] for _ in range(n_articles)
    ]
    for statement in statements:
        by_article[rng.randrange(n_articles)].append(statement)
    # Every entity is met in some article, even where no fact names it (a mention without a fact).
    named = {s[1].entity_id for s in statements} | {s[2].entity_id for s in statements if s[2] is not None}
    for entity in (e for type_entities in entities.values() for e in type_entities):
        if entity.entity_id not in named:
            by_article[rng.randrange(n_articles)].append((None, entity, None, None, f"（{entity.label}）"))
    return KnowledgeGraph.from_results(_article(i, items, rng) for i, items in enumerate(by_article) if items)


def _article(index: int, items, rng: random.Random) -> ArticleResult:
    text = "".join(sentence for *_, sentence in items)
    article = Article(Article.id_for(text), f"synthetic/{index:04d}.txt", text, "utf-8",
                      ArticleMeta(headline=f"人工智能产业观察第{index}期", date="2024-05-01"))
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    facts: list[Fact] = []
    offset = 0
    for predicate, subject, obj, role, sentence in items:
        span = TextSpan(offset, offset + len(sentence))
        evidence = []
        for entity in (subject, obj):
            if entity is None:
                continue
            start = text.index(entity.label, offset)
            mention = Mention(article.article_id, start, start + len(entity.label), entity.label,
                              entity.entity_type, "synthetic", entity.entity_id)
            entities[entity.entity_id] = entity
            mentions.append(mention)
            evidence.append(mention)
        if predicate is not None:
            quote = sentence.split("“", 1)[1].rstrip("”") if predicate is Predicate.QUOTATION else None
            facts.append(Fact(predicate, subject.entity_id, obj.entity_id if obj else None, article.article_id, span,
                              tuple(evidence), "synthetic", round(rng.uniform(0.5, 1.0), 2), role=role, text=quote))
        offset += len(sentence)
    return ArticleResult(article, "zh-Hans", tuple(entities.values()), tuple(mentions), tuple(facts))


def measure(path: Path, *, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 850})
            page = context.new_page()
            requests: list[str] = []
            page.route("**/*", lambda route, request, requests=requests: route.continue_() if request.url == url
                       else (requests.append(request.url), route.abort()))
            started = time.perf_counter()
            page.goto(url)
            # A function, not a bare expression: the page's CSP refuses the string evaluation of one.
            page.wait_for_function("() => window.__kgReady === true", polling=10, timeout=600_000)
            wall = time.perf_counter() - started
            timings = page.evaluate(
                """() => {
                    const paint = Object.fromEntries(
                        performance.getEntriesByType("paint").map(e => [e.name, e.startTime]));
                    const nav = performance.getEntriesByType("navigation")[0];
                    return {
                        first_paint: paint["first-paint"], first_contentful_paint: paint["first-contentful-paint"],
                        dom_content_loaded: nav.domContentLoadedEventEnd, drawn: window.__kgReadyAt,
                        nodes: kgNetwork.body.data.nodes.length, physics: kgNetwork.physics.options.enabled,
                    };
                }"""
            )
            if requests:
                raise SystemExit(f"the page asked for {requests}")
            results.append({**timings, "wall": wall * 1000})
            context.close()
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = parser.parse_args(argv)

    kg = synthetic_graph(args.entities)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"graph-{args.entities}.html"
    started = time.perf_counter()
    write_html(kg, path, title=f"合成图谱 {args.entities}")
    render_s = time.perf_counter() - started
    edges = len({(f.subject_id, f.predicate, f.object_id, f.role) for f in kg.facts if f.object_id})
    precomputed = len(kg.entities) > PRECOMPUTED_LAYOUT_ABOVE
    layout = "computed in Python (graph.outputs.view.layout), physics off" if precomputed else "vis-network physics, then off"
    print(f"entities {len(kg.entities)}  edges ~{edges}  facts {len(kg.facts)}  articles {len(kg.articles)}")
    print(f"layout: {layout}")
    print(f"render + write: {render_s:.2f} s  page: {path.stat().st_size / 1e6:.1f} MB  ({path})")

    runs = measure(path, runs=args.runs)
    print(f"{'run':>4} {'first paint':>12} {'FCP':>8} {'DOMContentLoaded':>17} {'drawn':>8} {'wall':>8}  (ms)")
    for i, r in enumerate(runs, 1):
        print(f"{i:>4} {r['first_paint']:>12.0f} {r['first_contentful_paint']:>8.0f} {r['dom_content_loaded']:>17.0f}"
              f" {r['drawn']:>8.0f} {r['wall']:>8.0f}")
    print(f"median drawn {statistics.median(r['drawn'] for r in runs):.0f} ms; nodes drawn {runs[0]['nodes']};"
          f" physics {'on' if runs[0]['physics'] else 'off'} when drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
