"""The satisfaction survey in a real browser, in Danish and English.

The secretariat looks at who gets the quarter's round at which address and at the mail,
and confirms; a list that changed meanwhile is shown again, marked, and nothing is sent
until confirmed. The company opens its personal link without logging in, is told what is
missing, answers in English and cannot answer twice; a manager reads the results per job
centre and consultant with the trend since the previous quarter.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.organisations.models import Role
from jobbro.surveys.models import SurveyInvitation, SurveyResponse
from jobbro.surveys.quarters import Quarter
from tests.factories import (
    ContactPersonFactory,
    InteractionFactory,
    JobCentreFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    SurveyRoundFactory,
    new_company,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def switch_language(page: Page, code: str) -> None:
    page.click(f"[data-testid=lang-{code}]")


def test_send_answer_and_read_results(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    consultant = staff(
        Role.BUSINESS_CONSULTANT, herlev, first_name="Bente", last_name="Berg", username="bc"
    )
    staff(Role.SECRETARIAT, herlev, username="sek", password=PASSWORD)
    staff(Role.MANAGER, herlev, username="leder", password=PASSWORD)
    company = new_company(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),
        contact_consultant=consultant,
        name="Herlev Tømrer ApS",
    )
    ContactPersonFactory(company=company, email="ejer@herlevtomrer.dk", is_primary=True)
    InteractionFactory(company=company, job_centre=herlev, consultant=consultant)
    # Last quarter's round, answered lukewarm, so the results show a trend.
    last = Quarter.of(timezone.localdate()).previous
    earlier = SurveyRoundFactory(
        cooperation=herlev.cooperation, year=last.year, quarter=last.number
    )
    old = SurveyInvitationFactory(
        survey_round=earlier,
        company=company,
        email="ejer@herlevtomrer.dk",
        job_centre=herlev,
        consultant=consultant,
        token="last-quarter",
    )
    SurveyResponseFactory(
        invitation=old,
        response_time=2,
        communication=3,
        guidance=3,
        understanding=3,
        overall=3,
        comment="Svartiden kan blive bedre.",
    )

    # The secretariat sends this quarter's round (Danish).
    log_in(page, "sek")
    page.goto("/surveys/round/")
    expect(page.locator("h1")).to_contain_text("Tilfredshedsundersøgelse")
    expect(page.get_by_test_id("round-waiting")).to_have_text("1")
    assert_no_axe_violations(page)
    screenshot("surveys-round-da")
    page.get_by_role("link", name="Se, hvem der får undersøgelsen (1 virksomhed)").click()
    # Who gets it, at which address, and the mail in Danish; nothing has left yet.
    row = page.get_by_test_id("recipient-row")
    expect(row).to_contain_text("Herlev Tømrer ApS")
    expect(row).to_contain_text("ejer@herlevtomrer.dk")
    expect(page.get_by_test_id("mail-subject")).to_contain_text("Hvordan var vores samarbejde?")
    expect(page.get_by_test_id("mail-body")).to_contain_text("Kære Herlev Tømrer ApS")
    assert not mail.outbox
    assert_no_axe_violations(page)
    screenshot("surveys-round-confirm-da")
    switch_language(page, "en")
    expect(page.get_by_test_id("mail-body")).to_contain_text("Kære Herlev Tømrer ApS")  # as sent
    assert_no_axe_violations(page)
    screenshot("surveys-round-confirm-en")
    switch_language(page, "da")
    page.get_by_role("button", name="Send undersøgelsen til 1 virksomhed nu").click()
    expect(page.get_by_text("1 invitation er sendt.")).to_be_visible()
    expect(page.get_by_test_id("invitation-row")).to_contain_text("ejer@herlevtomrer.dk")
    screenshot("surveys-round-sent-da")
    (message,) = mail.outbox
    # The mail's link is absolute (JOBBRO_BASE_URL); the browser follows its path here.
    link = re.search(r"/surveys/answer/[\w-]+/", message.body)
    assert link is not None
    page.click("button.log-off")

    # The company answers, no login: Danish first, with a clear message for what is missing.
    page.goto(link.group(0))
    expect(page.locator("h1")).to_have_text("Hvordan var vores samarbejde?")
    page.check("#id_response_time_4")
    page.get_by_role("button", name="Send mit svar").click()
    expect(page.get_by_test_id("survey-errors")).to_contain_text("Vælg et svar fra 1 til 5.")
    screenshot("surveys-answer-errors-da")
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("How was our cooperation?")
    for name, value in (
        ("response_time", 4),
        ("communication", 5),
        ("guidance", 4),
        ("understanding", 5),
        ("overall", 5),
    ):
        page.check(f"#id_{name}_{value - 1}")
    page.fill("#id_comment", "Hurtigt svar og gode kandidater.")
    screenshot("surveys-answer-en")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_test_id("survey-thanks")).to_contain_text("Thank you for your answer")
    page.goto(link.group(0))
    expect(page.get_by_test_id("survey-answered")).to_contain_text("The survey is answered")
    screenshot("surveys-answered-en")
    page.goto("/surveys/answer/not-a-real-token/")
    expect(page.get_by_test_id("survey-not-found")).to_be_visible()
    assert SurveyResponse.objects.count() == 2

    # A manager reads the results, English then Danish.
    log_in(page, "leder")
    page.goto("/surveys/results/")
    expect(page.get_by_test_id("results-job-centres")).to_contain_text("Jobcenter Herlev")
    expect(page.get_by_test_id("results-consultants")).to_contain_text("Bente Berg")
    expect(page.get_by_test_id("results-totals")).to_contain_text("▲ +1.8")
    expect(page.get_by_test_id("survey-comment").first).to_contain_text("Hurtigt svar")
    screenshot("surveys-results-en")
    switch_language(page, "da")
    expect(page.locator("h1")).to_have_text("Virksomhedernes tilfredshed")
    expect(page.get_by_test_id("results-totals")).to_contain_text("▲ +1,8")
    page.select_option("#id_quarter", label=f"{last.number}. kvartal {last.year}")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_test_id("survey-comment")).to_have_count(1)
    expect(page.get_by_test_id("survey-comment")).to_contain_text("Svartiden")
    screenshot("surveys-results-da")


def test_a_list_that_changed_before_confirming_is_shown_again(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.SECRETARIAT, herlev, username="sek", password=PASSWORD)
    first = new_company(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get(), name="Alfa ApS"
    )
    ContactPersonFactory(company=first, email="ejer@alfa.dk", is_primary=True)
    InteractionFactory(company=first, job_centre=herlev)

    log_in(page, "sek")
    page.goto("/surveys/round/send/")
    expect(page.get_by_test_id("recipient-row")).to_have_count(1)
    # Meanwhile a colleague logs a call with another company.
    late = new_company(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get(), name="Beta ApS"
    )
    ContactPersonFactory(company=late, email="kontakt@beta.dk", is_primary=True)
    InteractionFactory(company=late, job_centre=herlev)
    page.get_by_test_id("confirm-send").click()

    expect(page.get_by_test_id("round-changed")).to_contain_text("der er ikke sendt noget")
    expect(page.get_by_test_id("recipient-row")).to_have_count(2)
    expect(page.get_by_test_id("recipient-row").filter(has_text="Beta ApS")).to_contain_text(
        "ny, siden du kiggede"
    )
    assert not SurveyInvitation.objects.exists() and not mail.outbox
    assert_no_axe_violations(page)
    screenshot("surveys-round-changed-da")
    page.get_by_role("button", name="Send undersøgelsen til 2 virksomheder nu").click()
    expect(page.get_by_text("2 invitationer er sendt.")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == ["ejer@alfa.dk", "kontakt@beta.dk"]
