"""Debian's headless Chromium for the browser tests: where it is, how it starts,
and what a test module does when it is missing (fail in CI, skip elsewhere)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


def require_chromium() -> None:
    """At a browser test module's import: a missing Chromium fails the run in CI and
    skips the module elsewhere, saying so (`make test` installs it as root)."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium fonts-wqy-microhei)"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(f"{message}; skipped only because CI is not set", allow_module_level=True)
