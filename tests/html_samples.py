"""Small knowledge graphs for the HTML view's tests, built from graph.core.records records."""

from __future__ import annotations

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

ZHOU = "person/周鸿祎"
QIHOO = "organization/360集团"
SORA = "software/Sora"
OPENAI = "organization/OpenAI"
HOSTILE = "person/hostile"

HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">'
HOSTILE_ALIAS = "<script>window.__pwned=1</script>"
HOSTILE_QUOTE = "</script><script>window.__pwned=1</script>\u2028<b>粗体</b> & more"

SIMPLIFIED_TEXT = (
    "360集团创始人周鸿祎在发布会上表示：“大模型是新的工业革命。”"
    "他还说，360集团将继续投入人工智能研发。"
)
TRADITIONAL_TEXT = "OpenAI發布了影片生成模型Sora。周鴻禕評價說：“Sora讓人震撼。”"


def _span(text: str, surface: str, after: int = 0) -> tuple[int, int]:
    start = text.index(surface, after)
    return start, start + len(surface)


def _mention(article: Article, surface: str, entity_type: EntityType, entity_id: str, after: int = 0) -> Mention:
    start, end = _span(article.text, surface, after)
    return Mention(article.article_id, start, end, surface, entity_type, "test", entity_id)


def _sentence(text: str, containing: str) -> TextSpan:
    start, end = _span(text, containing)
    return TextSpan(start, end)


def _simplified_article() -> ArticleResult:
    text = SIMPLIFIED_TEXT
    article = Article(
        Article.id_for(text),
        "seeds/zhou.txt",
        text,
        "utf-8",
        ArticleMeta(headline="周鸿祎谈大模型", date="2024-03-01", publisher="测试日报"),
    )
    zhou = _mention(article, "周鸿祎", EntityType.PERSON, ZHOU)
    qihoo = _mention(article, "360集团", EntityType.ORGANIZATION, QIHOO)
    first_sentence = _sentence(text, "360集团创始人周鸿祎在发布会上表示：“大模型是新的工业革命。”")
    return ArticleResult(
        article=article,
        language="zh-Hans",
        entities=(
            Entity(ZHOU, EntityType.PERSON, "周鸿祎"),
            Entity(QIHOO, EntityType.ORGANIZATION, "360集团", (Alias("三六零", "lexicon"),), lexicon_id="qihoo360"),
        ),
        mentions=(zhou, qihoo, _mention(article, "360集团", EntityType.ORGANIZATION, QIHOO, after=qihoo.end)),
        facts=(
            Fact(Predicate.MEMBERSHIP, ZHOU, QIHOO, article.article_id, first_sentence, (zhou, qihoo),
                 "test-role", 0.92, role="创始人"),
            Fact(Predicate.QUOTATION, ZHOU, None, article.article_id, first_sentence, (zhou,),
                 "test-quote", 0.85, text="大模型是新的工业革命。"),
        ),
    )


def _traditional_article() -> ArticleResult:
    text = TRADITIONAL_TEXT
    article = Article(Article.id_for(text), "seeds/sora.html", text, "big5")  # no headline: source is shown
    openai = _mention(article, "OpenAI", EntityType.ORGANIZATION, OPENAI)
    sora = _mention(article, "Sora", EntityType.SOFTWARE, SORA)
    zhou = _mention(article, "周鴻禕", EntityType.PERSON, ZHOU)
    return ArticleResult(
        article=article,
        language="zh-Hant",
        entities=(
            Entity(OPENAI, EntityType.ORGANIZATION, "OpenAI", (Alias("Open AI", "lexicon"),), lexicon_id="openai"),
            Entity(SORA, EntityType.SOFTWARE, "Sora", lexicon_id="sora"),
            Entity(ZHOU, EntityType.PERSON, "周鸿祎", (Alias("周鴻禕", "script-variant"),)),
        ),
        mentions=(openai, sora, zhou),
        facts=(
            Fact(Predicate.CREATOR, SORA, OPENAI, article.article_id, _sentence(text, "OpenAI發布了影片生成模型Sora。"),
                 (sora, openai), "test-creator", 0.97),
            Fact(Predicate.QUOTATION, ZHOU, None, article.article_id,
                 _sentence(text, "周鴻禕評價說：“Sora讓人震撼。”"), (zhou,), "test-quote", 0.8, text="Sora讓人震撼。"),
        ),
    )


def _hostile_article() -> ArticleResult:
    text = f"据报道，{HOSTILE_NAME}加入了360集团，并说：“{HOSTILE_QUOTE}”"
    article = Article(Article.id_for(text), "seeds/<hostile>.txt", text, "utf-8", ArticleMeta(headline=HOSTILE_ALIAS))
    person = _mention(article, HOSTILE_NAME, EntityType.PERSON, HOSTILE)
    qihoo = _mention(article, "360集团", EntityType.ORGANIZATION, QIHOO)
    whole = TextSpan(0, len(text))
    return ArticleResult(
        article=article,
        language="zh-Hans",
        entities=(
            Entity(HOSTILE, EntityType.PERSON, HOSTILE_NAME, (Alias(HOSTILE_ALIAS, "spacing"),)),
            Entity(QIHOO, EntityType.ORGANIZATION, "360集团"),
        ),
        mentions=(person, qihoo),
        facts=(
            Fact(Predicate.MEMBERSHIP, HOSTILE, QIHOO, article.article_id, whole, (person, qihoo), "test-role", 0.5,
                 role=HOSTILE_ALIAS),
            Fact(Predicate.QUOTATION, HOSTILE, None, article.article_id, whole, (person,), "test-quote", 0.5,
                 text=HOSTILE_QUOTE),
        ),
    )


def sample_results() -> list[ArticleResult]:
    """周鸿祎 (alias 周鴻禕) founded 360集团 and is quoted twice; Sora is made by OpenAI."""
    return [_simplified_article(), _traditional_article()]


def hostile_results() -> list[ArticleResult]:
    """The sample plus a person whose name, alias, role and quote are HTML and script."""
    return [*sample_results(), _hostile_article()]


def sample_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(sample_results())


def hostile_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(hostile_results())


def synthetic_graph(n_entities: int, *, edges_per_node: float = 1.5, seed: int = 7) -> KnowledgeGraph:
    """A deterministic graph of ``n_entities`` entities and memberships between them, for size tests."""
    import random

    rng = random.Random(seed)
    types = list(EntityType)
    entities = [
        Entity(f"{types[i % len(types)].value.lower()}/实体{i:05d}", types[i % len(types)], f"实体{i:05d}")
        for i in range(n_entities)
    ]
    text = "。".join(f"{e.label}与伙伴合作" for e in entities[: min(50, n_entities)]) + "。"
    article = Article(Article.id_for(text), "synthetic.txt", text, "utf-8")
    mentions = tuple(
        Mention(article.article_id, 0, 1, text[0], e.entity_type, "synthetic", e.entity_id) for e in entities
    )
    sentence = TextSpan(0, min(len(text), 20))
    facts = []
    for _ in range(int(n_entities * edges_per_node)):
        a, b = rng.randrange(n_entities), rng.randrange(n_entities)
        if a != b:
            facts.append(Fact(Predicate.MEMBERSHIP, entities[a].entity_id, entities[b].entity_id, article.article_id,
                              sentence, (), "synthetic", round(rng.random(), 2), role="成员"))
    result = ArticleResult(article, "zh-Hans", tuple(entities), mentions, tuple(facts))
    return KnowledgeGraph.from_results([result])


# --- a timeline: four articles, three dates and one undated, for dates, roles and co-mentions ---------

LI = "person/李彦宏"
WANG = "person/王海峰"
BAIDU = "organization/百度"
HUAWEI = "organization/华为"
ERNIE = "software/文心一言"
PANGU = "software/盘古"
BEIJING = "place/北京"
SHENZHEN = "place/深圳"

_TIMELINE_ENTITIES = {
    LI: Entity(LI, EntityType.PERSON, "李彦宏"),
    WANG: Entity(WANG, EntityType.PERSON, "王海峰"),
    BAIDU: Entity(BAIDU, EntityType.ORGANIZATION, "百度"),
    HUAWEI: Entity(HUAWEI, EntityType.ORGANIZATION, "华为"),
    ERNIE: Entity(ERNIE, EntityType.SOFTWARE, "文心一言"),
    PANGU: Entity(PANGU, EntityType.SOFTWARE, "盘古"),
    BEIJING: Entity(BEIJING, EntityType.PLACE, "北京"),
    SHENZHEN: Entity(SHENZHEN, EntityType.PLACE, "深圳"),
}
# The headline-less article: the page names it by its first line (the byline before it is skipped).
UNTITLED_FIRST_LINE = "华为与百度在深圳签署合作协议。"
# (source, date, headline, text, [(predicate, subject, object, role, quote, sentence)])
_TIMELINE = (
    ("news/a1.txt", "2024-01-10", "百度发布文心一言", "百度董事长李彦宏在北京发布了文心一言。",
     [(Predicate.MEMBERSHIP, LI, BAIDU, "董事长", None, "百度董事长李彦宏在北京发布了文心一言。"),
      (Predicate.CREATOR, ERNIE, BAIDU, None, None, "百度董事长李彦宏在北京发布了文心一言。")]),
    ("news/a2.txt", "2024-03-01", "百度的技术负责人", "百度首席技术官王海峰介绍了文心一言。李彦宏说：“我们会继续投入。”",
     [(Predicate.MEMBERSHIP, WANG, BAIDU, "首席技术官", None, "百度首席技术官王海峰介绍了文心一言。"),
      (Predicate.QUOTATION, LI, None, None, "我们会继续投入。", "李彦宏说：“我们会继续投入。”")]),
    ("news/a3.txt", "2024-06-15", None, f"记者 张三\n{UNTITLED_FIRST_LINE}\n百度董事长李彦宏出席。",
     [(Predicate.MEMBERSHIP, LI, BAIDU, "董事长", None, "百度董事长李彦宏出席。")]),
    ("news/a4.txt", None, "无日期的报道", "华为在深圳发布了盘古。",
     [(Predicate.CREATOR, PANGU, HUAWEI, None, None, "华为在深圳发布了盘古。")]),
)  # fmt: skip


def _timeline_article(source: str, date: str | None, headline: str | None, text: str, facts) -> ArticleResult:  # type: ignore[no-untyped-def]
    article = Article(Article.id_for(text), source, text, "utf-8", ArticleMeta(headline=headline, date=date))
    mentions = []
    for entity in _TIMELINE_ENTITIES.values():
        start = text.find(entity.label)
        while start >= 0:
            mentions.append(_mention(article, entity.label, entity.entity_type, entity.entity_id, after=start))
            start = text.find(entity.label, start + 1)
    records = []
    for predicate, subject, obj, role, quote, sentence in facts:
        span = TextSpan(*_span(text, sentence))
        evidence = tuple(
            next(m for m in mentions if m.entity_id == e and span.start <= m.start < span.end)
            for e in (subject, obj)
            if e is not None
        )
        records.append(
            Fact(predicate, subject, obj, article.article_id, span, evidence, "test", 0.9, role=role, text=quote)
        )
    mentioned = {m.entity_id for m in mentions}
    entities = tuple(e for e in _TIMELINE_ENTITIES.values() if e.entity_id in mentioned)
    return ArticleResult(article, "zh-Hans", entities, tuple(mentions), tuple(records))


def timeline_results() -> list[ArticleResult]:
    """李彦宏 chairs 百度 (2024-01-10 and 2024-06-15); 王海峰 is its CTO (2024-03-01); 百度 makes 文心一言;
    华为 makes 盘古 (an undated article); 北京 and 深圳 are only mentioned (no edge); the 2024-06-15
    article has no headline. Together in: 百度·李彦宏 3 articles; 百度·文心一言, 李彦宏·文心一言, 华为·深圳 2."""
    return [_timeline_article(*row) for row in _TIMELINE]


def timeline_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(timeline_results())
