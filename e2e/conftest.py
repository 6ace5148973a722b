"""Browser tests: Debian's chromium driven by Playwright against a live server.

Where chromium is missing the tests are skipped with the reason in the summary, unless
JOBBRO_REQUIRE_BROWSER is set (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from tests import pdf_support

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """The live server, answering one request at a time.

    On SQLite the tests' database is in memory, so every request thread shares the test's
    one connection; two requests at once (Chromium's PDF viewer fetching a file while the
    test fetches it too) interleave their savepoints on it and fail with "no such
    savepoint". Connections stay threaded, so an idle keep-alive connection blocks no one.
    """

    _lock = threading.Lock()

    def get_app(self) -> Callable[..., Iterable[bytes]]:
        app = super().get_app()

        def one_at_a_time(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            with self._lock:
                response = app(environ, start_response)
                try:
                    return list(response)
                finally:
                    if hasattr(response, "close"):
                        response.close()

        return one_at_a_time


LiveServerThread.server_class = OneRequestAtATimeServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SKIP_REASON = (
    "browser tests skipped: Debian's chromium is not installed "
    "(sudo apt-get install chromium); CI always runs them"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    pdf_support.skip_pdf_tests(config, items)  # PDFs need Pango, as in tests/
    if CHROMIUM:
        return
    if os.environ.get("JOBBRO_REQUIRE_BROWSER"):
        raise pytest.UsageError("JOBBRO_REQUIRE_BROWSER is set but chromium is not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    pdf_support.note_skipped(terminalreporter)
    if not CHROMIUM:
        terminalreporter.write_line(f"NOTE: {SKIP_REASON}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under e2e/artifacts/ (kept by CI as an artefact)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def fresh_matching_index() -> Iterator[None]:
    """The live server's search index must not remember another test's candidates."""
    from jobbro.matching.holder import get_holder

    get_holder().clear()
    yield
    get_holder().clear()
