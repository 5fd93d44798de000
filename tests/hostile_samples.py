"""Hostile text in every field of a knowledge graph, for tests/test_hostile_text.py.

Each entry of ``HOSTILE_TEXTS`` becomes one article of its own, in which the
text is everything a page could smuggle in: the person's id, name and alias,
the alias reason, the organization's name, the membership role, the
quotation, the rules, the lexicon id and every metadata field of the
article (source, headline, authors, publisher, keywords, summary, url,
date). The article text itself holds the names, so the mentions are real
spans of it (``surface == text[start:end]``).

``EXTRACTED_TEXT`` is one more article that goes through the real
extractor (``graph.extract.article.ArticleExtractor``), so mentions the
pipeline finds itself sit next to hostile neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

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

# Payloads that would run script set this flag (and some also call alert):
# the browser test checks it is never set and no dialog opens.
PWNED = "window.__pwned=true"

# name → text. Every name is a test id, so keep them short and unique.
HOSTILE_TEXTS: dict[str, str] = {
    "script-tag": f"<script>{PWNED};alert(1)</script>",
    "script-close": f"</script><script>{PWNED}</script><!--",
    "img-onerror": f'<img src=x onerror="{PWNED};alert(1)">',
    "img-unquoted": "<img src=x onerror=alert(1)>",
    "svg-onload": f"<svg/onload={PWNED}>",
    "quotes": "He said \"hi\" and 'bye'",
    "backslashes": 'back\\slash \\n \\u0041 \\\\ \\" \\',
    "angle-brackets": "a < b > c <!-- d --> &amp; &lt;",
    "line-breaks": "one\ntwo\r\nthree\rfour",
    "tabs": "\tcol\tcol\t",
    "c0-controls": "c0:" + "".join(chr(c) for c in range(0x20)) + ":end",
    "del-nel": "del \x7f nel \x85 end",
    "bidi": "\u200eltr \u200frtl \u202eevil\u202c \u202dover",
    "line-separators": "para\u2028line\u2029end",
    "lone-combining": "\u0301\u0308 marks first",
    "astral": "emoji 😀👨‍👩‍👧 CJK-B 𠀀𪜀",
    "triple-quotes": '""" and \'\'\' and ""',
    "cdata-end": "]]> and <![CDATA[ x ]]>",
    "templates": "{{ 7*7 }} {% raw %} ${7*7} $param #{x} %s {0}",
    "cypher": "'); MATCH (n) DETACH DELETE n; //",
    "csv": 'a,b;c\t"d"\n,e,',
    "rdf-syntax": '" . } GRAPH <x> { <a> <b> "c" . @prefix x: <y> . #',
    "iri-syntax": "a b/../c?d#e%zz%41 :x",
    "long": ("<script>長\"\\" * 9_091)[:100_000],  # 100,000 characters
}

# What the real extractor reads: Chinese news with hostile text between the names.
EXTRACTED_TEXT = (
    "<script>window.__pwned=true</script>\n"
    "360集团创始人周鸿祎表示：“大模型是<img src=x onerror=alert(1)>新的工业革命'); MATCH (n) DETACH DELETE n; //”。\n"
    '科大讯飞董事长刘庆峰\u202e说，""" ]]> {{ x }} ${x} $param \\"。OpenAI发布了Sora\u2028模型。\r\n'
    "腾讯\x00总部\x1b位于深圳\x85。😀𠀀\u0301\u202e\n"
)


@dataclass(frozen=True)
class HostileCase:
    """The ids and record of the article made for one hostile text."""

    name: str
    text: str

    @property
    def person_id(self) -> str:
        return f"person/{self.text}"

    @property
    def org_id(self) -> str:
        return f"organization/{self.text}集团"

    @property
    def person_label(self) -> str:
        return self.text

    @property
    def org_label(self) -> str:
        return f"{self.text}集团"

    @property
    def alias(self) -> str:
        return f"别名{self.text}"

    @property
    def article_text(self) -> str:
        return f"{self.person_label}是{self.org_label}的{self.text}。{self.person_label}说：“{self.text}”。\n"

    @property
    def article_id(self) -> str:
        return Article.id_for(self.article_text)

    def result(self) -> ArticleResult:
        text = self.article_text
        hostile = self.text
        article = Article(
            self.article_id,
            hostile,
            text,
            "utf-8",
            ArticleMeta(
                headline=hostile,
                url=hostile,
                date=hostile,
                publisher=hostile,
                authors=(hostile,),
                keywords=(hostile,),
                summary=hostile,
            ),
        )
        person = Entity(self.person_id, EntityType.PERSON, self.person_label, (Alias(self.alias, hostile),))
        org = Entity(self.org_id, EntityType.ORGANIZATION, self.org_label, lexicon_id=hostile)
        first = text.index("。") + 1
        person_first = _mention(article, 0, person, hostile)
        org_at = len(self.person_label) + 1
        org_mention = _mention(article, org_at, org, hostile)
        person_again = _mention(article, first, person, hostile)
        quote_start = text.index("“", first) + 1
        membership = Fact(
            Predicate.MEMBERSHIP, person.entity_id, org.entity_id, article.article_id, TextSpan(0, first),
            (person_first, org_mention), hostile, 0.5, role=hostile,
        )  # fmt: skip
        quotation = Fact(
            Predicate.QUOTATION, person.entity_id, None, article.article_id, TextSpan(first, len(text)),
            (person_again,), hostile, 0.5, text=text[quote_start : quote_start + len(hostile)],
        )  # fmt: skip
        return ArticleResult(
            article,
            "zh-Hans",
            (person, org),
            (person_first, org_mention, person_again),
            (membership, quotation),
        )


def _mention(article: Article, start: int, entity: Entity, rule: str) -> Mention:
    end = start + len(entity.label)
    surface = article.text[start:end]
    assert surface == entity.label, "the sample's mention must be a real span of its text"
    return Mention(article.article_id, start, end, surface, entity.entity_type, rule, entity.entity_id)


CASES: tuple[HostileCase, ...] = tuple(HostileCase(name, text) for name, text in HOSTILE_TEXTS.items())


def hand_made_results() -> list[ArticleResult]:
    """One article per hostile text, built from graph.core.records records."""
    return [case.result() for case in CASES]


def extracted_article() -> Article:
    """The article the real extractor reads (id from its text, as the reader makes it)."""
    return Article(Article.id_for(EXTRACTED_TEXT), "hostile/<script>'\".txt", EXTRACTED_TEXT, "utf-8")
