"""The core path in a real browser: company → job order → candidates → referral → hire → follow-up.

A business consultant of Jobcenter Herlev registers a company, takes a job order from it,
finds a carpenter at another job centre of the cooperation, proposes her, records the
company's answer and the hire; the onboarding consultant records the one-week follow-up.
The first half runs in Danish, the second in English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.joborders.models import FollowUp, JobOrder, Placement, Referral, ReferralState
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    ExperienceFactory,
    IndustryFactory,
    JobCentreFactory,
    MunicipalityFactory,
    OccupationFactory,
    staff,
    valid_cvrs,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_from_company_to_follow_up(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    staff(
        Role.ONBOARDING_CONSULTANT,
        herlev,
        username="onboarding",
        password=PASSWORD,
        first_name="Lone",
        last_name="Opfølgning",
    )
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    OccupationFactory(label_da="murer", label_en="bricklayer")
    mette = CandidateFactory(job_centre=gladsaxe, first_name="Mette", last_name="Kjær")
    ExperienceFactory(
        cv=mette.cv,
        occupation=carpenter,
        title="Tømrersvend",
        start_date=dt.date(2015, 8, 1),
        end_date=dt.date(2025, 6, 30),
    )
    workplace = MunicipalityFactory(code="163", name="Herlev")
    industry = IndustryFactory(
        version="DB25",
        code="410000",
        label_da="Opførelse af bygninger",
        label_en="Construction of residential and non-residential buildings",
    )

    log_in(page, "bc")
    expect(page.locator("h1")).to_have_text("Mit arbejde")

    # Register the company.
    page.get_by_role("link", name="Virksomheder").first.click()
    page.get_by_role("link", name="Opret virksomhed").click()
    page.get_by_label("Navn").first.fill("Herlev Byg ApS")
    page.get_by_label("CVR-nummer").fill(valid_cvrs(1)[0])
    page.get_by_label("Branche").select_option(label=str(industry))
    page.get_by_label("Adresse").fill("Herlev Hovedgade 1")
    page.get_by_label("Postnummer").fill("2730")
    page.get_by_label("By").fill("Herlev")
    page.get_by_label("Kommune").select_option(label=workplace.name)
    screenshot("core-1-company-form")
    page.get_by_role("button", name="Opret virksomhed").click()
    expect(page.locator("h1")).to_have_text("Herlev Byg ApS")
    screenshot("core-2-company")

    # Take a job order from the company's page; the occupation comes from a suggestion.
    page.get_by_test_id("new-job-order").click()
    page.get_by_label("Stillingsbetegnelse").fill("Tømrer til nyt plejecenter")
    page.get_by_label("Erhverv", exact=True).fill("tømrer")
    page.get_by_test_id("picker-occupation").get_by_label(re.compile("tømrer")).first.check()
    page.get_by_label("Stillinger", exact=True).fill("1")
    page.get_by_label("Arbejdsstedets adresse").fill("Herlev Ringvej 2")
    page.get_by_label("Arbejdsstedets kommune").select_option(label=workplace.name)
    start = timezone.localdate() + dt.timedelta(days=30)
    page.get_by_label("Startdato").fill(start.isoformat())
    page.get_by_label("Ansøgningsfrist").fill((start - dt.timedelta(days=14)).isoformat())
    screenshot("core-3-job-order-form")
    page.get_by_role("button", name="Opret jobordre").click()
    expect(page.locator("h1")).to_contain_text("Tømrer til nyt plejecenter")
    job_order = JobOrder.objects.get()
    assert job_order.occupation == carpenter
    screenshot("core-4-job-order")

    # Search across the job centres of the cooperation and propose the carpenter.
    page.get_by_test_id("find-candidates").click()
    row = page.get_by_test_id("search-row").filter(has_text="Mette Kjær")
    expect(row).to_contain_text("Jobcenter Gladsaxe")
    screenshot("core-5-search")
    row.get_by_role("button", name="Foreslå").click()
    page.get_by_role("dialog").get_by_role("button", name="Foreslå").click()
    expect(row.get_by_test_id("proposed")).to_be_visible()
    referral = Referral.objects.get()
    assert referral.candidate == mette

    # Switch to English for the rest of the path.
    page.get_by_test_id("lang-en").click()
    page.goto(f"/job-orders/{job_order.pk}/")
    referral_row = page.get_by_test_id("referral-row")
    referral_row.get_by_text("Record the company's answer").click()
    referral_row.get_by_role("button", name="Invited to interview").click()
    expect(referral_row).to_contain_text("The answer is recorded.")
    screenshot("core-6-answer-en")
    page.get_by_test_id("record-hire").click()
    page.get_by_label("First working day").fill(start.isoformat())
    page.get_by_label("Hours per week").fill("37")
    page.get_by_label("Onboarding consultant").select_option(label="Lone Opfølgning")
    screenshot("core-7-hire-en")
    page.get_by_role("button", name="Record hire").click()
    expect(page.get_by_test_id("hires")).to_contain_text("1")
    referral.refresh_from_db()
    assert referral.state == ReferralState.HIRED
    placement = Placement.objects.get()
    assert placement.follow_ups.count() == 3
    screenshot("core-8-hired-en")

    # The onboarding consultant records the one-week follow-up.
    week = placement.follow_ups.order_by("due_on").first()
    assert week is not None
    page.get_by_role("button", name="Log out").click()
    log_in(page, "onboarding")
    page.get_by_role("link", name="Follow-ups").first.click()
    row = page.get_by_test_id("follow-up-row").filter(has_text="Mette Kjær").first
    expect(row).to_contain_text("1 week")
    row.get_by_role("link", name="Record follow-up").click()
    page.get_by_role("group", name="Is the person still employed?").get_by_label("Yes").check()
    page.get_by_role("group", name="On ordinary hours").get_by_label("Yes").check()
    screenshot("core-9-follow-up-en")
    page.get_by_role("button", name="Record follow-up").click()
    expect(page.locator(".alert-success")).to_be_visible()
    week.refresh_from_db()
    assert week.done_at is not None
    assert week.still_employed is True
    assert FollowUp.objects.filter(done_at__isnull=True).count() == 2
    screenshot("core-10-follow-ups-en")
