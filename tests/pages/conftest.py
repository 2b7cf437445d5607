"""The pages in a real browser: Debian's Chromium driven by Playwright, against a live server.

The server runs over a database of its own (fixtures loaded; the review test writes to it),
so nothing written here reaches the other tests. No browser is ever downloaded.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from api.config import PROJECT_ROOT
from tests.conftest import drop_database, migrated_database
from tests.servers import running_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (320, 768, 1280)
DOCS_SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"


def require(found: bool, message: str) -> None:
    """Skipped on a workstation without the tool; a failure in CI (`.ci/run` installs it)."""
    if found:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pages_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = migrated_database(tmp_path_factory.mktemp("pages-db"))
    yield url
    drop_database(url)


@pytest.fixture(scope="session")
def base_url(pages_database_url: str) -> Iterator[str]:
    with running_server(pages_database_url) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium")
    found = importlib.util.find_spec("playwright") is not None
    require(found, "playwright is missing: run `make install` (the test extra)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE.exists(), f"{AXE} is missing: run `make install` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this run's screenshots go (under pytest's basetemp)."""
    return tmp_path_factory.mktemp("screenshots", numbered=False)


def keep_for_readme(shot: Path, name: str) -> None:
    """Copy a screenshot to docs/screenshots/`name` when asked (STANCES_UPDATE_SCREENSHOTS=1),
    so a plain test run leaves the committed pictures alone."""
    if os.environ.get("STANCES_UPDATE_SCREENSHOTS"):
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOTS / name)


@dataclass
class Visit:
    """A page opened in its own browser context, with what it asked for and complained of."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign_requests(self, *origins: str) -> list[str]:
        allowed = {urlsplit(o).netloc for o in origins}
        return [u for u in self.requests if urlsplit(u).netloc not in allowed]


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    """visit(url, width=1280, dark=False): open `url`, recording requests and console errors."""
    contexts: list[Any] = []

    def open_page(url: str, width: int = 1280, dark: bool = False, wait: str = "load") -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme="dark" if dark else "light",
            reduced_motion="reduce",
        )
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                seen.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: seen.console_errors.append(str(error)))
        page.goto(url, wait_until=wait)
        return seen

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's violations on the page (every rule it runs by default, best practices too).

    Evaluated through the DevTools protocol, not a <script> tag, which the pages' CSP refuses.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )


def no_sideways_scroll(page: Any) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@dataclass
class StaticSite:
    """Files served by a plain http.server on another loopback port: a host page's origin."""

    root: Path
    url: str


@pytest.fixture(scope="session")
def host_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticSite]:
    root = tmp_path_factory.mktemp("host-site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StaticSite(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass
