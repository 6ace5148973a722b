"""The start page gathers a business consultant's company-service work, in both languages.

Overdue inquiries stand out first; then requests from other job centres awaiting an
answer, company follow-ups due and the coming recruitment events, each leading on.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD
from jobbro.candidate_requests.services import request_send
from jobbro.events.services import event_create
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    InquiryFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_consultants_start_page_leads_to_the_work(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    asker = staff(Role.BUSINESS_CONSULTANT, herlev, first_name="Karen")
    bo = staff(Role.BUSINESS_CONSULTANT, gladsaxe, username="bo", first_name="Bo")
    bo.set_password(PASSWORD)
    bo.save()
    now = timezone.now()

    InquiryFactory(
        routed_to=gladsaxe,
        company_name="Gladsaxe Vinduer ApS",
        received_at=now - dt.timedelta(days=7),
        respond_by=now - dt.timedelta(days=6),
    )
    job_order = JobOrderFactory(
        job_centre=herlev,
        company=CompanyFactory(cooperation=herlev.cooperation),
        created_by=asker,
        title="Tømrer til plejecenter",
    )
    request_send(actor=asker, job_order=job_order, message="Har I tømrere?")
    InteractionFactory(
        consultant=bo,
        job_centre=gladsaxe,
        company=CompanyFactory(cooperation=herlev.cooperation, name="Søborg Smed A/S"),
        follow_up_on=timezone.localdate(),
    )
    starts = now + dt.timedelta(days=10)
    event_create(
        actor=asker,
        job_centre=herlev,
        title="Jobmesse for byggeriet",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        location="Herlev Bibliotek",
    )

    page.goto("/login/")
    page.fill("#id_username", "bo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].button-primary")

    expect(page.get_by_test_id("intake-overdue")).to_contain_text(
        "1 henvendelse på den fælles linje har overskredet svartiden"
    )
    expect(page.get_by_test_id("requests-awaiting")).to_contain_text("Tømrer til plejecenter")
    expect(page.get_by_test_id("agenda-block")).to_contain_text("Søborg Smed A/S")
    expect(page.get_by_test_id("events-upcoming")).to_contain_text("Jobmesse for byggeriet")
    screenshot("start-page-da")

    page.get_by_test_id("lang-en").click()
    expect(page.get_by_test_id("intake-overdue")).to_contain_text(
        "1 inquiry on the shared line is past the response-time target"
    )
    expect(page.get_by_test_id("requests-awaiting")).to_contain_text("from Jobcenter Herlev")
    expect(page.get_by_test_id("agenda-block")).to_contain_text("1 company follow-up is due")
    screenshot("start-page-en")

    page.get_by_test_id("requests-awaiting").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tømrer til plejecenter")
    page.get_by_role("link", name="My work").click()
    page.get_by_test_id("agenda-block").get_by_role("link", name="See my follow-ups").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My follow-ups")
    expect(page.get_by_test_id("section-menu")).to_be_visible()
    screenshot("start-page-agenda-en")
