"""The key figures in a real browser: a manager and a steering-group member find their
figures from the menu, in Danish and English, split one by job centre, see the charts drawn
beside their tables, and follow a count to the hires behind it (no candidate named for
leaders; the secretariat sees the consenting ones); axe finds nothing."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.candidates.models import ConsentScope
from jobbro.joborders.models import ReferralState
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    JobCentreFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    new_company,
    staff,
    steering_group_member,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _world() -> None:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.MANAGER, herlev, username="leder", password=PASSWORD)
    steering_group_member(gladsaxe, username="styregruppe", password=PASSWORD)
    staff(Role.SECRETARIAT, herlev, username="sekretariat", password=PASSWORD)
    company = new_company(cooperation=herlev.cooperation, municipality=herlev.municipalities.get())
    order = JobOrderFactory(company=company, job_centre=herlev, positions=4)
    for centre, consent in ((herlev, ConsentScope.COOPERATION), (gladsaxe, ConsentScope.NONE)):
        referral = ReferralFactory(
            job_order=order,
            candidate=CandidateFactory(
                job_centre=centre,
                first_name="Karin",
                last_name=f"Holm {centre.name}",
                consent_scope=consent,
            ),
            state=ReferralState.HIRED,
        )
        PlacementFactory(referral=referral, start_date=timezone.localdate())


def _row(page: Page, key: str):  # type: ignore[no-untyped-def]
    return page.locator(f"tr[data-kpi={key}] [data-testid=current]")


def test_a_manager_and_a_steering_group_member_read_the_key_figures(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    _world()
    log_in(page, "leder")
    page.get_by_role("link", name="Nøgletal").first.click()
    expect(page.locator("h1")).to_have_text("Nøgletal")
    expect(_row(page, "positions")).to_have_text("4")
    expect(_row(page, "fill_rate")).to_have_text("50 % (2 af 4)")
    expect(_row(page, "cross_municipal")).to_have_text("50 % (1 af 2)")
    _charts_are_drawn(page, "[data-testid=family-chart] canvas")
    assert_no_axe_violations(page)

    page.select_option("#id_figure", label="Ansættelser")
    page.select_option("#id_split", label="Jobcenter")
    page.get_by_role("button", name="Vis").click()
    split = page.get_by_test_id("split")
    expect(split).to_contain_text("Jobcenter Herlev")
    _charts_are_drawn(page, "[data-testid=split-chart] canvas")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Excel (.xlsx)").click()
    assert download.value.suggested_filename.startswith("noegletal-")  # in Danish
    assert_no_axe_violations(page)
    screenshot("kpis-da")

    # Printed: the figures alone, no menu, header, footer, filters or downloads.
    page.emulate_media(media="print")
    expect(page.locator("header.header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator("#id_figure")).to_be_hidden()
    expect(page.get_by_test_id("exports")).to_be_hidden()
    expect(page.get_by_test_id("kpis")).to_be_visible()
    expect(split).to_be_visible()
    screenshot("kpis-print-da")
    page.emulate_media(media="screen")

    # From the split's Herlev row (the job order's centre) to the hires behind it: no
    # candidate named for a leader.
    split.get_by_role("row", name="Jobcenter Herlev").get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("Ansættelser")
    expect(page.get_by_test_id("group")).to_have_text("Jobcenter Herlev")
    items = page.get_by_test_id("items")
    expect(items.locator("tbody tr")).to_have_count(2)
    expect(items).to_contain_text("En kandidat i Jobcenter Herlev")
    expect(items).to_contain_text("En kandidat i Jobcenter Gladsaxe")
    expect(items).not_to_contain_text("Karin")
    assert_no_axe_violations(page)
    screenshot("kpis-items-da")
    page.get_by_role("link", name="Tilbage til nøgletallene").click()
    expect(page.locator("h1")).to_have_text("Nøgletal")

    page.click("[data-testid=lang-en]")
    expect(page.locator("h1")).to_have_text("Key figures")
    expect(_row(page, "fill_rate")).to_have_text("50 % (2 of 4)")
    _charts_are_drawn(page, "[data-testid=family-chart] canvas")
    assert_no_axe_violations(page)
    screenshot("kpis-en")
    _row(page, "hires").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Hires")
    expect(page.get_by_test_id("items").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("items")).not_to_contain_text("Karin")
    assert_no_axe_violations(page)
    screenshot("kpis-items-en")

    page.context.clear_cookies()
    log_in(page, "styregruppe")
    page.goto("/kpis/")
    expect(_row(page, "hires")).to_have_text("2")
    _row(page, "hires").get_by_role("link").click()
    expect(page.get_by_test_id("items").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("items")).not_to_contain_text("Karin")

    # The secretariat reads the consenting candidate's name, and only hers.
    page.context.clear_cookies()
    log_in(page, "sekretariat")
    page.goto("/kpis/")
    _row(page, "hires").get_by_role("link").click()
    items = page.get_by_test_id("items")
    expect(items.get_by_role("link", name="Karin Holm Jobcenter Herlev")).to_be_visible()
    expect(items).to_contain_text("En kandidat i Jobcenter Gladsaxe")
    expect(items).not_to_contain_text("Holm Jobcenter Gladsaxe")
    assert_no_axe_violations(page)


def _charts_are_drawn(page: Page, canvases: str) -> None:
    """Each chart's canvas is drawn (Chart.js ran under the content security policy; one
    with no figure in either period is left out) and hidden from screen readers, which read
    the table it draws."""
    drawn = page.locator(canvases)
    expect(drawn.first).to_have_attribute("data-drawn", "true")
    for i in range(drawn.count()):
        expect(drawn.nth(i)).to_have_attribute("data-drawn", re.compile("^(true|empty)$"))
        expect(drawn.nth(i)).to_have_attribute("aria-hidden", "true")
        table = drawn.nth(i).get_attribute("data-table")
        expect(page.locator(f"table#{table}")).to_be_visible()


def test_a_bad_filter_is_said_and_back_from_a_split_keeps_the_split(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    _world()
    log_in(page, "leder")
    page.goto("/kpis/?job_centre=99999")
    expect(page.locator(".form-error-message")).to_have_text(
        "Ukendt jobcenter: vælg et af samarbejdets jobcentre."
    )
    expect(page.get_by_test_id("kpis")).to_have_count(0)
    page.goto("/kpis/?kind=year&day=1800-01-01")
    expect(page.locator(".form-error-message")).to_have_text("Vælg en dag fra 01.01.1990 og frem.")

    page.goto("/kpis/")
    page.select_option("#id_figure", label="Ansættelser")
    page.select_option("#id_split", label="Målgruppe")
    page.get_by_role("button", name="Vis").click()
    split = page.get_by_test_id("split")
    expect(split.get_by_test_id("split-total")).to_contain_text("I alt*")
    expect(split.get_by_test_id("split-total").locator("td").first).to_have_text(
        _row(page, "hires").inner_text()
    )
    expect(page.get_by_test_id("split-overlap")).to_contain_text("kan være i flere grupper")
    screenshot("kpis-split-total-da")
    split.locator("tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("Ansættelser")
    page.get_by_role("link", name="Tilbage til nøgletallene").click()
    expect(page.get_by_test_id("split")).to_be_visible()
    expect(page.locator("#id_split")).to_have_value("target_group")
    expect(page.locator("#id_figure")).to_have_value("hires")
    expect(page.locator("#id_kind")).to_have_value("quarter")
    assert page.url.endswith("#split")
