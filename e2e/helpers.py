"""What the browser tests share: the test users' password and logging in."""

from __future__ import annotations

from playwright.sync_api import Page

PASSWORD = "demo-Password-1"


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit].button-primary")
