"""Common screening principles in a real browser.

The secretariat writes the checklist for ordinary jobs (Danish); a business consultant
proposes a carpenter from the ranked list (the checklist is in the propose dialog, and every
question must be answered), and
opens the printable page for the company with the candidate's screening (English). A later
edit of the checklist leaves the recorded answers as they were asked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.joborders.models import Referral
from jobbro.organisations.models import Role
from jobbro.screening.models import ScreeningAnswer, ScreeningItem
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
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


def test_checklist_proposal_and_company_page(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.SECRETARIAT, herlev, username="sek", password=PASSWORD)
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get(), name="Herlev Byg"
    )
    job_order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=carpenter, title="Tømrer til skole"
    )
    karl = CandidateFactory(job_centre=herlev, first_name="Karl", last_name="Holm")
    ExperienceFactory(
        cv=karl.cv,
        occupation=carpenter,
        title="Tømrer",
        start_date=dt.date(2018, 1, 1),
        end_date=dt.date(2025, 1, 1),
    )

    # The secretariat writes the checklist for ordinary jobs.
    log_in(page, "sek")
    page.goto("/job-orders/screening/?kind=ordinary")
    expect(page.locator("h1")).to_have_text("Screeningstjeklister")
    rows = page.get_by_test_id("checklist-row")
    rows.nth(0).get_by_label("Spørgsmål på dansk").fill("Kan kandidaten starte på startdatoen?")
    rows.nth(0).get_by_label("Spørgsmål på engelsk").fill(
        "Can the candidate start on the start date?"
    )
    rows.nth(0).get_by_label("Nr.").fill("1")
    rows.nth(1).get_by_label("Spørgsmål på dansk").fill("Er sikkerhedskurset i orden?")
    rows.nth(1).get_by_label("Spørgsmål på engelsk").fill("Is the safety course in order?")
    rows.nth(1).get_by_label("Nr.").fill("2")
    screenshot("screening-1-checklist-da")
    page.get_by_test_id("save-checklist").click()
    expect(page.locator(".alert-success")).to_contain_text("Tjeklisten er gemt")
    assert list(ScreeningItem.objects.values_list("position", "text_en")) == [
        (1, "Can the candidate start on the start date?"),
        (2, "Is the safety course in order?"),
    ]
    expect(page.get_by_test_id("checklist-kinds")).to_contain_text("Ordinært job")
    page.get_by_role("button", name="Log ud").click()

    # The consultant proposes from the ranked list, in English.
    log_in(page, "bc")
    page.get_by_test_id("lang-en").click()
    page.goto(f"/job-orders/{job_order.pk}/candidates/")
    row = page.get_by_test_id("search-row").filter(has_text="Karl Holm")
    row.get_by_role("button", name="Propose").click()
    dialog = page.get_by_role("dialog", name="Propose Karl Holm")
    questions = dialog.get_by_test_id("screening-question")
    expect(questions).to_have_count(2)
    questions.nth(0).get_by_label("Yes").check()
    dialog.get_by_test_id("propose-submit").click()
    expect(dialog).to_contain_text("Answer every screening question before proposing (1 missing)")
    expect(questions.nth(1)).to_contain_text("Answer this question.")
    assert not Referral.objects.exists()
    screenshot("screening-2-missing-en")
    questions.nth(1).get_by_label("Not relevant").check()
    questions.nth(1).get_by_placeholder("Note (optional)").fill("Tager kurset i uge 12")
    dialog.get_by_test_id("propose-submit").click()
    expect(row.get_by_test_id("proposed")).to_be_visible()
    expect(dialog).to_be_hidden()
    answers = list(Referral.objects.get().screening_answers.values_list("value", "note"))
    assert answers == [("yes", ""), ("n/a", "Tager kurset i uge 12")]

    # The job order shows the screening; the company's page lists it for every candidate.
    page.goto(f"/job-orders/{job_order.pk}/")
    referral = page.get_by_test_id("referral-row")
    referral.get_by_text("Screening (2 answers)").click()
    expect(referral.get_by_test_id("screening-answers")).to_contain_text("Not relevant")
    page.get_by_test_id("company-sheet").click()
    expect(page.locator("h1")).to_have_text("Candidates for Herlev Byg")
    sheet = page.get_by_test_id("sheet-candidate")
    expect(sheet).to_contain_text("Karl Holm")
    expect(sheet).to_contain_text("Can the candidate start on the start date?")
    expect(sheet).to_contain_text("Tager kurset i uge 12")
    screenshot("screening-3-company-page-en")

    # Editing the checklist later does not rewrite what was answered.
    ScreeningItem.objects.filter(position=1).update(text_en="Changed text")
    page.reload()
    expect(page.get_by_test_id("sheet-candidate")).to_contain_text(
        "Can the candidate start on the start date?"
    )
    assert ScreeningAnswer.objects.filter(text_en="Changed text").count() == 0
