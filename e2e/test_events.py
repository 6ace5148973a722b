"""A recruitment event in a real browser, in Danish and English.

A business consultant of Jobcenter Herlev creates a job fair and invites a company found by
search (htmx); the company's contact person registers by the personal link from the mail in
Danish, and changes the answer in English; a job consultant of Jobcenter Gladsaxe
invites one of her own candidates and records that she came and was hired; the consultant
records the company's outcome and sees the Gladsaxe candidate only as a count, since she
has not consented to sharing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import ConsentScope
from jobbro.events.models import Event, EventCompany
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ContactPersonFactory,
    JobCentreFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_event_companies_candidates_and_outcome(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    partner = staff(Role.JOB_CONSULTANT, gladsaxe, username="rp", password=PASSWORD)
    company = CompanyFactory(
        cooperation=herlev.cooperation, name="Herlev Tømrer ApS", city="Herlev"
    )
    ContactPersonFactory(company=company, email="mette@herlevtomrer.dk", is_primary=True)
    sigrid = CandidateFactory(
        job_centre=gladsaxe,
        first_name="Sigrid",
        last_name="Hemmelig",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )

    # Danish: the consultant creates the event and invites a company.
    log_in(page, "bc")
    page.goto("/events/")
    page.get_by_role("link", name="Nyt arrangement").click()
    page.fill("#id_title", "Byggeriets jobdag")
    page.fill("#id_starts_at", "2030-03-12T10:00")
    page.fill("#id_ends_at", "2030-03-12T09:00")
    page.fill("#id_location", "Herlev Rådhus")
    page.get_by_role("button", name="Opret arrangement").click()
    expect(page.locator(".form-error-message")).to_contain_text(
        "Arrangementet kan ikke slutte, før det starter."
    )
    screenshot("events-form-error-da")
    page.fill("#id_ends_at", "2030-03-12T14:00")
    page.get_by_role("button", name="Opret arrangement").click()
    expect(page.get_by_text("Arrangementet er oprettet.")).to_be_visible()
    event = Event.objects.get()
    page.fill("#company_q", "tømrer")
    expect(page.get_by_test_id("company-hits")).to_contain_text("Herlev Tømrer ApS")
    # Before inviting: where the mail goes, and what it says.
    expect(page.get_by_test_id("company-hits")).to_contain_text(
        "mailen sendes til mette@herlevtomrer.dk"
    )
    page.get_by_text("Mailen, en inviteret virksomhed får").click()
    expect(page.get_by_test_id("invitation-preview")).to_contain_text(
        'inviterer jer til rekrutteringsarrangementet "Byggeriets jobdag"'
    )
    assert not mail.outbox
    assert_no_axe_violations(page)
    screenshot("events-invite-preview-da")
    page.get_by_test_id("company-hits").get_by_role("button", name="Invitér og send mailen").click()
    expect(page.get_by_test_id("event-company")).to_contain_text("Herlev Tømrer ApS")
    expect(page.get_by_text("invitationen bliver sendt til mette@herlevtomrer.dk")).to_be_visible()
    # Tasks run at once in tests: the page shows the mail as the notifications app sent it.
    expect(page.get_by_test_id("invitation-mail")).to_contain_text(
        "Invitation sendt til mette@herlevtomrer.dk den"
    )
    page.get_by_text("Tilmeldingslink").click()
    expect(page.get_by_test_id("registration-link")).to_have_value(
        re.compile(r"/events/invitation/[\w-]+/$")
    )
    screenshot("events-detail-company-da")
    page.click("button.log-off")

    # Danish: the contact person opens the link from the mail (no login) and registers.
    (invitation,) = mail.outbox
    link = next(line for line in invitation.body.splitlines() if "/events/invitation/" in line)
    page.goto(urlsplit(link.strip()).path)  # the mail's host is the site's, not the test's
    screenshot("events-invitation-da")
    expect(page.locator("h1")).to_have_text("Byggeriets jobdag")
    expect(page.get_by_test_id("invitation-facts")).to_contain_text("Herlev Rådhus")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Vælg, om I kommer.")).to_be_visible()
    screenshot("events-invitation-error-da")
    page.get_by_label("Ja, vi kommer").check()
    page.get_by_label("Hvor mange personer kommer I?").fill("2")
    page.get_by_label("Hvilke stillinger rekrutterer I til?").fill("2 tømrerlærlinge")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_test_id("invitation-thanks")).to_contain_text("Tak, jeres svar er gemt")
    expect(page.get_by_test_id("invitation-answer")).to_contain_text("2 personer")
    screenshot("events-invitation-registered-da")

    # English: the company changes its answer; it cannot come after all.
    page.click("[data-testid=lang-en]")
    expect(page.get_by_test_id("invitation-answer")).to_contain_text("Your answer: you are coming")
    page.get_by_label("No, we cannot come").check()
    page.get_by_role("button", name="Send our answer").click()
    expect(page.get_by_test_id("invitation-answer")).to_contain_text("Your answer: you cannot come")
    screenshot("events-invitation-declined-en")
    page.get_by_label("Yes, we are coming").check()
    page.get_by_label("How many people are you bringing?").fill("3")
    page.get_by_role("button", name="Send our answer").click()
    expect(page.get_by_test_id("invitation-answer")).to_contain_text("3 people from your company.")
    entry = EventCompany.objects.get()
    assert (entry.status, entry.participants, entry.changed_by) == ("registered", 3, None)

    # English: the Gladsaxe partner invites her own candidate and records the outcome.
    log_in(page, "rp")  # the browser kept English from the company's page
    page.goto(f"/events/{event.pk}/")
    page.fill("#candidate_q", "sigrid")
    expect(page.get_by_test_id("candidate-hits")).to_contain_text("Sigrid Hemmelig")
    page.get_by_test_id("candidate-hits").get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Sigrid Hemmelig is invited.")).to_be_visible()
    row = page.get_by_test_id("event-candidate")
    row.locator("select").select_option("attended")
    row.get_by_label("Interviewed").check()
    row.get_by_label("Hired").check()
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The candidate's status is saved.")).to_be_visible()
    expect(page.get_by_test_id("summary-candidates")).to_have_text("1 / 1")
    screenshot("events-detail-candidate-en")
    assert AccessLogEntry.objects.filter(user=partner, candidate_id=sigrid.pk).exists()
    page.click("button.log-off")

    # Danish again: the consultant records the company's outcome; Sigrid is only a count.
    log_in(page, "bc")
    page.click("[data-testid=lang-da]")
    page.goto(f"/events/{event.pk}/")
    expect(page.get_by_test_id("event-candidate-counts")).to_contain_text("Jobcenter Gladsaxe")
    expect(page.locator("body")).not_to_contain_text("Hemmelig")
    company_row = page.get_by_test_id("event-company")
    company_row.locator("select").select_option("attended")
    company_row.get_by_label("Samtaler holdt").fill("4")
    company_row.get_by_label("Ansættelser").fill("1")
    company_row.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Herlev Tømrer ApS er gemt.")).to_be_visible()
    expect(page.get_by_test_id("summary-companies")).to_have_text("1 / 1")
    expect(page.get_by_test_id("summary-interviews")).to_have_text("4")
    expect(page.get_by_test_id("summary-hires")).to_have_text("1")
    expect(company_row.get_by_test_id("company-answer")).to_contain_text("kommer, 3 personer")
    screenshot("events-detail-outcome-da")
    page.goto("/events/")
    expect(page.get_by_test_id("upcoming-events")).to_contain_text("Byggeriets jobdag")
    screenshot("events-list-da")
