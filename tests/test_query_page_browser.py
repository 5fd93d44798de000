"""kg serve's /query page in a real headless Chromium (Debian's /usr/bin/chromium through Playwright).

The page is served by a running endpoint on a real build of the seeds; a
person's steps are played: pick a bundled example, run it, read the table;
type a query with a mistake, read where it is. The page must ask nothing of
any other origin, and a value from the graph must show as text, never run.
Waits are on the page's own elements, never fixed sleeps.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

from graph.serve.http import ServerConfig, SparqlServer

ARTIFACTS = Path(__file__).parent / "artifacts"
WAIT_MS = 30_000

require_chromium()

from playwright.sync_api import Browser, Page, Request, Route, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server_url(seeds_build: tuple[object, object, Path]) -> Iterator[str]:
    config = ServerConfig(seeds_build[2], port=0, workers=1, timeout_s=30)
    with SparqlServer(config) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server.url
        finally:
            server.shutdown()
            thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class QueryPage:
    """The /query page, with every request it made and any script error; other origins are refused."""

    def __init__(self, page: Page, root: str) -> None:
        self.page = page
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(root))
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.route("**/*", self._same_origin_only)
        page.goto(root + "query")
        page.locator("html[data-kg-ready=true]").wait_for(state="attached", timeout=WAIT_MS)

    def _same_origin_only(self, route: Route, request: Request) -> None:
        self.requests.append(request.url)
        if request.url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()

    def run(self) -> None:
        self.page.click("#kg-run")


@pytest.fixture
def query_page(browser: Browser, server_url: str) -> Iterator[QueryPage]:
    context = browser.new_context(viewport={"width": 1300, "height": 900}, service_workers="block")
    try:
        yield QueryPage(context.new_page(), server_url)
    finally:
        context.close()


def test_a_bundled_example_runs_and_shows_a_table(query_page: QueryPage) -> None:
    page = query_page.page
    page.select_option("#kg-example", label="people_titles.rq — People and their titles, organization by organization.")
    assert page.input_value("#kg-query").startswith("# People and their titles")
    query_page.run()
    page.locator("#kg-output table td", has_text="周鸿祎").first.wait_for(timeout=WAIT_MS)
    headers = page.locator("#kg-output th").all_inner_texts()
    assert headers == ["organization", "person", "title", "former", "best_confidence", "articles"]
    row = page.locator("#kg-output tr", has=page.locator("td", has_text="周鸿祎")).first.locator("td").all_inner_texts()
    assert row[:3] == ["360集团", "周鸿祎", "创始人"]
    assert page.inner_text("#kg-status").endswith(" s)") and " rows" in page.inner_text("#kg-status")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query_page.png"), full_page=True)
    assert query_page.blocked == [] and query_page.errors == []
    assert {url.removeprefix(query_page.origin) for url in query_page.requests} == {"/query", "/sparql"}


def test_a_typed_query_by_plain_name_finds_the_person(query_page: QueryPage) -> None:
    page = query_page.page
    page.fill("#kg-query", 'SELECT ?p ?type WHERE { ?p schema:name "周鸿祎" ; a ?type }')
    page.press("#kg-query", "Control+Enter")
    cell = page.locator("#kg-output td", has_text="kgr:person/周鸿祎")
    cell.wait_for(timeout=WAIT_MS)
    assert cell.get_attribute("title") == "https://w3id.org/cnkg/id/person/周鸿祎"
    assert page.locator("#kg-output td", has_text="schema:Person").count() == 1


def test_a_malformed_query_says_where_and_what(query_page: QueryPage) -> None:
    page = query_page.page
    page.fill("#kg-query", "SELEC * WHERE { ?s ?p ?o }")
    query_page.run()
    status = page.locator("#kg-status.error")
    status.wait_for(timeout=WAIT_MS)
    assert status.inner_text() == (
        "400 Bad Request: malformed SPARQL query: line 1, column 1: unknown keyword SELEC "
        "(expected SELECT, CONSTRUCT, DESCRIBE or ASK)"
    )
    assert page.locator("#kg-output *").count() == 0


def test_a_value_that_looks_like_markup_shows_as_text(query_page: QueryPage) -> None:
    page = query_page.page
    hostile = "<img src=x onerror=document.title='owned'><script>document.title='owned'</script>"
    page.fill("#kg-query", f'SELECT ?x WHERE {{ BIND("{hostile}" AS ?x) }}')
    query_page.run()
    page.locator("#kg-output td").first.wait_for(timeout=WAIT_MS)
    assert page.locator("#kg-output td").first.inner_text() == hostile
    assert page.locator("#kg-output img, #kg-output script").count() == 0
    assert page.title() != "owned"
    assert query_page.blocked == []


def test_other_formats_show_the_answer_as_text(query_page: QueryPage) -> None:
    page = query_page.page
    page.fill("#kg-query", 'SELECT ?p WHERE { ?p schema:name "周鸿祎" }')
    page.select_option("#kg-format", "csv")
    query_page.run()
    page.locator("#kg-output pre", has_text="周鸿祎").wait_for(timeout=WAIT_MS)
    assert page.inner_text("#kg-output pre").splitlines() == ["p", "https://w3id.org/cnkg/id/person/周鸿祎"]
