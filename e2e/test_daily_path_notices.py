"""The daily path tells people what happened: a failed proposal says so, and a CV request
reaches the other job centre and its answer comes back, by mail and on the start pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import OperationalError
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import ARTIFACTS
from e2e.helpers import PASSWORD, log_in
from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.joborders.models import JobOrder, Referral
from jobbro.organisations.models import Role
from jobbro.sharing.models import SharingRequest, SharingStatus
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _world() -> tuple[JobOrder, Candidate, Candidate]:
    """A carpenter job order at Herlev; Gladsaxe has one sharing and one private carpenter."""
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD, email="bc@herlev.dk")
    staff(Role.JOB_CONSULTANT, gladsaxe, username="jk", password=PASSWORD, email="jk@gladsaxe.dk")
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get()
    )
    order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=carpenter, title="Tømrer til metroen"
    )
    shared = CandidateFactory(job_centre=gladsaxe, first_name="Mette", last_name="Deler")
    private = CandidateFactory(
        job_centre=gladsaxe,
        first_name="Sigrid",
        last_name="Hemmelig",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
        available_from=dt.date(2026, 1, 1),
    )
    for candidate in (shared, private):
        candidate.cv.wished_occupations.add(carpenter)
    return order, shared, private


def _broken(**kwargs: object) -> None:
    raise OperationalError("database is locked")


def test_a_proposal_that_fails_on_the_server_says_so(page: Page, screenshot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    order, shared, _private = _world()
    target = "jobbro.sharing.views.screening_services.referral_propose_screened"
    monkeypatch.setattr(target, _broken)
    log_in(page, "bc")
    page.goto(f"/job-orders/{order.pk}/candidates/")
    card = page.get_by_test_id("search-row").filter(has_text="Mette Deler")
    card.get_by_role("button", name="Foreslå").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_test_id("propose-submit").click()
    alert = dialog.get_by_test_id("request-error")
    expect(alert).to_contain_text("Noget gik galt, og det blev ikke gemt.")
    screenshot("propose-server-error-da")
    alert.get_by_role("button", name="Luk").click()  # above the dialog, not inert under it
    expect(alert).to_have_count(0)
    expect(dialog).to_be_visible()
    assert not Referral.objects.filter(candidate=shared).exists()


def test_a_cv_request_goes_there_and_back(browser: Browser, live_server) -> None:  # type: ignore[no-untyped-def]
    order, _shared, _private = _world()
    asker = browser.new_context(base_url=live_server.url, locale="da-DK").new_page()
    owner = browser.new_context(base_url=live_server.url, locale="da-DK").new_page()
    mail.outbox.clear()

    # Herlev asks for the private candidate's CV from the anonymous hit.
    log_in(asker, "bc")
    asker.goto(f"/job-orders/{order.pk}/candidates/")
    hit = asker.get_by_test_id("anonymous-hit")
    expect(hit).to_contain_text("En kandidat i Jobcenter Gladsaxe")
    hit.get_by_role("button", name="Bed om CV’et").click()
    expect(hit.get_by_test_id("request-state")).to_contain_text("Anmodet")
    [sent] = mail.outbox
    assert sent.to == ["jk@gladsaxe.dk"] and "Jobcenter Herlev" in sent.subject
    assert "Sigrid" not in sent.body and "Hemmelig" not in sent.body

    # Gladsaxe sees it on the start page, finds the CV requests in the menu and answers.
    log_in(owner, "jk")
    expect(owner.get_by_test_id("sharing-requests-waiting")).to_contain_text(
        "1 anmodning om en kandidats CV venter på dit jobcenters svar."
    )
    owner.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Forespørgsler"
    ).click()
    owner.get_by_test_id("section-menu").get_by_role("link", name="CV-anmodninger").click()
    expect(owner.get_by_role("heading", name="CV-anmodninger til dit jobcenter")).to_be_visible()
    row = owner.get_by_test_id("incoming-request")
    expect(row).to_contain_text("Sigrid Hemmelig")
    row.get_by_label("Kandidaten giver samtykke: del CV’et").check()
    owner.screenshot(path=str(ARTIFACTS / "cv-request-answer-da.png"), full_page=True)
    row.get_by_role("button", name="Registrér svaret").click()
    expect(
        owner.get_by_text("CV’et for Sigrid Hemmelig er nu delt med samarbejdet.")
    ).to_be_visible()
    assert SharingRequest.objects.get().status == SharingStatus.SHARED

    # Herlev hears it by mail and on the start page; the candidate is now named.
    answer = mail.outbox[-1]
    assert answer.to == ["bc@herlev.dk"] and "CV delt af Jobcenter Gladsaxe" in answer.subject
    asker.goto("/")
    expect(asker.get_by_test_id("sharing-requests-answered")).to_contain_text(
        "1 af dine CV-anmodninger er besvaret"
    )
    asker.goto(f"/job-orders/{order.pk}/candidates/")
    expect(asker.get_by_test_id("search-row").filter(has_text="Sigrid Hemmelig")).to_be_visible()
    asker.screenshot(path=str(ARTIFACTS / "cv-request-named-da.png"), full_page=True)
    asker.context.close()
    owner.context.close()


def test_logged_out_while_proposing_keeps_the_text(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    order, shared, _private = _world()
    log_in(page, "bc")
    page.goto(f"/job-orders/{order.pk}/candidates/")
    page.get_by_test_id("search-row").filter(has_text="Mette Deler").get_by_role(
        "button", name="Foreslå"
    ).click()
    dialog = page.get_by_role("dialog")
    reason = dialog.get_by_label("Hvorfor denne kandidat")
    reason.fill("Har arbejdet på metroen før.")
    page.context.clear_cookies(name="sessionid")  # the session ended: idle, or logged out
    dialog.get_by_test_id("propose-submit").click()
    alert = dialog.get_by_test_id("request-error")
    expect(alert).to_contain_text("Du er blevet logget ud, så det blev ikke gemt.")
    expect(alert.get_by_role("link", name="Log ind i en ny fane")).to_be_visible()
    expect(reason).to_have_value("Har arbejdet på metroen før.")
    assert not Referral.objects.exists()

    # Logged in again in another tab (the context's cookies are every tab's), the same dialog
    # sends what was written. The login goes through the context's request API: a second
    # page opened mid-test has hung Chromium now and then.
    login = page.context.request
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.get("/login/").text())
    assert token is not None
    signed_in = login.post(
        "/login/",
        form={"csrfmiddlewaretoken": token.group(1), "username": "bc", "password": PASSWORD},
        headers={"Referer": f"{live_server.url}/login/"},
    )
    assert signed_in.ok and "sessionid" in {c["name"] for c in page.context.cookies()}
    alert.get_by_role("button", name="Luk").click()
    dialog.get_by_test_id("propose-submit").click()
    expect(page.get_by_text("Foreslået ✓")).to_be_visible()
    assert Referral.objects.get(candidate=shared).motivation == "Har arbejdet på metroen før."
