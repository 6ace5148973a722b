"""The CV and the data export as PDF, from the links a user clicks, in Danish and English.

The owning job centre's consultant opens the CV from the candidate page in Danish, then
switches to English and opens the anonymised CV; a business consultant of another job
centre finds the candidate, who did not consent, as "a candidate at Jobcenter Gladsaxe" on
the company sheet (in English) and opens the anonymised CV in Danish beside it; the owner
exports the citizen's data as a PDF. Each PDF is read back (pypdfium2) and its first page
saved as an image.
"""

from __future__ import annotations

import datetime as dt

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.conftest import ARTIFACTS
from e2e.helpers import PASSWORD, log_in
from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import ConsentScope
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    JobCentreFactory,
    JobOrderFactory,
    ReferralFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.pdf,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_pdf(page: Page, link: Locator, name: str) -> str:
    """Click the link, take the PDF the browser gets, save its first page as an image
    under e2e/artifacts/, and return its text."""
    with page.expect_response(lambda r: r.url.endswith(".pdf")) as answer:
        link.click()
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # Chromium shows the PDF in its viewer, whose page replaces the body it reports: the
    # same address fetched with the browser's session (after the viewer's own request, so
    # the two do not write the session at once) gives the PDF itself.
    page.wait_for_load_state("load")
    fetched = page.request.get(response.url)
    body = fetched.body()
    assert fetched.status == 200 and body.startswith(b"%PDF-"), (fetched.status, body[:300])
    document = pdfium.PdfDocument(body)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        document[0].render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}.png")
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def test_cv_and_export_as_pdf_in_danish_and_english(page: Page) -> None:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.JOB_CONSULTANT, gladsaxe, username="owner", password=PASSWORD)
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    mette = CandidateFactory(
        job_centre=gladsaxe,
        first_name="Mette",
        last_name="Kjærgaard",
        email="mette.k@example.dk",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )
    ExperienceFactory(
        cv=mette.cv, title="Lagermedarbejder", employer="DSV", start_date=dt.date(2016, 3, 1)
    )
    company = CompanyFactory(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),
        name="Herlev Lager",
    )
    job_order = JobOrderFactory(company=company, job_centre=herlev, title="Lagermedarbejder")
    referral = ReferralFactory(job_order=job_order, candidate=mette)

    # The owner, in Danish: the CV in Danish from the candidate page.
    log_in(page, "owner")
    page.goto(f"/candidates/{mette.pk}/")
    card = page.get_by_test_id("cv-pdf")
    expect(card).to_contain_text("CV’et som PDF")
    text = open_pdf(page, card.get_by_role("link", name="Dansk").first, "cv-pdf-named-da")
    assert "Mette Kjærgaard" in text and "Erhvervserfaring" in text
    assert "mette.k@example.dk" in text

    # In English: the anonymised CV in English.
    page.goto(f"/candidates/{mette.pk}/")
    page.get_by_test_id("lang-en").click()
    card = page.get_by_test_id("cv-pdf")
    expect(card).to_contain_text("The CV as PDF")
    text = open_pdf(page, card.get_by_test_id("anonymised-cv-en"), "cv-pdf-anonymised-en")
    assert "Anonymised CV" in text and "Lagermedarbejder" in text
    assert "Mette" not in text and "Kjærgaard" not in text and "example.dk" not in text

    # The citizen's data export, in Danish, from the same page.
    page.goto(f"/candidates/{mette.pk}/")
    text = open_pdf(page, page.get_by_test_id("export-pdf-da"), "export-pdf-da")
    assert "Dine data i Jobbro" in text and "Mette Kjærgaard" in text
    page.goto(f"/candidates/{mette.pk}/")
    page.get_by_role("button", name="Log out").click()

    # Another job centre's business consultant (the browser still in English): the
    # candidate is anonymous on the sheet; the Danish PDF is Danish all the same.
    log_in(page, "bc")
    page.goto(f"/job-orders/{job_order.pk}/for-company/")
    entry = page.get_by_test_id("sheet-candidate")
    expect(entry).to_contain_text("A candidate at Jobcenter Gladsaxe")
    expect(entry).not_to_contain_text("Kjærgaard")
    text = open_pdf(page, entry.get_by_test_id("anonymised-cv-da"), "cv-pdf-sheet-da")
    assert "Anonymiseret CV" in text and "En kandidat i Jobcenter Gladsaxe" in text
    assert "Mette" not in text and "Kjærgaard" not in text

    reads = AccessLogEntry.objects.filter(candidate=mette).values_list("view_name", flat=True)
    assert {
        "candidates:cv_pdf_da",
        "candidates:cv_anonymised_pdf_en",
        "privacy:export_pdf_da",
        "screening:cv_anonymised_pdf_da",
    } <= set(reads)
    assert referral.candidate_id == mette.pk
