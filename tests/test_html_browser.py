"""graph.html in a real headless Chromium (Debian's /usr/bin/chromium through Playwright).

The page must load from a file with no network at all, draw every entity,
and its search, filters, highlight and panel must work; hostile article text
must show as text and run nothing. A screenshot lands in tests/artifacts/
(ignored by git) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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
    ZHOU,
    hostile_graph,
    sample_graph,
    synthetic_graph,
)

from graph.outputs.view.page import INK, PRECOMPUTED_LAYOUT_ABOVE, write_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
READY_TIMEOUT_MS = 30_000

if not CHROMIUM.exists():
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium fonts-wqy-microhei)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(f"{message}; skipped only because CI is not set", allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright  # noqa: E402


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
        # Not wait_for_function: it evaluates a string, which the page's CSP (no 'unsafe-eval') refuses.
        ready = self.page.evaluate(
            """timeout => new Promise(resolve => {
                const start = performance.now();
                (function poll() {
                    if (window.__kgReady === true) resolve(true);
                    else if (performance.now() - start > timeout) resolve(false);
                    else setTimeout(poll, 20);
                })();
            })""",
            READY_TIMEOUT_MS,
        )
        assert ready, f"the network was not drawn within {READY_TIMEOUT_MS} ms"
        return self

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)

    def search(self, text: str) -> None:
        self.page.fill("#kg-search", text)
        self.page.press("#kg-search", "Enter")

    def panel_text(self) -> str:
        return self.page.inner_text("#kg-panel")

    def click_canvas_point(self, canvas_xy_js: str) -> None:
        """Click where the network draws the canvas point that ``canvas_xy_js`` evaluates to."""
        x, y = self.js(
            f"""() => {{
                const p = kgNetwork.canvasToDOM({canvas_xy_js});
                const box = document.getElementById("kg-network").getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }}"""
        )
        self.page.mouse.click(x, y)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("view") / "graph.html"
    write_html(sample_graph(), path)
    return path


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "graph.html"
    write_html(hostile_graph(), path)
    return path


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
    loaded.page.wait_for_timeout(600)  # the focus animation
    shot = ARTIFACTS / "graph_view.png"
    loaded.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


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


def _click_node(view: LoadedPage, entity_id: str) -> None:
    view.click_canvas_point(f"kgNetwork.getPositions([{entity_id!r}])[{entity_id!r}]")


def test_clicking_a_node_dims_all_but_its_neighbourhood(view: LoadedPage) -> None:
    _click_node(view, ZHOU)
    dimmed = view.js("kgData.nodes.get().filter(n => n.color.background === '#eceff1').map(n => n.id)")
    assert sorted(dimmed) == sorted([SORA, OPENAI])


def test_clicking_a_node_shows_its_quotations_with_their_article(view: LoadedPage) -> None:
    _click_node(view, ZHOU)
    text = view.panel_text()
    expected = ("大模型是新的工业革命。", "周鸿祎谈大模型", "Sora讓人震撼。", "seeds/sora.html")
    assert all(part in text for part in expected)


def test_clicking_a_node_shows_its_facts_with_sentence_and_source(view: LoadedPage) -> None:
    _click_node(view, ZHOU)
    text = view.panel_text()
    expected = ("创始人", "360集团创始人周鸿祎在发布会上表示", "测试日报", "0.92")
    assert all(part in text for part in expected)


def test_clicking_an_edge_shows_its_sentence_and_confidence(view: LoadedPage) -> None:
    edge_id = view.js(f"kgData.edges.get().find(e => e.from === {SORA!r}).id")
    view.click_canvas_point(f"kgNetwork.body.edges[{edge_id!r}].edgeType.getPoint(0.5)")
    text = view.panel_text()
    assert all(part in text for part in ("OpenAI發布了影片生成模型Sora。", "seeds/sora.html", "0.97"))


def test_clicking_the_background_clears_the_highlight(view: LoadedPage) -> None:
    _click_node(view, ZHOU)
    view.click_canvas_point("kgNetwork.DOMtoCanvas({x: 5, y: 5})")
    assert view.js("kgData.nodes.get().filter(n => n.color.background === '#eceff1').length") == 0


def test_clicking_the_background_restores_every_label(view: LoadedPage) -> None:
    _click_node(view, ZHOU)
    view.click_canvas_point("kgNetwork.DOMtoCanvas({x: 5, y: 5})")
    label_colours = view.js(
        """[...Object.values(kgNetwork.body.nodes), ...Object.values(kgNetwork.body.edges)]
            .map(item => item.options.font.color)"""
    )
    assert set(label_colours) == {INK}


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


# --- large graphs: positions from Python, no physics ------------------------------------------


def test_large_graph_is_drawn_without_physics(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_html(synthetic_graph(PRECOMPUTED_LAYOUT_ABOVE + 1), path)
    for loaded in _open(browser, path):
        drawn = loaded.js("[kgNetwork.body.data.nodes.length, kgNetwork.physics.options.enabled]")
        assert drawn == [PRECOMPUTED_LAYOUT_ABOVE + 1, False]
