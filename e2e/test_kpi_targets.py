"""Targets in a real browser: a steering-group member sets a target for hires split by three
job centres (first with parts that do not add up, which the form refuses), and a manager
reads the progress, in Danish and English; axe finds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.joborders.models import ReferralState
from jobbro.kpis.models import Target
from jobbro.organisations.models import JobCentre, Role
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


def _world() -> list[JobCentre]:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    ballerup = JobCentreFactory(name="Jobcenter Ballerup", cooperation=herlev.cooperation)
    staff(Role.MANAGER, herlev, username="leder", password=PASSWORD)
    steering_group_member(gladsaxe, username="styregruppe", password=PASSWORD)
    company = new_company(cooperation=herlev.cooperation, municipality=herlev.municipalities.get())
    for centre in (herlev, gladsaxe):
        order = JobOrderFactory(company=company, job_centre=centre, positions=2)
        referral = ReferralFactory(
            job_order=order,
            candidate=CandidateFactory(job_centre=centre),
            state=ReferralState.HIRED,
        )
        PlacementFactory(referral=referral, start_date=timezone.localdate())
    return [ballerup, gladsaxe, herlev]


def test_the_steering_group_sets_a_target_and_a_manager_reads_its_progress(
    page: Page, screenshot
) -> None:  # type: ignore[no-untyped-def]
    ballerup, gladsaxe, herlev = _world()
    year = timezone.localdate().year
    log_in(page, "styregruppe")
    page.goto("/kpis/")
    page.get_by_role("link", name="Mål", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Mål")
    expect(page.get_by_test_id("no-targets")).to_be_visible()
    page.get_by_role("link", name="Nyt mål").click()
    page.select_option("#id_kpi", "hires")
    page.fill("#id_start", dt.date(year, 1, 1).isoformat())
    page.fill("#id_end", dt.date(year, 12, 31).isoformat())
    page.fill("#id_value", "30")
    page.fill(f"#id_part_{herlev.pk}", "10")
    page.fill(f"#id_part_{gladsaxe.pk}", "10")
    page.fill(f"#id_part_{ballerup.pk}", "5")
    page.fill("#id_note", "Styregruppens mål for året")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-error")).to_contain_text(
        "Jobcentrenes dele giver tilsammen 25, ikke målet på 30."
    )
    assert not Target.objects.exists()
    assert_no_axe_violations(page)
    screenshot("kpi-targets-form-da")

    page.fill(f"#id_part_{ballerup.pk}", "10")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("h1")).to_have_text("Mål")
    expect(page.get_by_text("Målet er gemt.")).to_be_visible()
    target = page.get_by_test_id("target")
    expect(target.get_by_test_id("total")).to_contain_text("2 af 30 (7 %)")
    centres = target.get_by_test_id("target-centres")
    expect(centres.locator(f"tr[data-centre='{herlev.pk}']")).to_contain_text("1 af 10 (10 %)")
    expect(centres.locator(f"tr[data-centre='{ballerup.pk}']")).to_contain_text("0 af 10 (0 %)")
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    log_in(page, "leder")
    page.goto("/kpis/targets/")
    target = page.get_by_test_id("target")
    expect(target.locator("h2")).to_have_text("Ansættelser")
    expect(target.get_by_test_id("total")).to_contain_text("2 af 30 (7 %)")
    expect(target).to_contain_text("Styregruppens mål for året")
    expect(page.get_by_role("link", name="Nyt mål")).to_have_count(0)
    assert_no_axe_violations(page)
    screenshot("kpi-targets-da")
    # Printed: the targets alone, no menu, header, footer, day form or downloads.
    page.emulate_media(media="print")
    expect(page.locator("header.header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator("#id_on")).to_be_hidden()
    expect(page.get_by_test_id("exports")).to_be_hidden()
    expect(page.get_by_test_id("target")).to_be_visible()
    screenshot("kpi-targets-print-da")
    page.emulate_media(media="screen")

    page.click("[data-testid=lang-en]")
    expect(page.locator("h1")).to_have_text("Targets")
    expect(page.get_by_test_id("target").get_by_test_id("total")).to_contain_text("2 of 30 (7 %)")
    assert_no_axe_violations(page)
    screenshot("kpi-targets-en")


def test_a_target_for_construction_is_searched_and_a_second_one_is_refused(
    page: Page, screenshot
) -> None:  # type: ignore[no-untyped-def]
    _world()
    year = timezone.localdate().year

    def new_target() -> None:
        page.goto("/kpis/targets/new/")
        page.select_option("#id_kpi", "hires")
        page.fill("#id_start", dt.date(year, 1, 1).isoformat())
        page.fill("#id_end", dt.date(year, 12, 31).isoformat())
        page.fill("#id_value", "30")
        # The industry picker: a search, then a radio to choose the whole group.
        page.fill("#id_industry", "bygge")
        group = page.get_by_role("radio", name="F · Bygge- og anlægsvirksomhed, koder 41–43")
        group.check()
        expect(group).to_be_checked()

    log_in(page, "styregruppe")
    new_target()
    assert_no_axe_violations(page)
    screenshot("kpi-targets-industry-group-da")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Målet er gemt.")).to_be_visible()
    target = page.get_by_test_id("target")
    expect(target.locator("h2")).to_have_text(
        "Ansættelser – F · Bygge- og anlægsvirksomhed, koder 41–43"
    )
    saved = Target.objects.get()
    assert saved.industry_section == "F"

    new_target()
    page.get_by_role("button", name="Gem").click()
    expect(page.locator(".alert-error")).to_contain_text(
        "Styregruppen har allerede sat et mål for Ansættelser"
    )
    assert Target.objects.count() == 1
    screenshot("kpi-targets-duplicate-da")
    page.get_by_role("link", name="Ret det mål, der allerede er sat").click()
    expect(page.locator("h1")).to_have_text("Ret mål")
    assert page.url.endswith(f"/kpis/targets/{saved.pk}/edit/")
    expect(
        page.get_by_role("radio", name="F · Bygge- og anlægsvirksomhed, koder 41–43")
    ).to_be_checked()
