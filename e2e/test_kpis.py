"""The key figures in a real browser: a manager and a steering-group member find their
figures from the menu, in Danish and English, split one by job centre; axe finds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
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
    company = new_company(cooperation=herlev.cooperation, municipality=herlev.municipalities.get())
    order = JobOrderFactory(company=company, job_centre=herlev, positions=4)
    for centre in (herlev, gladsaxe):
        referral = ReferralFactory(
            job_order=order,
            candidate=CandidateFactory(job_centre=centre),
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
    assert_no_axe_violations(page)

    page.select_option("#id_figure", label="Ansættelser")
    page.select_option("#id_split", label="Jobcenter")
    page.get_by_role("button", name="Vis").click()
    split = page.get_by_test_id("split")
    expect(split).to_contain_text("Jobcenter Herlev")
    assert_no_axe_violations(page)
    screenshot("kpis-da")

    page.click("[data-testid=lang-en]")
    expect(page.locator("h1")).to_have_text("Key figures")
    expect(_row(page, "fill_rate")).to_have_text("50 % (2 of 4)")
    assert_no_axe_violations(page)
    screenshot("kpis-en")

    page.context.clear_cookies()
    log_in(page, "styregruppe")
    page.goto("/kpis/")
    expect(_row(page, "hires")).to_have_text("2")
