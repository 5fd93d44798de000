"""A small, realistic knowledge graph for the RDF and SHACL tests.

Two articles in the seeds' style: one in Traditional script (the seed
000 sentences about 周鴻禕, OpenAI and Sora) and one in Simplified (seed 001's
刘庆峰 of 科大讯飞), with hand-made mentions and facts of every kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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

ZHOU = Entity("person/周鸿祎", EntityType.PERSON, "周鸿祎", (Alias("周鴻禕", "script-variant"),))
QIHOO = Entity("organization/360集团", EntityType.ORGANIZATION, "360集团", (Alias("360集團", "script-variant"),), lexicon_id="qihoo360")
OPENAI = Entity(
    "organization/openai",
    EntityType.ORGANIZATION,
    "OpenAI",
    (Alias("美國開放人工智能研究中心", "lexicon"), Alias("Open AI", "spacing")),
    lexicon_id="openai",
)
SORA = Entity("softwareapplication/sora", EntityType.SOFTWARE, "Sora", lexicon_id="sora")
SPARK = Entity("softwareapplication/讯飞星火", EntityType.SOFTWARE, "讯飞星火", (Alias("訊飛星火", "script-variant"),))
GPT4_TURBO = Entity("softwareapplication/gpt-4-turbo", EntityType.SOFTWARE, "GPT-4 Turbo", lexicon_id="gpt-4-turbo")
LIU = Entity("person/刘庆峰", EntityType.PERSON, "刘庆峰")
IFLYTEK = Entity("organization/科大讯飞", EntityType.ORGANIZATION, "科大讯飞", lexicon_id="iflytek")
IFLYTEK_HEALTH = Entity("organization/讯飞医疗", EntityType.ORGANIZATION, "讯飞医疗", parent_id="organization/科大讯飞")
HEFEI = Entity("place/合肥", EntityType.PLACE, "合肥")
LENG = Entity("person/冷友斌", EntityType.PERSON, "冷友斌")
FEIHE = Entity("organization/飞鹤乳业", EntityType.ORGANIZATION, "飞鹤乳业")

TRADITIONAL_TEXT = (
    "國產Ai 雙線出擊 比肩ChatGPT 追趕Sora\n"
    "美國開放人工智能研究中心（OpenAI）推出的文生視頻大模型Sora又驚艷亮相。"
    "「訊飛星火認知大模型」V3.5更是表現不俗，多項功能逼近GPT-4 Turbo。"
    "全國政協委員、360集團創始人周鴻禕表示，「目前，美國產業界已經開始步入All in AI」。"
)
SIMPLIFIED_TEXT = (
    "文|罗曾\n"
    "今年全国“两会”，全国人大代表、科大讯飞董事长刘庆峰带来了一份沉甸甸的建议。"
    "科大讯飞总部位于合肥，讯飞医疗是科大讯飞旗下公司。"
    "全国人大代表、飞鹤乳业原董事长冷友斌向两会提交了建议。"
)


@dataclass
class ArticleBuilder:
    """Collects one article's mentions and facts, located by their surface text."""

    text: str
    language: str
    source: str
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    @property
    def article_id(self) -> str:
        return Article.id_for(self.text)

    def mention(self, entity: Entity, surface: str, rule: str = "lexicon-label", *, after: str = "") -> Mention:
        """A mention of ``entity`` at the first ``surface`` that follows the text ``after``."""
        start = self.text.index(surface, self.text.index(after) if after else 0)
        found = Mention(self.article_id, start, start + len(surface), surface, entity.entity_type, rule, entity.entity_id)
        if entity not in self.entities:
            self.entities.append(entity)
        self.mentions.append(found)
        return found

    def fact(
        self,
        predicate: Predicate,
        subject: Mention,
        obj: Mention | None,
        sentence: str,
        rule: str,
        confidence: float,
        **extra: object,
    ) -> Fact:
        start = self.text.index(sentence)
        made = Fact(
            predicate=predicate,
            subject_id=subject.entity_id or "",
            object_id=None if obj is None else obj.entity_id,
            article_id=self.article_id,
            sentence=TextSpan(start, start + len(sentence)),
            evidence=(subject,) if obj is None else (subject, obj),
            rule=rule,
            confidence=confidence,
            **extra,
        )
        self.facts.append(made)
        return made

    def result(self) -> ArticleResult:
        article = Article(self.article_id, self.source, self.text, "utf-8", self.meta)
        return ArticleResult(article, self.language, tuple(self.entities), tuple(self.mentions), tuple(self.facts))


def traditional_article() -> ArticleResult:
    b = ArticleBuilder(
        TRADITIONAL_TEXT,
        "zh-Hant",
        "seeds/000_d230a7b681d74940.txt",
        ArticleMeta(headline="國產Ai 雙線出擊 比肩ChatGPT 追趕Sora", date="2024-03-06", publisher="文匯報"),
    )
    openai = b.mention(OPENAI, "美國開放人工智能研究中心")
    b.mention(OPENAI, "OpenAI")
    sora = b.mention(SORA, "Sora", after="大模型")
    spark = b.mention(SPARK, "訊飛星火")
    turbo = b.mention(GPT4_TURBO, "GPT-4 Turbo")
    qihoo = b.mention(QIHOO, "360集團")
    zhou = b.mention(ZHOU, "周鴻禕", rule="tagger")
    sentence_sora = "美國開放人工智能研究中心（OpenAI）推出的文生視頻大模型Sora又驚艷亮相。"
    b.fact(Predicate.CREATOR, sora, openai, sentence_sora, "org-release-model", 0.8)
    b.fact(Predicate.COMPARED_WITH, spark, turbo, "「訊飛星火認知大模型」V3.5更是表現不俗，多項功能逼近GPT-4 Turbo。", "model-compared-model", 0.7)
    sentence_zhou = "全國政協委員、360集團創始人周鴻禕表示，「目前，美國產業界已經開始步入All in AI」。"
    b.fact(Predicate.MEMBERSHIP, zhou, qihoo, sentence_zhou, "org-role-person", 0.9, role="创始人")
    b.fact(Predicate.QUOTATION, zhou, None, sentence_zhou, "speaker-verb", 0.8, text="目前，美國產業界已經開始步入All in AI")
    return b.result()


def simplified_article() -> ArticleResult:
    b = ArticleBuilder(
        SIMPLIFIED_TEXT,
        "zh-Hans",
        "seeds/001_073fffdf9d60567d.txt",
        ArticleMeta(headline="刘庆峰：制定国家通用人工智能发展规划", url="https://finance.china.com/a b.html", authors=("罗曾",)),
    )
    iflytek = b.mention(IFLYTEK, "科大讯飞")
    liu = b.mention(LIU, "刘庆峰", rule="tagger")
    hefei = b.mention(HEFEI, "合肥", rule="tagger")
    health = b.mention(IFLYTEK_HEALTH, "讯飞医疗", rule="tagger")
    feihe = b.mention(FEIHE, "飞鹤乳业", rule="tagger")
    leng = b.mention(LENG, "冷友斌", rule="tagger")
    b.fact(
        Predicate.MEMBERSHIP, liu, iflytek,
        "今年全国“两会”，全国人大代表、科大讯飞董事长刘庆峰带来了一份沉甸甸的建议。", "org-role-person", 0.9, role="董事长",
    )  # fmt: skip
    where = "科大讯飞总部位于合肥，讯飞医疗是科大讯飞旗下公司。"
    b.fact(Predicate.LOCATED_IN, iflytek, hefei, where, "at-place-org", 0.7)
    b.fact(Predicate.SUB_ORGANIZATION_OF, health, iflytek, where, "unit-of-org", 0.6666)
    b.fact(
        Predicate.MEMBERSHIP, leng, feihe, "全国人大代表、飞鹤乳业原董事长冷友斌向两会提交了建议。", "org-role-person", 0.9,
        role="董事长", former=True,
    )  # fmt: skip
    return b.result()


def sample_results() -> list[ArticleResult]:
    return [traditional_article(), simplified_article()]


def sample_kg() -> KnowledgeGraph:
    return KnowledgeGraph.from_results(sample_results())


def reversed_kg() -> KnowledgeGraph:
    """The same graph, articles and every record inside them added in reverse order."""
    results = [
        replace(r, entities=r.entities[::-1], mentions=r.mentions[::-1], facts=r.facts[::-1])
        for r in reversed(sample_results())
    ]
    return KnowledgeGraph.from_results(results)
