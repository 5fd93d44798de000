"""What graph.html is given beyond the facts: dates, co-mentions, article titles, tooltips, label sizes.

``graph.outputs.view.data`` computes it in Python; these tests read it from
the functions and from the page's JSON, without a browser
(tests/test_html_browser.py drives the page).
"""

from __future__ import annotations

import json
import re

import pytest
from html_samples import (
    BAIDU,
    BEIJING,
    ERNIE,
    HUAWEI,
    LI,
    PANGU,
    SHENZHEN,
    UNTITLED_FIRST_LINE,
    WANG,
    sample_graph,
    timeline_graph,
)

from graph.core.records import Article, ArticleMeta
from graph.outputs.view.data import (
    Terms,
    article_dates,
    article_title,
    articles_of_entities,
    co_mentions,
    first_line,
    makers,
    top_roles,
)
from graph.outputs.view.page import MAX_LABEL_SIZE, READABLE_LABEL_PX, render_html


def _data(page: str, element_id: str = "kg-data") -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def timeline() -> dict:
    return _data(render_html(timeline_graph()))


def _ids(data: dict) -> list[str]:
    return [n["id"] for n in data["nodes"]]


def _article(text: str, source: str = "news/x.txt", **meta: str) -> Article:
    return Article(Article.id_for(text), source, text, "utf-8", ArticleMeta(**meta))


# --- co-mentions ---------------------------------------------------------------------------


def test_co_mention_pairs_list_the_articles_that_name_both(timeline: dict) -> None:
    ids = _ids(timeline)
    titles = [a["title"] for a in timeline["articles"]]
    pairs = {(ids[a], ids[b]): [titles[i] for i in arts] for a, b, arts in timeline["coMentions"]["pairs"]}
    assert pairs[(BAIDU, LI)] == ["百度发布文心一言", "百度的技术负责人", UNTITLED_FIRST_LINE]
    assert pairs[(HUAWEI, SHENZHEN)] == [UNTITLED_FIRST_LINE, "无日期的报道"]


def test_co_mention_counts(timeline: dict) -> None:
    ids = _ids(timeline)
    counts = {(ids[a], ids[b]): len(arts) for a, b, arts in timeline["coMentions"]["pairs"]}
    assert {pair: n for pair, n in counts.items() if n >= 2} == {
        (BAIDU, LI): 3,
        (BAIDU, ERNIE): 2,
        (LI, ERNIE): 2,
        (HUAWEI, SHENZHEN): 2,
    }
    assert counts[(BAIDU, BEIJING)] == 1 and (WANG, PANGU) not in counts  # never in one article


def test_co_mentions_of_a_small_graph_are_all_kept(timeline: dict) -> None:
    assert timeline["coMentions"]["min"] == 1


def test_co_mention_pairs_are_ordered_index_pairs(timeline: dict) -> None:
    pairs = [(a, b) for a, b, _ in timeline["coMentions"]["pairs"]]
    assert pairs == sorted(pairs) and all(a < b for a, b in pairs)


@pytest.mark.parametrize(
    ("limit", "floor", "kept"),
    [
        (10, 1, 4),  # every pair
        (3, 2, 2),  # the one pair in 3 articles and the one in 2; the two in 1 would pass the limit
        (1, 3, 1),
        (0, 4, 0),  # nothing fits: the floor is above every count
    ],
)
def test_co_mentions_keep_whole_count_classes_within_the_limit(limit: int, floor: int, kept: int) -> None:
    # Entity 0 and 1 together in articles 0, 1, 2; 1 and 2 in 3, 4; 0 and 3 in 5; 2 and 3 in 6.
    articles_of = [[0, 1, 2, 5], [0, 1, 2, 3, 4], [3, 4, 6], [5, 6]]
    result = co_mentions(articles_of, limit=limit)
    assert (result.floor, len(result.pairs)) == (floor, kept)
    assert all(len(arts) >= result.floor for _, _, arts in result.pairs)


def test_co_mentions_leave_rare_entities_out_when_the_work_is_bounded() -> None:
    # One article names 40 entities (780 pairs); two of them are also in a second article.
    articles_of = [[0, 1]] * 2 + [[0]] * 38
    everything = co_mentions(articles_of)
    bounded = co_mentions(articles_of, work=10)
    assert (everything.floor, len(everything.pairs)) == (1, 780)
    assert (bounded.floor, bounded.pairs) == (2, [(0, 1, (0, 1))])


def test_co_mentions_of_nothing() -> None:
    assert co_mentions([]).pairs == [] and co_mentions([[0]]).pairs == []


# --- dates ------------------------------------------------------------------------------------


def test_dates_are_the_distinct_article_dates_in_order(timeline: dict) -> None:
    assert timeline["dates"] == ["2024-01-10", "2024-03-01", "2024-06-15"]


def test_article_dates_skip_undated_articles() -> None:
    articles = [_article("甲", date="2024-05-01"), _article("乙"), _article("丙", date="2023-01-02"),
                _article("丁", date="2024-05-01")]  # fmt: skip
    assert article_dates(articles) == ["2023-01-02", "2024-05-01"]


def test_each_entity_lists_the_articles_that_mention_it(timeline: dict) -> None:
    dates = {
        entity_id: [timeline["articles"][i]["date"] for i in e["in"]] for entity_id, e in timeline["entities"].items()
    }
    assert dates[LI] == ["2024-01-10", "2024-03-01", "2024-06-15"]
    assert dates[HUAWEI] == ["2024-06-15", None]
    assert dates[BEIJING] == ["2024-01-10"]


def test_articles_of_entities_are_article_indexes() -> None:
    kg = timeline_graph()
    articles = kg.sorted_articles()
    indexes = articles_of_entities(kg, articles)
    assert {articles[i].meta.headline for i in indexes[WANG]} == {"百度的技术负责人"}


def test_facts_carry_their_article_and_its_date(timeline: dict) -> None:
    dated = {(f["predicate"], f["subject"], timeline["articles"][f["article"]]["date"]) for f in timeline["facts"]}
    assert ("membership", LI, "2024-06-15") in dated and ("creator", PANGU, None) in dated


# --- article titles ---------------------------------------------------------------------------


def test_headline_less_article_is_titled_by_its_first_line(timeline: dict) -> None:
    article = next(a for a in timeline["articles"] if a["date"] == "2024-06-15")
    assert (article["title"], article["source"]) == (UNTITLED_FIRST_LINE, "news/a3.txt")


@pytest.mark.parametrize(
    ("text", "source", "line"),
    [
        (
            "文|罗曾\n无论是ChatGPT的诞生还是Sora引发的全球关注。\n",
            "a.txt",
            "无论是ChatGPT的诞生还是Sora引发的全球关注。",
        ),
        ("\n\n  大模型的一年  \n正文。", "a.txt", "大模型的一年"),  # blank lines and spaces
        ("<html><body><p>第一段文字。</p><p>第二段。</p></body></html>", "a.html", "第一段文字。"),  # markup
        ("长" * 100, "a.txt", "长" * 79 + "…"),
        ("   \n  ", "a.txt", None),
    ],
)
def test_first_line(text: str, source: str, line: str | None) -> None:
    assert first_line(_article(text, source)) == line


def test_article_title_prefers_the_headline_then_the_first_line_then_the_source() -> None:
    assert article_title(_article("正文。", headline="标题")) == "标题"
    assert article_title(_article("正文。")) == "正文。"
    assert article_title(_article("  \n", "news/empty.txt")) == "news/empty.txt"


def test_edge_tooltip_names_a_headline_less_article_by_its_first_line() -> None:
    data = _data(render_html(sample_graph()))
    (edge,) = [e for e in data["edges"] if e["kgRelation"] == "creator"]
    assert "—— OpenAI發布了影片生成模型Sora。" in edge["tip"] and "seeds/sora.html" not in edge["tip"]


# --- tooltips: roles and makers -----------------------------------------------------------------


def test_node_tooltip_of_a_person_lists_the_top_roles(timeline: dict) -> None:
    tips = {n["id"]: n["tip"].split("\n") for n in timeline["nodes"]}
    assert tips[LI] == ["李彦宏", "人物 · 文章数 3", "职务：董事长（百度）"]
    assert tips[WANG][2] == "职务：首席技术官（百度）"


def test_node_tooltip_of_a_model_names_its_maker(timeline: dict) -> None:
    tips = {n["id"]: n["tip"].split("\n") for n in timeline["nodes"]}
    assert tips[ERNIE][2] == "研发/发布：百度" and tips[PANGU][2] == "研发/发布：华为"


def test_node_tooltip_of_others_is_name_type_and_count(timeline: dict) -> None:
    tips = {n["id"]: n["tip"].split("\n") for n in timeline["nodes"]}
    assert tips[BAIDU] == ["百度", "机构 · 文章数 3"]


def test_top_roles_rank_by_articles_and_say_former() -> None:
    kg = timeline_graph()
    roles = top_roles(kg.sorted_facts(), kg.entities, Terms.from_ontology())
    assert roles == {LI: ["董事长（百度）"], WANG: ["首席技术官（百度）"]}


def test_makers_rank_by_articles() -> None:
    kg = timeline_graph()
    assert makers(kg.sorted_facts(), kg.entities) == {ERNIE: ["百度"], PANGU: ["华为"]}


def test_role_word_comes_from_the_ontology() -> None:
    from rdflib.namespace import ORG

    from graph.rdf.vocab import label_of

    assert Terms.from_ontology().words["role"] == label_of(ORG.Role, "zh-Hans")


# --- drawing: label sizes, unconnected entities, opening view ------------------------------------


def test_labels_grow_with_the_article_count(timeline: dict) -> None:
    sizes = {n["id"]: n["font"]["size"] for n in timeline["nodes"]}
    assert sizes[WANG] == 14 < sizes[HUAWEI] < sizes[LI] == sizes[BAIDU] <= MAX_LABEL_SIZE


def test_unconnected_entities_take_no_part_in_the_physics(timeline: dict) -> None:
    assert sorted(n["id"] for n in timeline["nodes"] if n.get("physics") is False) == [BEIJING, SHENZHEN]


def test_page_frames_the_opening_view_itself(timeline: dict) -> None:
    options = _data(render_html(timeline_graph()), "kg-options")
    assert options["physics"]["stabilization"]["fit"] is False and timeline["readablePx"] == READABLE_LABEL_PX
