"""Take the README's screenshot of a build's graph.html in headless Chromium.

    .venv/bin/kg build seeds --out /tmp/seedbuild
    .venv/bin/python docs/screenshot.py /tmp/seedbuild/graph.html docs/img/graph_view.png

Drives Debian's /usr/bin/chromium through Playwright (never ``playwright
install``), offline: the page may load nothing but its own file. It searches
for one name, so the side panel shows an entity, and waits for the focus
animation.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
VIEWPORT = {"width": 1200, "height": 800}
READY_TIMEOUT_MS = 30_000


def take_screenshot(html: Path, out: Path, *, search: str) -> None:
    """Open ``html``, search for ``search``, and write the viewport as a PNG to ``out``."""
    url = html.resolve().as_uri()

    def only_the_file(route: Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.route("**/*", only_the_file)
            page.goto(url)
            # A function, not a bare expression: the page's CSP refuses the string evaluation of one.
            page.wait_for_function("() => window.kgView && window.kgView.ready()", timeout=READY_TIMEOUT_MS)
            page.fill("#kg-search", search)
            page.press("#kg-search", "Enter")
            page.wait_for_function("() => window.kgView.idle()", timeout=READY_TIMEOUT_MS)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="a build's graph.html")
    parser.add_argument("out", type=Path, help="PNG to write")
    parser.add_argument("--search", default="周鸿祎", help="name to search for (default 周鸿祎)")
    args = parser.parse_args()
    take_screenshot(args.html, args.out, search=args.search)


if __name__ == "__main__":
    main()
