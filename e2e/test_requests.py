"""A request between job centres in real browsers: two users of two job centres.

A business consultant of Jobcenter Herlev cannot fill a carpenter job order and asks the
other job centres (Danish). A job consultant of Jobcenter Gladsaxe, in her own browser,
sees the request on her start page and offers her candidate, who consented to sharing
(English); Jobcenter Ballerup answers that it has none. The consultant's request page, left
open, shows the answers as they arrive (polling, no reload); she proposes the carpenter with
the screening checklist answered. Every step sent its mail.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import ARTIFACTS
from e2e.helpers import PASSWORD, log_in
from jobbro.candidate_requests.models import CandidateRequest, RecipientStatus
from jobbro.joborders.models import Referral
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    ScreeningItemFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POLL_WAIT_MS = 15_000  # the answers panel polls every 10 s


def test_request_answered_by_two_job_centres(page: Page, browser, live_server, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    ballerup = JobCentreFactory(name="Jobcenter Ballerup", cooperation=herlev.cooperation)
    staff(
        Role.BUSINESS_CONSULTANT,
        herlev,
        username="bc",
        password=PASSWORD,
        first_name="Karen",
        last_name="Kofoed",
        email="bc@herlev.example",
    )
    staff(
        Role.JOB_CONSULTANT,
        gladsaxe,
        username="gl",
        password=PASSWORD,
        first_name="Rikke",
        last_name="Rasmussen",
        email="gl@gladsaxe.example",
    )
    staff(
        Role.JOB_CONSULTANT,
        ballerup,
        username="ba",
        password=PASSWORD,
        first_name="Bo",
        last_name="Berg",
        email="ba@ballerup.example",
    )
    secretariat = staff(Role.SECRETARIAT, herlev)
    for position, (da, en) in enumerate(
        [
            ("Kan starte på startdatoen?", "Can start on the start date?"),
            ("Har kandidaten set jobopslaget?", "Has the candidate seen the job ad?"),
        ],
        start=1,
    ):
        ScreeningItemFactory(
            cooperation=herlev.cooperation,
            kind="ordinary",
            position=position,
            text_da=da,
            text_en=en,
            updated_by=secretariat,
            updated_at=timezone.now(),
        )
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get()
    )
    job_order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=carpenter, title="Tømrer til plejecenter"
    )
    mette = CandidateFactory(job_centre=gladsaxe, first_name="Mette", last_name="Kjær")
    ExperienceFactory(
        cv=mette.cv,
        occupation=carpenter,
        title="Tømrersvend",
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2025, 1, 1),
    )

    # Herlev, in Danish: ask the other job centres from the job order.
    log_in(page, "bc")
    page.goto(f"/job-orders/{job_order.pk}/")
    page.get_by_test_id("ask-job-centres").click()
    expect(page.locator("h1")).to_have_text("Spørg andre jobcentre om kandidater")
    page.get_by_label("Besked").fill("Vi har ingen ledige tømrere. Har I nogen?")
    screenshot("requests-1-send-da")
    page.get_by_test_id("send-request").click()
    expect(page.locator(".alert-success")).to_contain_text("sendt til 2 jobcentre")
    expect(page.get_by_test_id("answer-count")).to_contain_text("0 af 2 jobcentre har svaret")
    request = CandidateRequest.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == ["ba@ballerup.example", "gl@gladsaxe.example"]
    screenshot("requests-2-waiting-da")

    # Gladsaxe, in her own browser and in English: the request waits for her job centre.
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    other = context.new_page()
    other.set_default_timeout(10_000)
    log_in(other, "gl")
    other.get_by_test_id("lang-en").click()
    other.goto("/job-orders/requests/")
    waiting = other.get_by_test_id("incoming-request")
    expect(waiting).to_contain_text("Tømrer til plejecenter")
    expect(waiting).to_contain_text("Jobcenter Herlev")
    expect(waiting).to_contain_text("Awaiting answer")
    other.screenshot(path=str(ARTIFACTS / "requests-3-incoming-en.png"), full_page=True)
    waiting.get_by_role("link", name="Tømrer til plejecenter").click()
    expect(other.get_by_test_id("request-message")).to_contain_text("Vi har ingen ledige tømrere")
    row = other.get_by_test_id("search-row").filter(has_text="Mette Kjær")
    expect(row).to_contain_text("Jobcenter Gladsaxe")
    row.get_by_label("Offer Mette Kjær").check()
    other.get_by_label("Note to the asking job centre").fill("Mette kan starte med det samme.")
    other.screenshot(path=str(ARTIFACTS / "requests-4-offer-en.png"), full_page=True)
    other.get_by_test_id("offer").click()
    expect(other.locator(".alert-success")).to_contain_text(
        "Your answer is sent to Jobcenter Herlev"
    )
    expect(other.get_by_test_id("own-offers")).to_contain_text("Mette Kjær")
    other.screenshot(path=str(ARTIFACTS / "requests-5-offered-en.png"), full_page=True)

    # Ballerup has no carpenter.
    other.get_by_role("button", name="Log out").click()
    log_in(other, "ba")
    other.goto(f"/job-orders/requests/{request.pk}/")
    other.get_by_label("Note to the asking job centre").fill("Ingen tømrere lige nu.")
    other.get_by_test_id("answer-none").click()
    expect(other.get_by_test_id("recipient-status")).to_contain_text("Answered: no candidate")
    context.close()
    statuses = dict(request.recipients.values_list("job_centre__name", "status"))
    assert statuses == {
        "Jobcenter Gladsaxe": RecipientStatus.CANDIDATES,
        "Jobcenter Ballerup": RecipientStatus.NONE,
    }

    # Herlev's page, never reloaded, shows both answers as they arrive.
    expect(page.get_by_test_id("answer-count")).to_contain_text(
        "2 af 2 jobcentre har svaret", timeout=POLL_WAIT_MS
    )
    gladsaxe_answer = page.get_by_test_id("answer").filter(has_text="Jobcenter Gladsaxe")
    expect(gladsaxe_answer.get_by_test_id("offered-named")).to_contain_text("Mette Kjær")
    expect(page.get_by_test_id("answer").filter(has_text="Jobcenter Ballerup")).to_contain_text(
        "Ingen tømrere lige nu."
    )
    answer_mails = [m for m in mail.outbox if m.to == ["bc@herlev.example"]]
    assert len(answer_mails) == 2
    assert all("Mette" not in m.subject + m.body for m in mail.outbox)
    screenshot("requests-6-answers-arrived-da")

    # Propose Mette; the screening checklist must be answered in full.
    offered = gladsaxe_answer.get_by_test_id("offered-named")
    offered.get_by_role("button", name="Foreslå").click()
    expect(offered).to_contain_text("Besvar alle screeningsspørgsmål, før du foreslår (2 mangler)")
    assert not Referral.objects.exists()
    for question in offered.get_by_test_id("screening-question").all():
        question.get_by_label("Ja").check()
    offered.get_by_role("button", name="Foreslå").click()
    expect(offered.get_by_test_id("proposed")).to_be_visible()
    referral = Referral.objects.get()
    assert referral.candidate == mette
    assert referral.screening_answers.count() == 2
    screenshot("requests-7-proposed-da")

    # In English: the request page, then closed.
    page.get_by_test_id("lang-en").click()
    page.goto(f"/job-orders/requests/{request.pk}/")
    expect(page.get_by_test_id("answer-count")).to_contain_text("2 of 2 job centres have answered")
    expect(page.get_by_test_id("proposed")).to_be_visible()
    page.get_by_test_id("close-request").click()
    expect(page.get_by_test_id("request-closed")).to_be_visible()
    screenshot("requests-8-closed-en")
    request.refresh_from_db()
    assert request.closed_at is not None
