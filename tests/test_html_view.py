"""graph.html without a browser: self-contained, escaped, deterministic, built from the graph."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from html_samples import (
    HOSTILE,
    HOSTILE_ALIAS,
    HOSTILE_NAME,
    HOSTILE_QUOTE,
    OPENAI,
    QIHOO,
    SORA,
    TRADITIONAL_TEXT,
    ZHOU,
    hostile_graph,
    hostile_results,
    sample_graph,
    synthetic_graph,
)

from graph.core.knowledge import KnowledgeGraph
from graph.core.records import EntityType, Predicate
from graph.outputs.view import page as html_view
from graph.outputs.view.page import (
    PRECOMPUTED_LAYOUT_ABOVE,
    render_html,
    script_json,
    write_html,
)
from graph.rdf.vocab import predicate_label, type_label

# URLs that appear in vis-network's licence header, error messages and the SVG
# namespace identifier: strings in the bundled library, never requested.
VIS_NETWORK_INERT_URLS = {
    "http://almende.com",
    "http://opensource.org/licenses/MIT",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://www.w3.org/2000/svg",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/visjs",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
    "https://visjs.github.io/vis-network/",
}


class _Elements(HTMLParser):
    """Start tags with their attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def _json_script(page: str, element_id: str) -> dict:
    for attrs, text in _parse(page).scripts:
        if attrs.get("id") == element_id:
            assert attrs.get("type") == "application/json"
            return json.loads(text)
    raise AssertionError(f"no <script id={element_id}>")


@pytest.fixture(scope="module")
def sample_page() -> str:
    return render_html(sample_graph())


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_graph())


@pytest.fixture(scope="module")
def sample_data(sample_page: str) -> dict:
    return _json_script(sample_page, "kg-data")


# --- self-contained --------------------------------------------------------------


@pytest.mark.parametrize("attribute", ["src", "href", "srcset", "action", "data", "poster"])
def test_no_element_loads_anything(sample_page: str, attribute: str) -> None:
    assert [tag for tag, attrs in _parse(sample_page).tags if attribute in attrs] == []


@pytest.mark.parametrize("tag", ["link", "iframe", "img", "object", "embed", "base"])
def test_no_element_that_could_fetch(sample_page: str, tag: str) -> None:
    assert tag not in {t for t, _ in _parse(sample_page).tags}


def test_no_url_outside_the_bundled_library(sample_page: str) -> None:
    vis_js = max((text for attrs, text in _parse(sample_page).scripts if not attrs), key=len)
    outside = sample_page.replace(vis_js, "")
    assert re.findall(r"https?:", outside, flags=re.IGNORECASE) == []


def test_bundled_library_urls_are_inert_strings(sample_page: str) -> None:
    found = set(re.findall(r"https?://[^\s\"'()<>]+", sample_page))
    assert found <= VIS_NETWORK_INERT_URLS


def test_every_script_and_style_is_inline(sample_page: str) -> None:
    scripts = _parse(sample_page).scripts
    assert [len(text) > 0 for _, text in scripts] == [True, True, True, True]
    assert "vis.Network" in scripts[-1][1] and "vis-network" in scripts[-2][1]


def test_content_security_policy_forbids_requests(sample_page: str) -> None:
    metas = [attrs for tag, attrs in _parse(sample_page).tags if tag == "meta"]
    csp = next(m["content"] for m in metas if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp


# --- escaping ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!--", '"\\u003c!--"'),
        ("a & b", '"a \\u0026 b"'),
        ("line\u2028para\u2029", '"line\\u2028para\\u2029"'),
        ("周鸿祎", '"周鸿祎"'),
        ({"b": 1, "a": [True, None]}, '{"a":[true,null],"b":1}'),
    ],
)
def test_script_json_escapes(value: object, expected: str) -> None:
    assert str(script_json(value)) == expected


@pytest.mark.parametrize("raw", [HOSTILE_NAME, HOSTILE_ALIAS, "<script>window", "<b>粗体</b>", "\u2028"])
def test_hostile_text_never_appears_raw(hostile_page: str, raw: str) -> None:
    assert raw not in hostile_page


def test_hostile_text_cannot_add_elements(hostile_page: str, sample_page: str) -> None:
    hostile_tags = [tag for tag, _ in _parse(hostile_page).tags]
    assert hostile_tags == [tag for tag, _ in _parse(sample_page).tags]


def test_hostile_text_survives_as_data(hostile_page: str) -> None:
    data = _json_script(hostile_page, "kg-data")
    entity = data["entities"][HOSTILE]
    quotes = [data["facts"][i]["text"] for i in entity["facts"] if data["facts"][i]["predicate"] == "quotation"]
    assert (entity["label"], entity["aliases"], quotes) == (HOSTILE_NAME, [[HOSTILE_ALIAS, "spacing"]], [HOSTILE_QUOTE])


def test_title_is_escaped() -> None:
    page = render_html(sample_graph(), title="<b>图谱</b> & co")
    assert "<title>&lt;b&gt;图谱&lt;/b&gt; &amp; co</title>" in page and "<b>图谱" not in page


# --- deterministic -------------------------------------------------------------


def test_same_graph_same_bytes(sample_page: str) -> None:
    assert render_html(sample_graph()) == sample_page


def test_article_order_does_not_matter() -> None:
    results = hostile_results()
    forward = KnowledgeGraph.from_results(results)
    backward = KnowledgeGraph.from_results(reversed(results))
    assert render_html(forward) == render_html(backward)


def test_large_graph_same_bytes() -> None:
    kg = synthetic_graph(PRECOMPUTED_LAYOUT_ABOVE + 1)
    assert render_html(kg) == render_html(kg)


# --- what the page shows ---------------------------------------------------------


def test_one_node_per_entity(sample_data: dict) -> None:
    assert [n["id"] for n in sample_data["nodes"]] == sorted([ZHOU, QIHOO, SORA, OPENAI])


def test_nodes_labelled_with_the_simplified_label(sample_data: dict) -> None:
    assert {n["id"]: n["label"] for n in sample_data["nodes"]}[ZHOU] == "周鸿祎"


def test_node_size_grows_with_articles_mentioning(sample_data: dict) -> None:
    sizes = {n["id"]: n["size"] for n in sample_data["nodes"]}
    assert sizes[ZHOU] > sizes[QIHOO] == sizes[SORA] == sizes[OPENAI]  # 周鸿祎 is in both articles


def test_nodes_coloured_by_type(sample_data: dict) -> None:
    colours = {n["id"]: n["color"]["background"] for n in sample_data["nodes"]}
    assert colours[QIHOO] == colours[OPENAI] != colours[ZHOU] != colours[SORA]


def test_legend_names_come_from_the_ontology(sample_data: dict) -> None:
    legend = {t["key"]: (t["zh"], t["en"], t["count"]) for t in sample_data["types"]}
    assert legend == {
        t.value: (type_label(t, "zh-Hans"), type_label(t, "en"), n)
        for t, n in [(EntityType.PERSON, 1), (EntityType.ORGANIZATION, 2), (EntityType.SOFTWARE, 1)]
    }


@pytest.mark.parametrize(
    ("subject", "obj", "label"),
    [
        (ZHOU, QIHOO, "创始人"),  # memberships are labelled with the role
        (SORA, OPENAI, predicate_label(Predicate.CREATOR, "zh-Hans")),
    ],
)
def test_edge_labels(sample_data: dict, subject: str, obj: str, label: str) -> None:
    assert [e["label"] for e in sample_data["edges"] if (e["from"], e["to"]) == (subject, obj)] == [label]


def test_quotations_make_no_edge(sample_data: dict) -> None:
    assert len(sample_data["edges"]) == 2


def test_quotations_listed_with_their_speaker(sample_data: dict) -> None:
    facts = [sample_data["facts"][i] for i in sample_data["entities"][ZHOU]["facts"]]
    titles = [a["title"] for a in sample_data["articles"]]
    quotes = {(f["text"], titles[f["article"]]) for f in facts if f["predicate"] == "quotation"}
    # The second article has no headline: its first line (here its whole text) names it.
    assert quotes == {("大模型是新的工业革命。", "周鸿祎谈大模型"), ("Sora讓人震撼。", TRADITIONAL_TEXT)}


def test_edge_tooltip_has_sentence_and_confidence(sample_data: dict) -> None:
    (edge,) = [e for e in sample_data["edges"] if e["from"] == SORA]
    assert "「OpenAI發布了影片生成模型Sora。」" in edge["tip"] and "0.97" in edge["tip"]


def test_tooltips_are_the_page_s_own_not_vis_network_titles(sample_data: dict) -> None:
    # vis-network would show a "title" itself; the page shows "tip" with textContent.
    assert not any("title" in item for item in sample_data["nodes"] + sample_data["edges"])


def test_fact_sentence_is_the_article_span(sample_data: dict) -> None:
    (fact,) = [f for f in sample_data["facts"] if f["predicate"] == "creator"]
    assert fact["sentence"] == "OpenAI發布了影片生成模型Sora。"


def test_aliases_keep_traditional_forms(sample_data: dict) -> None:
    assert sample_data["entities"][ZHOU]["aliases"] == [["周鴻禕", "script-variant"]]


@pytest.mark.parametrize(
    ("entity_id", "traditional"),
    [
        (QIHOO, "360集團"),  # converted by OpenCC
        (ZHOU, None),  # an alias already gives 周鴻禕
        (OPENAI, None),  # Latin: nothing to convert
    ],
)
def test_traditional_form_of_the_label(sample_data: dict, entity_id: str, traditional: str | None) -> None:
    assert sample_data["entities"][entity_id]["traditional"] == traditional


@pytest.mark.parametrize(
    ("entity_id", "key"),
    [
        (ZHOU, "周鸿祎"),  # label
        (ZHOU, "周鴻禕"),  # Traditional alias
        (QIHOO, "三六零"),  # lexicon alias
        (QIHOO, "360集團"),  # Traditional form of the label, made by OpenCC
        (OPENAI, "open ai"),  # lower-cased
    ],
)
def test_search_index_holds_every_name_in_both_scripts(sample_data: dict, entity_id: str, key: str) -> None:
    assert key in dict(sample_data["search"])[entity_id]


# --- layout: physics in the browser or positions from Python -----------------------


def test_small_graph_uses_physics_then_stops(sample_page: str, sample_data: dict) -> None:
    options = _json_script(sample_page, "kg-options")
    assert options["physics"]["enabled"] and options["physics"]["stabilization"]["enabled"]
    assert sample_data["physics"] is True
    assert all("x" not in n for n in sample_data["nodes"])


@pytest.mark.parametrize(("entities", "steps"), [(4, 1000), (PRECOMPUTED_LAYOUT_ABOVE, 150)])
def test_physics_steps_shrink_as_the_graph_grows(entities: int, steps: int) -> None:
    options = _json_script(render_html(synthetic_graph(entities)), "kg-options")
    assert options["physics"]["stabilization"]["iterations"] == steps


@pytest.fixture(scope="module")
def large_page() -> str:
    return render_html(synthetic_graph(PRECOMPUTED_LAYOUT_ABOVE + 1))


def test_large_graph_has_physics_off(large_page: str) -> None:
    assert _json_script(large_page, "kg-options")["physics"] == {"enabled": False}
    assert _json_script(large_page, "kg-data")["physics"] is False


def test_large_graph_has_positions(large_page: str) -> None:
    nodes = _json_script(large_page, "kg-data")["nodes"]
    assert len(nodes) == PRECOMPUTED_LAYOUT_ABOVE + 1
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)


def test_empty_graph_renders() -> None:
    data = _json_script(render_html(KnowledgeGraph()), "kg-data")
    assert (data["nodes"], data["edges"], data["physics"]) == ([], [], False)


# --- writing -------------------------------------------------------------------------


def test_write_html_writes_the_page(tmp_path: Path, sample_page: str) -> None:
    target = tmp_path / "out" / "graph.html"
    write_html(sample_graph(), target)
    assert target.read_text(encoding="utf-8") == sample_page


def test_write_html_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    write_html(sample_graph(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"] and target.read_text(encoding="utf-8") != "old"


def test_view_of_a_huge_graph_draws_the_most_mentioned(monkeypatch: pytest.MonkeyPatch) -> None:
    kg = sample_graph()
    mentioned_in = kg.articles_mentioning()
    monkeypatch.setattr(html_view, "VIEW_ENTITY_LIMIT", 2)
    data = _json_script(render_html(kg), "kg-data")
    expected = sorted(kg.entities, key=lambda e: (-len(mentioned_in.get(e, ())), e))[:2]
    assert sorted(n["id"] for n in data["nodes"]) == sorted(expected)
    assert sorted(data["entities"]) == sorted(expected)
    assert data["omitted"] == len(kg.entities) - 2
    shown = set(expected)
    assert all(e["from"] in shown and e["to"] in shown for e in data["edges"])
    assert all(f["subject"] in shown and f["object"] in (None, *shown) for f in data["facts"])


def test_view_within_the_limit_omits_nothing(sample_data: dict) -> None:
    assert sample_data["omitted"] == 0


def test_restricted_graph_keeps_facts_between_kept_entities_only() -> None:
    kg = synthetic_graph(50)
    kept = sorted(kg.entities)[:10]
    part = kg.restricted_to(kept)
    assert sorted(part.entities) == kept
    assert part.facts and all(f.subject_id in kept and f.object_id in kept for f in part.facts)
    assert {f.fact_id for f in part.facts} == {
        f.fact_id for f in kg.facts if f.subject_id in kept and f.object_id in kept
    }
    assert all(m.entity_id in kept for m in part.mentions)
