"""The shortage signals in a real browser: a business consultant finds the page in the menu,
reads the scarce occupations and must-haves with the suggested course, sees the chart drawn
from the table, narrows the span; Danish and English; axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.foresight.selectors import last_months
from jobbro.organisations.models import Role
from tests.factories import staff
from tests.foresight.world import build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_consultant_reads_the_shortages(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    world = build()
    staff(Role.BUSINESS_CONSULTANT, world.herlev, username="konsulent", password=PASSWORD)
    log_in(page, "konsulent")
    page.get_by_role("link", name="Opkvalificering").first.click()
    page.get_by_role("link", name="Mangelsignaler").first.click()
    expect(page.locator("h1")).to_have_text("Mangelsignaler")

    rows = page.get_by_test_id("occupation-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("tømrer")
    expect(rows.first.get_by_test_id("signal")).to_have_text("Mangel")
    expect(rows.nth(1).get_by_test_id("signal")).to_have_text("Hold øje")
    expect(page.locator("canvas[data-chart=occupations]")).to_have_attribute("data-drawn", "true")

    must = page.get_by_test_id("requirement-row")
    expect(must.first).to_contain_text("personlig pleje")
    expect(must.first.get_by_test_id("signal")).to_have_text("Ingen har det")
    expect(must.first.get_by_test_id("courses")).to_contain_text("overvej at oprette et")
    expect(must.nth(1).get_by_test_id("courses")).to_contain_text("Truck B")
    expect(page.get_by_test_id("trends")).to_contain_text("kvt.")
    assert_no_axe_violations(page)
    screenshot("foresight-da")

    # Three months: the carpenter order of 100 days ago drops out.
    page.select_option("#id_months", "3")
    page.get_by_role("button", name="Vis").click()
    expect(rows.first.locator("td").nth(1)).to_have_text("5")

    page.click("[data-testid=lang-en]")
    expect(page.locator("h1")).to_have_text("Shortage signals")
    expect(page.locator("#id_months option:checked")).to_have_text("the last 3 months")
    start = last_months(world.today, 3).start
    expect(page.get_by_test_id("occupation-row").first.get_by_test_id("signal")).to_have_text(
        "Shortage"
    )
    # The span in English dates ("8 September 2026"), not the Danish "8. September".
    expect(page.get_by_test_id("span")).to_contain_text(
        f"from {start.day} {start:%B} {start.year} to {world.today.day} {world.today:%B}"
    )
    screenshot("foresight-en")
