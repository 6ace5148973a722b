"""The board meeting in a real browser: a business consultant finds it from the menu, picks
a week, prints it (print media: no menu, one clean A4), exports it; Danish and English; axe
finds nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.organisations.models import Role
from tests.board.world import build
from tests.factories import staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_consultant_prints_and_exports_the_weeks_board(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    world = build()
    staff(Role.BUSINESS_CONSULTANT, world.herlev, username="konsulent", password=PASSWORD)
    log_in(page, "konsulent")
    page.get_by_role("link", name="Tavlemøde").first.click()
    expect(page.locator("h1")).to_contain_text("Tavlemøde, uge")

    page.fill("#id_week", "2026-W10")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("h1")).to_have_text("Tavlemøde, uge 10 2026")
    expect(page.get_by_test_id("figure-positions")).to_have_text("4")
    expect(page.get_by_test_id("figure-hires")).to_have_text("2")
    expect(page.get_by_test_id("subsidised")).to_contain_text("Sekretariatet")
    expect(page.get_by_test_id("hard")).to_contain_text("rengøringsassistent")
    expect(page.get_by_test_id("stuck")).to_contain_text("Fristen udløb for 9 dage siden")
    expect(page.get_by_test_id("events")).to_contain_text("Byggeriets dag")
    expect(page.get_by_text("Nord A/S")).to_have_count(0)
    assert_no_axe_violations(page)
    screenshot("board-da")

    # The Print button prints (the dialog itself is the browser's).
    page.evaluate("window.print = () => { window.printed = true }")
    page.get_by_test_id("print").click()
    assert page.evaluate("window.printed") is True

    # As printed: the content alone, the date of the board, no menu, form or buttons.
    page.emulate_media(media="print")
    expect(page.locator("header.header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator("#id_week")).to_be_hidden()
    expect(page.get_by_test_id("print")).to_be_hidden()
    expect(page.get_by_text("Udskrevet fra Jobbro")).to_be_visible()
    expect(page.get_by_test_id("stuck")).to_be_visible()
    screenshot("board-print-da")
    pdf = page.pdf(format="A4", print_background=False)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 2  # the week on one sheet, both sides
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Excel (.xlsx)").click()
    assert download.value.suggested_filename == "tavlemoede-2026-W10.xlsx"

    page.click("[data-testid=lang-en]")
    expect(page.locator("h1")).to_have_text("Board meeting, week 10 2026")
    page.select_option("#id_job_centre", label="Jobcenter Gladsaxe")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("board-scope")).to_contain_text("Jobcenter Gladsaxe")
    expect(page.get_by_test_id("no-filled")).to_have_text("No hires recorded in the week.")
    expect(page.get_by_test_id("stuck")).to_contain_text("Deadline passed 9 days ago")
    assert_no_axe_violations(page)
    screenshot("board-en")
    page.emulate_media(media="print")
    screenshot("board-print-en")


def test_a_bad_week_is_said_in_the_users_language(page: Page) -> None:
    world = build()
    staff(Role.TEAM_LEADER, world.herlev, username="teamleder", password=PASSWORD)
    log_in(page, "teamleder")
    page.goto("/board/?week=2026-W54")
    expect(page.locator(".form-error-message")).to_have_text("Det år har ikke den uge.")
    expect(page.get_by_test_id("figures")).to_have_count(0)
    assert_no_axe_violations(page)
    # A week long gone is refused too, naming the first week the board goes back to.
    page.goto("/board/?week=1800-W01")
    expect(page.locator(".form-error-message")).to_contain_text("Vælg en uge højst ti år tilbage: ")
    expect(page.get_by_test_id("figures")).to_have_count(0)
