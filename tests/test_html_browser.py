"""graph.html in a real headless Chromium (Debian's /usr/bin/chromium through Playwright).

The page must load from a file with no network at all, draw every entity,
and its search, filters, highlight, panel, tooltip, opening view, date range
and co-mention edges must work; hostile article text must show as text and
run nothing. A screenshot lands in tests/artifacts/ (ignored by git) for a
person to look at.

The tests act through the page's own API (``window.kgView``, documented in
graph_view.js) and DOM controls, and wait on conditions
(``page.wait_for_function``), never on pointer geometry or fixed delays: a
hover or a click at a computed point depends on the layout, the zoom and the
browser's timing. One test clicks the canvas for real, on a node the camera
was just centred on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium
from html_samples import (
    BAIDU,
    BEIJING,
    ERNIE,
    HOSTILE,
    HOSTILE_ALIAS,
    HOSTILE_NAME,
    HOSTILE_QUOTE,
    HUAWEI,
    LI,
    OPENAI,
    PANGU,
    QIHOO,
    SHENZHEN,
    SORA,
    TRADITIONAL_TEXT,
    UNTITLED_FIRST_LINE,
    WANG,
    ZHOU,
    hostile_graph,
    sample_graph,
    synthetic_graph,
    timeline_graph,
)

from graph.core.spool import load_knowledge_graph
from graph.outputs.view.page import INK, PRECOMPUTED_LAYOUT_ABOVE, READABLE_LABEL_PX, write_html

ARTIFACTS = Path(__file__).parent / "artifacts"
SEEDS_BUILD = Path(__file__).parent.parent / "output"  # the committed build of seeds/
READY_TIMEOUT_MS = 30_000
WAIT_MS = 10_000  # for a condition after an action

require_chromium()

from playwright.sync_api import (  # noqa: E402
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Route,
    sync_playwright,
)


class LoadedPage:
    """A page opened from a file, with every console message and request it made."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url
        self.console: list[ConsoleMessage] = []
        self.page_errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        page.on("console", lambda message: self.console.append(message))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))
        page.route("**/*", self._only_the_file)

    def _only_the_file(self, route: Route, request: Request) -> None:
        if request.url == self.url:
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def open(self) -> LoadedPage:
        self.page.goto(self.url)
        # kgView.ready(): the layout is final, the opening view set and drawn.
        self.wait("() => window.kgView !== undefined && kgView.ready()", timeout=READY_TIMEOUT_MS)
        return self

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def wait(self, predicate: str, arg: object = None, *, timeout: int = WAIT_MS) -> object:
        """Wait until the JavaScript function ``predicate(arg)`` returns a truthy value, and return it.

        ``predicate`` must be a function (``"() => ..."``): Playwright evaluates a
        bare expression with ``eval``, which the page's CSP (no 'unsafe-eval') refuses.
        """
        return self.page.wait_for_function(predicate, arg=arg, timeout=timeout).json_value()

    def search(self, text: str) -> None:
        self.page.fill("#kg-search", text)
        self.page.press("#kg-search", "Enter")

    def panel_text(self) -> str:
        return self.page.inner_text("#kg-panel")

    def shown_nodes(self) -> list[str]:
        return sorted(self.js("kgView.shownNodes()"))  # type: ignore[arg-type]

    def edge_pairs(self, relation: str | None = None) -> list[tuple[str, str]]:
        """(from, to) of the edges drawn now, of one relation (``coMention``: the co-mention edges)."""
        edges = self.js(
            "relation => kgData.edgeView.get().filter(e => !relation || e.kgRelation === relation)"
            ".map(e => [e.from, e.to])",
            relation,
        )
        return sorted((a, b) for a, b in edges)  # type: ignore[union-attr, misc]

    def slide(self, selector: str, value: int) -> None:
        """Move a range input as a person would: set its value, fire its input event."""
        self.page.eval_on_selector(
            selector, "(e, v) => { e.value = String(v); e.dispatchEvent(new Event('input', {bubbles: true})); }", value
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _write(tmp_path_factory: pytest.TempPathFactory, name: str, kg) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp(name) / "graph.html"
    write_html(kg, path)
    return path


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory, "view", sample_graph())


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory, "hostile", hostile_graph())


@pytest.fixture(scope="module")
def timeline_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory, "timeline", timeline_graph())


@pytest.fixture(scope="module")
def seeds_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The view of the five seed articles, from the committed build's results (no extraction)."""
    return _write(tmp_path_factory, "seeds", load_knowledge_graph(SEEDS_BUILD))


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory, "large", synthetic_graph(PRECOMPUTED_LAYOUT_ABOVE + 1))


def _open(browser: Browser, path: Path) -> Iterator[LoadedPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 850}, service_workers="block")
    try:
        yield LoadedPage(context.new_page(), path.as_uri()).open()
    finally:
        context.close()


@pytest.fixture(scope="module")
def loaded(browser: Browser, sample_file: Path) -> Iterator[LoadedPage]:
    """One page for the tests that only read it or search (a search replaces the last one's state)."""
    yield from _open(browser, sample_file)


@pytest.fixture
def view(browser: Browser, sample_file: Path) -> Iterator[LoadedPage]:
    """A fresh page for the tests that change filters or click."""
    yield from _open(browser, sample_file)


@pytest.fixture(scope="module")
def hostile_view(browser: Browser, hostile_file: Path) -> Iterator[LoadedPage]:
    yield from _open(browser, hostile_file)


@pytest.fixture
def timeline(browser: Browser, timeline_file: Path) -> Iterator[LoadedPage]:
    """A fresh page of the timeline sample (four articles, three dates), for the filters."""
    yield from _open(browser, timeline_file)


@pytest.fixture(scope="module")
def seeds_view(browser: Browser, seeds_file: Path) -> Iterator[LoadedPage]:
    yield from _open(browser, seeds_file)


# --- loads offline, cleanly ----------------------------------------------------------


def test_no_console_error_or_warning(loaded: LoadedPage) -> None:
    problems = [f"{m.type}: {m.text}" for m in loaded.console if m.type in ("error", "warning")]
    assert (problems, loaded.page_errors) == ([], [])


def test_no_request_but_the_file_itself(loaded: LoadedPage) -> None:
    assert (loaded.requests, loaded.blocked) == ([loaded.url], [])


def test_every_entity_is_drawn(loaded: LoadedPage) -> None:
    assert loaded.js("[kgNetwork.body.data.nodes.length, kgNetwork.body.nodeIndices.length]") == [4, 4]


def test_physics_is_off_once_the_layout_settles(loaded: LoadedPage) -> None:
    assert loaded.js("kgNetwork.physics.options.enabled") is False


def test_screenshot_for_a_person_to_check(loaded: LoadedPage) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.search("周鴻禕")
    loaded.wait("() => kgView.idle()")  # the focus animation is over
    shot = ARTIFACTS / "graph_view.png"
    loaded.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_seeds_screenshot_for_a_person_to_check(seeds_view: LoadedPage) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graph_view_seeds.png"
    seeds_view.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


# --- the opening view: the connected part, readable labels ------------------------------


def _most_mentioned(view: LoadedPage, count: int, *, linked_only: bool) -> list[str]:
    """Ids of the most mentioned entities drawn (those with an edge, if ``linked_only``)."""
    return view.js(  # type: ignore[return-value]
        """([count, linkedOnly]) => {
            const linked = new Set(kgData.edgeView.get().flatMap(e => [e.from, e.to]));
            const d = JSON.parse(document.getElementById("kg-data").textContent);
            return kgView.shownNodes()
                .filter(id => !linkedOnly || linked.has(id))
                .sort((a, b) => d.entities[b].articles - d.entities[a].articles || (a < b ? -1 : 1))
                .slice(0, count);
        }""",
        [count, linked_only],
    )


def test_opening_view_labels_of_the_most_mentioned_are_readable(seeds_view: LoadedPage) -> None:
    top = _most_mentioned(seeds_view, 5, linked_only=False)
    sizes = seeds_view.js("ids => ids.map(id => kgView.labelPx(id))", top)
    assert min(sizes) >= READABLE_LABEL_PX, dict(zip(top, sizes))  # type: ignore[arg-type]


def test_opening_view_shows_the_most_mentioned_connected_entities(seeds_view: LoadedPage) -> None:
    top = _most_mentioned(seeds_view, 3, linked_only=True)
    assert seeds_view.js("ids => ids.map(id => kgView.inView(id))", top) == [True, True, True]


def test_opening_view_frames_connected_entities_not_the_unconnected(seeds_view: LoadedPage) -> None:
    counts = seeds_view.js(
        """() => {
            const linked = new Set(kgData.edgeView.get().flatMap(e => [e.from, e.to]));
            const ids = kgView.shownNodes();
            const share = list => list.filter(id => kgView.inView(id)).length / Math.max(1, list.length);
            return [share(ids.filter(id => linked.has(id))), share(ids.filter(id => !linked.has(id)))];
        }"""
    )
    linked_share, unlinked_share = counts  # type: ignore[misc]
    assert linked_share > 0.6 and unlinked_share < 0.2, counts


def test_large_graph_opening_view_is_readable(browser: Browser, large_file: Path) -> None:
    for loaded in _open(browser, large_file):
        top = _most_mentioned(loaded, 1, linked_only=True)
        assert loaded.js("id => [kgView.labelPx(id) >= 12, kgView.inView(id)]", top[0]) == [True, True]


def test_reset_view_returns_to_the_opening_view(view: LoadedPage) -> None:
    opening = view.js("[kgNetwork.getScale(), kgNetwork.getViewPosition()]")
    view.js("kgNetwork.moveTo({position: {x: 5000, y: -3000}, scale: 0.05, animation: false})")
    view.page.click("#kg-reset")
    scale, position = view.wait("() => [kgNetwork.getScale(), kgNetwork.getViewPosition()]")  # type: ignore[misc]
    # Not to the bit: the opening fit ran before the labels were first measured.
    expected = (opening[0], opening[1]["x"], opening[1]["y"])  # type: ignore[index]
    assert (scale, position["x"], position["y"]) == pytest.approx(expected, rel=0.01, abs=1.0)


def test_hide_unconnected_hides_the_isolated_entities(timeline: LoadedPage) -> None:
    assert {BEIJING, SHENZHEN} <= set(timeline.shown_nodes())
    timeline.page.check("#kg-hide-unconnected")
    timeline.wait("id => !kgView.shownNodes().includes(id)", BEIJING)
    assert timeline.shown_nodes() == sorted([BAIDU, ERNIE, HUAWEI, LI, PANGU, WANG])


def test_hide_unconnected_keeps_entities_joined_by_a_co_mention(timeline: LoadedPage) -> None:
    timeline.js("kgView.setHideUnconnected(true)")
    timeline.js("kgView.setCoMentions(2)")  # 华为·深圳 are in two articles together
    assert SHENZHEN in timeline.shown_nodes() and BEIJING not in timeline.shown_nodes()
    # vis-network draws the edge: both its ends are there.
    drawn = timeline.js(
        "([a, b]) => Object.values(kgNetwork.body.edges).some(e => e.fromId === a && e.toId === b && e.connected)",
        [HUAWEI, SHENZHEN],
    )
    assert drawn is True


def test_showing_unconnected_again_brings_them_back(timeline: LoadedPage) -> None:
    timeline.page.check("#kg-hide-unconnected")
    timeline.page.uncheck("#kg-hide-unconnected")
    timeline.wait("id => kgView.shownNodes().includes(id)", BEIJING)
    assert len(timeline.shown_nodes()) == 8


# --- co-mention edges -----------------------------------------------------------------------


def test_co_mention_edges_are_off_at_first(timeline: LoadedPage) -> None:
    assert timeline.edge_pairs("coMention") == []


def test_co_mention_slider_adds_and_removes_edges(timeline: LoadedPage) -> None:
    timeline.page.check("#kg-comention-on")  # the slider starts at 2
    timeline.wait("() => kgView.shownEdges().filter(id => id.startsWith('c')).length === 4")
    assert timeline.edge_pairs("coMention") == sorted([(HUAWEI, SHENZHEN), (BAIDU, LI), (BAIDU, ERNIE), (LI, ERNIE)])
    timeline.slide("#kg-comention-min", 3)
    timeline.wait("() => kgView.shownEdges().filter(id => id.startsWith('c')).length === 1")
    assert timeline.edge_pairs("coMention") == [(BAIDU, LI)]
    timeline.slide("#kg-comention-min", 1)
    timeline.wait("() => kgView.shownEdges().filter(id => id.startsWith('c')).length > 4")
    timeline.page.uncheck("#kg-comention-on")
    timeline.wait("() => kgView.shownEdges().filter(id => id.startsWith('c')).length === 0")
    assert len(timeline.edge_pairs()) == 4  # the fact edges stay


def test_co_mention_edge_panel_lists_the_articles(timeline: LoadedPage) -> None:
    timeline.js("kgView.setCoMentions(3)")
    edge_id = timeline.wait("() => kgView.shownEdges().find(id => id.startsWith('c'))")
    timeline.js("id => kgView.clickEdge(id)", edge_id)
    text = timeline.panel_text()
    assert "共同出现于 3 篇文章" in text and all(t in text for t in ("百度发布文心一言", UNTITLED_FIRST_LINE))


def test_co_mentions_count_only_articles_in_the_date_range(timeline: LoadedPage) -> None:
    timeline.js("kgView.setCoMentions(3)")
    timeline.js("kgView.setDateRange('2024-01-01', '2024-03-31', false)")
    timeline.wait("() => kgView.shownEdges().filter(id => id.startsWith('c')).length === 0")
    timeline.js("kgView.setCoMentions(2)")
    timeline.wait("() => kgView.shownEdges().filter(id => id.startsWith('c')).length === 3")
    assert timeline.edge_pairs("coMention") == sorted([(BAIDU, LI), (BAIDU, ERNIE), (LI, ERNIE)])


# --- dates -------------------------------------------------------------------------------


def test_date_sliders_span_the_articles_dates(timeline: LoadedPage) -> None:
    assert timeline.page.inner_text("#kg-date-text") == "2024-01-10 — 2024-06-15（4 篇文章）"


def test_date_slider_removes_facts_of_articles_outside_the_range(timeline: LoadedPage) -> None:
    timeline.slide("#kg-date-to", 0)  # up to 2024-01-10
    timeline.page.uncheck("#kg-date-undated")
    timeline.wait("id => !kgView.shownNodes().includes(id)", WANG)
    # Left: the first article (李彦宏 chairs 百度, 百度 makes 文心一言, 北京).
    assert timeline.shown_nodes() == sorted([BAIDU, BEIJING, ERNIE, LI])
    assert timeline.edge_pairs() == sorted([(LI, BAIDU), (ERNIE, BAIDU)])


def test_date_slider_start_drops_the_earlier_articles(timeline: LoadedPage) -> None:
    timeline.slide("#kg-date-from", 2)  # from 2024-06-15
    timeline.wait("id => !kgView.shownNodes().includes(id)", ERNIE)
    # Left: the 2024-06-15 article (李彦宏 chairs 百度) and the undated one (华为 makes 盘古).
    assert timeline.edge_pairs() == sorted([(LI, BAIDU), (PANGU, HUAWEI)])


def test_date_range_filters_the_panel_facts(timeline: LoadedPage) -> None:
    timeline.js("id => kgView.select(id)", LI)
    assert "我们会继续投入。" in timeline.panel_text()
    timeline.js("kgView.setDateRange('2024-06-01', null, false)")
    timeline.wait("() => document.querySelector('#kg-panel .kg-range-note') !== null")
    text = timeline.panel_text()
    assert "我们会继续投入。" not in text and "百度董事长李彦宏出席。" in text
    assert "百度董事长李彦宏在北京发布了文心一言。" not in text


def test_person_panel_lists_roles_with_article_dates(timeline: LoadedPage) -> None:
    timeline.js("id => kgView.select(id)", LI)
    roles = timeline.page.locator("#kg-panel .kg-role").all_inner_texts()
    assert roles == ["董事长 · 百度（2024-01-10、2024-06-15）"]


def test_person_roles_follow_the_date_range(timeline: LoadedPage) -> None:
    timeline.js("kgView.setDateRange(null, '2024-02-01', true)")
    timeline.js("id => kgView.select(id)", LI)
    assert timeline.page.locator("#kg-panel .kg-role").all_inner_texts() == ["董事长 · 百度（2024-01-10）"]


def test_selected_entity_is_drawn_whatever_the_date_range(timeline: LoadedPage) -> None:
    timeline.js("kgView.setDateRange(null, '2024-01-31', false)")
    timeline.wait("id => !kgView.shownNodes().includes(id)", HUAWEI)
    timeline.search("华为")
    assert timeline.wait("id => kgView.shownNodes().includes(id)", HUAWEI) is True


# --- tooltip --------------------------------------------------------------------------------


def _tooltip(view: LoadedPage, entity_id: str) -> str:
    assert view.js("id => kgView.showTooltip(id)", entity_id) is True
    return view.wait("() => kgView.tooltipText()")  # type: ignore[return-value]


def test_tooltip_shows_name_type_and_article_count(timeline: LoadedPage) -> None:
    assert _tooltip(timeline, BAIDU).split("\n")[:2] == ["百度", "机构 · 文章数 3"]


def test_tooltip_of_a_person_shows_the_top_roles(timeline: LoadedPage) -> None:
    assert _tooltip(timeline, LI).split("\n")[2] == "职务：董事长（百度）"


def test_tooltip_of_a_model_shows_its_maker(timeline: LoadedPage) -> None:
    assert _tooltip(timeline, ERNIE).split("\n")[2] == "研发/发布：百度"


def test_tooltip_is_plain_text_in_the_page_s_own_element(timeline: LoadedPage) -> None:
    _tooltip(timeline, LI)
    assert timeline.js("document.querySelectorAll('#kg-tooltip *, div.vis-tooltip').length") == 0
    assert timeline.page.is_visible("#kg-tooltip")


def test_hovering_a_node_shows_its_tooltip(timeline: LoadedPage) -> None:
    # vis-network's own hover event, as its pointer handling emits it: no pointer geometry.
    timeline.js("id => kgNetwork.emit('hoverNode', {node: id, pointer: {DOM: {x: 40, y: 40}}})", WANG)
    assert timeline.wait("() => kgView.tooltipText()").startswith("王海峰\n")  # type: ignore[union-attr]
    timeline.js("id => kgNetwork.emit('blurNode', {node: id})", WANG)
    timeline.wait("() => kgView.tooltipText() === null")


def test_hovering_a_co_mention_edge_shows_its_count(timeline: LoadedPage) -> None:
    timeline.js("kgView.setCoMentions(3)")
    edge_id = timeline.wait("() => kgView.shownEdges().find(id => id.startsWith('c'))")
    timeline.js("id => kgNetwork.emit('hoverEdge', {edge: id, pointer: {DOM: {x: 40, y: 40}}})", edge_id)
    assert "共同出现于 3 篇文章" in timeline.wait("() => kgView.tooltipText()")  # type: ignore[operator]


# --- articles without a headline ------------------------------------------------------------


def test_headline_less_article_shows_its_first_line(timeline: LoadedPage) -> None:
    timeline.js("id => kgView.select(id)", LI)
    sources = timeline.page.locator("#kg-panel .kg-source").all_inner_texts()
    assert any(s.startswith(f"—— {UNTITLED_FIRST_LINE} · 2024-06-15") for s in sources), sources
    assert not any("news/a3.txt" in s for s in sources)


def test_headline_less_article_keeps_its_path_as_the_line_s_title(timeline: LoadedPage) -> None:
    timeline.js("id => kgView.select(id)", LI)
    titles = timeline.js("[...document.querySelectorAll('#kg-panel .kg-source')].map(e => e.title)")
    assert "news/a3.txt" in titles  # type: ignore[operator]


# --- search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "entity_id"),
    [
        ("周鴻禕", ZHOU),  # Traditional alias
        ("周鸿祎", ZHOU),  # Simplified label
        ("鴻禕", ZHOU),  # part of a name
        ("360集團", QIHOO),  # Traditional form of a Simplified label
        ("open ai", OPENAI),  # alias, any case
    ],
)
def test_search_selects_the_entity(loaded: LoadedPage, typed: str, entity_id: str) -> None:
    loaded.search(typed)
    assert loaded.js("kgNetwork.getSelectedNodes()") == [entity_id]


def test_search_shows_the_entity_in_the_panel(loaded: LoadedPage) -> None:
    loaded.search("周鴻禕")
    assert loaded.page.inner_text("#kg-panel h2") == "周鸿祎"


def test_panel_shows_the_traditional_form_of_the_label(loaded: LoadedPage) -> None:
    loaded.search("360集团")
    assert "繁體：360集團" in loaded.panel_text()


def test_search_lists_matches_while_typing(loaded: LoadedPage) -> None:
    loaded.page.fill("#kg-search", "so")
    assert loaded.page.locator("#kg-search-results button").all_inner_texts()[0].startswith("Sora")


# --- filters -------------------------------------------------------------------------


def test_unchecking_a_type_hides_its_nodes(view: LoadedPage) -> None:
    view.page.uncheck('#kg-types input[data-type="Organization"]')
    shown = view.js("kgNetwork.body.data.nodes.getIds()")
    assert sorted(shown) == sorted([ZHOU, SORA])


def test_hiding_a_type_hides_its_edges(view: LoadedPage) -> None:
    view.page.uncheck('#kg-types input[data-type="Organization"]')
    assert view.js("kgNetwork.body.data.edges.length") == 0


def test_unchecking_a_relation_hides_its_edges(view: LoadedPage) -> None:
    view.page.uncheck('#kg-relations input[data-relation="membership"]')
    assert view.js("kgNetwork.body.data.edges.map(e => [e.from, e.to])") == [[SORA, OPENAI]]


def test_checking_a_type_again_shows_its_nodes(view: LoadedPage) -> None:
    box = '#kg-types input[data-type="Organization"]'
    view.page.uncheck(box)
    view.page.check(box)
    assert view.js("kgNetwork.body.data.nodes.length") == 4


# --- click: neighbourhood and panel --------------------------------------------------------


def test_clicking_a_node_dims_all_but_its_neighbourhood(view: LoadedPage) -> None:
    view.js("id => kgView.clickNode(id)", ZHOU)
    dimmed = view.js("kgData.nodes.get().filter(n => n.color.background === '#eceff1').map(n => n.id)")
    assert sorted(dimmed) == sorted([SORA, OPENAI])


def test_clicking_a_node_shows_its_quotations_with_their_article(view: LoadedPage) -> None:
    view.js("id => kgView.clickNode(id)", ZHOU)
    text = view.panel_text()
    # The article without a headline is named by its first line (here its whole text).
    expected = ("大模型是新的工业革命。", "周鸿祎谈大模型", "Sora讓人震撼。", f"—— {TRADITIONAL_TEXT}")
    assert all(part in text for part in expected)


def test_clicking_a_node_shows_its_facts_with_sentence_and_source(view: LoadedPage) -> None:
    view.js("id => kgView.clickNode(id)", ZHOU)
    text = view.panel_text()
    expected = ("创始人", "360集团创始人周鸿祎在发布会上表示", "测试日报", "0.92")
    assert all(part in text for part in expected)


def test_clicking_an_edge_shows_its_sentence_and_confidence(view: LoadedPage) -> None:
    edge_id = view.js(f"kgData.edges.get().find(e => e.from === {SORA!r}).id")
    view.js("id => kgView.clickEdge(id)", edge_id)
    text = view.panel_text()
    assert all(part in text for part in ("OpenAI發布了影片生成模型Sora。", TRADITIONAL_TEXT, "0.97"))


def test_clicking_the_background_clears_the_highlight(view: LoadedPage) -> None:
    view.js("id => kgView.clickNode(id)", ZHOU)
    view.js("kgView.clickBackground()")
    assert view.js("kgData.nodes.get().filter(n => n.color.background === '#eceff1').length") == 0


def test_clicking_the_background_restores_every_label(view: LoadedPage) -> None:
    view.js("id => kgView.clickNode(id)", ZHOU)
    view.js("kgView.clickBackground()")
    label_colours = view.js(
        """[...Object.values(kgNetwork.body.nodes), ...Object.values(kgNetwork.body.edges)]
            .map(item => item.options.font.color)"""
    )
    assert set(label_colours) == {INK}


def test_a_real_click_on_a_node_opens_its_panel(view: LoadedPage) -> None:
    # The camera is centred on the node first, so the click lands on it whatever the layout.
    view.js("id => kgView.focus(id)", ZHOU)
    box = view.page.locator("#kg-network").bounding_box()
    assert box is not None
    view.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert view.wait("() => document.querySelector('#kg-panel h2').textContent") == "周鸿祎"


# --- hostile text --------------------------------------------------------------------------


def test_hostile_page_runs_nothing(hostile_view: LoadedPage) -> None:
    hostile_view.search("<img")
    assert hostile_view.js("typeof window.__pwned") == "undefined"


def test_hostile_name_shows_as_text(hostile_view: LoadedPage) -> None:
    hostile_view.search("<img")
    assert hostile_view.page.inner_text("#kg-panel h2") == HOSTILE_NAME


def test_hostile_alias_role_and_quote_show_as_text(hostile_view: LoadedPage) -> None:
    hostile_view.js("id => kgSelect(id)", HOSTILE)
    text = hostile_view.panel_text()
    assert HOSTILE_ALIAS in text and HOSTILE_QUOTE.split("\u2028")[0] in text


def test_hostile_text_adds_no_element(hostile_view: LoadedPage) -> None:
    hostile_view.js("id => kgSelect(id)", HOSTILE)
    assert hostile_view.js("document.querySelectorAll('#kg-panel img, #kg-panel script, #kg-panel b').length") == 0


def test_hostile_role_shows_as_text_in_the_tooltip(hostile_view: LoadedPage) -> None:
    text = _tooltip(hostile_view, HOSTILE)
    assert text.split("\n") == [HOSTILE_NAME, "人物 · 文章数 1", f"职务：{HOSTILE_ALIAS}（360集团）"]
    assert hostile_view.js("document.querySelectorAll('#kg-tooltip *').length") == 0


# --- large graphs: positions from Python, no physics ------------------------------------------


def test_large_graph_is_drawn_without_physics(browser: Browser, large_file: Path) -> None:
    for loaded in _open(browser, large_file):
        drawn = loaded.js("[kgNetwork.body.data.nodes.length, kgNetwork.physics.options.enabled]")
        assert drawn == [PRECOMPUTED_LAYOUT_ABOVE + 1, False]
