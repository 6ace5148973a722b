"""The ranked list of a job order with more candidates than one page, in a real browser.

A business consultant of Jobcenter Herlev opens the list of 64 warehouse workers: 50
compact cards on a page of sane height, anonymous hits among them. She goes to page 2, sorts
by distance, opens the propose dialog of the nearest named candidate (the focus moves in,
Escape closes it and gives the focus back), submits with a screening question unanswered
and reads the error in the dialog, then answers everything: the dialog closes and the card
says the candidate is proposed. Once in Danish, once in English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import ARTIFACTS
from e2e.helpers import PASSWORD, log_in
from jobbro.candidates.models import ConsentScope
from jobbro.joborders.models import JobOrderKind, Referral
from jobbro.organisations.models import Role
from jobbro.screening import services as screening_services
from jobbro.screening.services import ChecklistItem
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    JobCentreFactory,
    JobOrderFactory,
    LanguageFactory,
    MunicipalityFactory,
    OccupationFactory,
    QualificationFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# (code, name, town hall) as in the reference data, which another test may have flushed.
TOWNS = [
    ("163", "Herlev", 55.7237, 12.4402),
    ("159", "Gladsaxe", 55.7333, 12.4889),
    ("101", "København", 55.6756, 12.5698),
    ("151", "Ballerup", 55.7314, 12.3633),
    ("175", "Rødovre", 55.6806, 12.4537),
    ("265", "Roskilde", 55.6419, 12.0803),
    ("167", "Hvidovre", 55.6418, 12.4738),
]
WORDS = {
    "da": {
        "count": "64 kandidater opfyldte de skarpe krav; viser 1–50.",
        "page 2": "Side 2",
        "page 2 count": "viser 51–64",
        "distance": "Korteste afstand",
        "propose": "Foreslå",
        "dialog": "Foreslå Signe Nærmest",
        "yes": "Ja",
        "missing": "Besvar alle screeningsspørgsmål, før du foreslår (1 mangler).",
        "question": "Besvar dette spørgsmål.",
        "proposed": "Foreslået ✓",
        "anonymous": "En kandidat i Jobcenter Gladsaxe",
    },
    "en": {
        "count": "64 candidates passed the hard requirements; showing 1–50.",
        "page 2": "Page 2",
        "page 2 count": "showing 51–64",
        "distance": "Shortest distance",
        "propose": "Propose",
        "dialog": "Propose Signe Nærmest",
        "yes": "Yes",
        "missing": "Answer every screening question before proposing (1 missing).",
        "question": "Answer this question.",
        "proposed": "Proposed ✓",
        "anonymous": "A candidate at Jobcenter Gladsaxe",
    },
}


def world() -> int:
    """A warehouse job order in Herlev and 64 candidates who pass; returns its id."""
    town = {
        name: MunicipalityFactory(code=code, name=name, latitude=latitude, longitude=longitude)
        for code, name, latitude, longitude in TOWNS
    }
    names = [name for _code, name, _latitude, _longitude in TOWNS]
    herlev = JobCentreFactory(name="Jobcenter Herlev", municipalities=[town["Herlev"]])
    gladsaxe = JobCentreFactory(
        name="Jobcenter Gladsaxe", cooperation=herlev.cooperation, municipalities=[town["Gladsaxe"]]
    )
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    screening_services.checklist_save(
        actor=staff(Role.SECRETARIAT, herlev),
        cooperation=herlev.cooperation,
        kind=JobOrderKind.ORDINARY,
        items=[
            ChecklistItem("Kan kandidaten starte på startdatoen?", "Can they start on time?"),
            ChecklistItem("Er løn og arbejdstid gennemgået?", "Pay and hours talked through?"),
            ChecklistItem("Har kandidaten egen transport?", "Own transport?"),
        ],
    )
    warehouse = OccupationFactory(label_da="lagerarbejder", label_en="warehouse worker")
    truck = QualificationFactory()
    danish = LanguageFactory()
    company = CompanyFactory(cooperation=herlev.cooperation, municipality=town["Herlev"])
    job_order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=warehouse, title="Lagermedarbejder"
    )
    job_order.requirements.create(importance="must", kind="qualification", qualification=truck)
    job_order.requirements.create(
        importance="nice", kind="language", language=danish, language_level="B1"
    )
    job_order.requirements.create(importance="nice", kind="experience", min_years=2)
    for number in range(64):
        hidden = number % 5 == 4  # every fifth: Gladsaxe's, without consent
        candidate = CandidateFactory(
            job_centre=gladsaxe if hidden or number % 2 else herlev,
            first_name="Signe" if number == 0 else "Kandidat",
            last_name="Nærmest" if number == 0 else f"Nr{number}",
            municipality=town["Herlev"] if number == 0 else town[names[1 + number % 6]],
            consent_scope=ConsentScope.NONE if hidden else ConsentScope.COOPERATION,
            consent_given_on=None if hidden else dt.date(2026, 1, 5),
        )
        candidate.cv.qualifications.create(qualification=truck)
        if number % 3:
            candidate.cv.languages.create(language=danish, level="B2")
        ExperienceFactory(
            cv=candidate.cv,
            occupation=warehouse,
            title="Lagerarbejder",
            start_date=dt.date(2025 - 1 - number % 9, 1, 1),
            end_date=dt.date(2025, 1, 1),
        )
    return job_order.pk


@pytest.mark.parametrize("language", ["da", "en"])
def test_pages_sorting_and_the_propose_dialog(page: Page, screenshot, language: str) -> None:  # type: ignore[no-untyped-def]
    words = WORDS[language]
    job_order = world()
    log_in(page, "bc")
    if language == "en":
        page.get_by_test_id("lang-en").click()

    # The first page: 50 compact cards, anonymous ones among them by their score.
    page.goto(f"/job-orders/{job_order}/candidates/")
    expect(page.get_by_test_id("result-count")).to_have_text(words["count"])
    cards = page.get_by_test_id("hits").locator("> li")
    expect(cards).to_have_count(50)
    expect(page.get_by_test_id("anonymous-hit").first).to_contain_text(words["anonymous"])
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 15_000, f"the page of 50 cards is {height} px tall"
    ranks = [int(r.split()[-1]) for r in page.locator(".jobbro-hit-rank").all_inner_texts()]
    assert ranks == list(range(1, 51))
    screenshot(f"ranked-1-first-page-{language}")

    # Page 2 without a reload; the focus goes to the new page's count.
    page.locator(".pagination").get_by_role("link", name=words["page 2"], exact=True).click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.get_by_test_id("result-count")).to_contain_text(words["page 2 count"])
    expect(cards).to_have_count(14)
    expect(page.get_by_test_id("result-count")).to_be_focused()
    screenshot(f"ranked-2-page-2-{language}")

    # Sorted by distance: back on page 1, the nearest first, ranks still by score.
    page.get_by_test_id("sort").select_option(label=words["distance"])
    expect(page).to_have_url(re.compile(r"sort=distance"))
    expect(page).not_to_have_url(re.compile(r"page=2"))
    nearest = page.get_by_test_id("search-row").first
    expect(nearest).to_contain_text("Signe Nærmest")
    expect(nearest).to_contain_text("0 km")
    # The facet counts stay those of the whole list.
    expect(page.get_by_test_id("facet-job_centres")).to_contain_text("Jobcenter Gladsaxe (38)")
    screenshot(f"ranked-3-by-distance-{language}")

    # The dialog: the focus moves in; Escape closes it and gives the focus back.
    button = nearest.get_by_role("button", name=words["propose"])
    button.click()
    dialog = page.get_by_role("dialog", name=words["dialog"])
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name=words["dialog"])).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()

    # A question left unanswered: the error shows in the dialog, nothing is written.
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    questions = dialog.get_by_test_id("screening-question")
    expect(questions).to_have_count(3)
    questions.nth(0).get_by_label(words["yes"]).check()
    questions.nth(1).get_by_label(words["yes"]).check()
    dialog.get_by_test_id("propose-submit").click()
    expect(dialog.get_by_test_id("propose-errors")).to_contain_text(words["missing"])
    expect(dialog.get_by_test_id("propose-errors")).to_be_focused()
    expect(questions.nth(2)).to_contain_text(words["question"])
    expect(questions.nth(0).get_by_label(words["yes"])).to_be_checked()  # answers kept
    assert not Referral.objects.exists()
    # What the caseworker sees: the modal over the list (a full-page picture would not show it).
    page.screenshot(path=str(ARTIFACTS / f"ranked-4-dialog-error-{language}.png"))

    # Everything answered: proposed, the dialog closes and the card says so.
    questions.nth(2).get_by_label(words["yes"]).check()
    dialog.get_by_label(re.compile("Hvorfor|Why")).fill("Bor tæt på og har truckcertifikat")
    dialog.get_by_test_id("propose-submit").click()
    expect(dialog).to_be_hidden()
    proposed = nearest.get_by_test_id("proposed")
    expect(proposed).to_have_text(words["proposed"])
    expect(proposed).to_be_focused()
    referral = Referral.objects.get()
    assert referral.candidate.last_name == "Nærmest"
    assert referral.screening_answers.count() == 3
    screenshot(f"ranked-5-proposed-{language}")
