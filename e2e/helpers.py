"""What the browser tests share: the test users' password, logging in, and axe."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

PASSWORD = "demo-Password-1"
# The accessibility engine, pinned in package.json; only the tests load it, never a page.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].button-primary")


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def assert_no_axe_violations(page: Page, *, disable: tuple[str, ...] = ()) -> None:
    """Run axe-core on the page as it is now and fail with every violation it finds.

    axe is evaluated through the browser's debugging protocol, which the page's content
    security policy does not govern (an inline <script> tag would be blocked, and reported
    as a violation). `disable` names rules a test leaves out, with its reason at the call.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    options = {"rules": {rule: {"enabled": False} for rule in disable}}
    result = page.evaluate("options => window.axe.run(document, options)", options)
    violations = [
        {
            "rule": item["id"],
            "impact": item["impact"],
            "help": item["help"],
            "nodes": [node["target"] for node in item["nodes"]][:5],
        }
        for item in result["violations"]
    ]
    assert not violations, f"axe on {page.url}:\n" + json.dumps(violations, indent=2)
