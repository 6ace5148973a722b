"""A job consultant registers a new candidate, whom another job centre finds anonymously.

A job consultant of Jobcenter Herlev opens the candidate list, clicks "Ny kandidat",
types an impossible CPR number (31 February) and reads the error with everything she typed
still there; she corrects it, picks the wished occupation, a target group and the a-kasse,
and lands on the new candidate's page. Then a business consultant of Jobcenter Gladsaxe
opens the ranked list of Gladsaxe's warehouse job order: the new candidate is there, but
anonymously (no consent to sharing yet): the job centre, no name, no CPR number. Once in
Danish, once in English.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope, TargetGroup
from jobbro.organisations.models import PartnerKind, Role
from tests.factories import (
    CompanyFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    OccupationFactory,
    PartnerOrganisationFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BAD_CPR = "310292-4711"  # 31 February
GOOD_CPR = "150392-4711"
WORDS = {
    "da": {
        "new": "Ny kandidat",
        "cpr": "CPR-nummer",
        "first name": "Fornavn",
        "last name": "Efternavn",
        "fund": "A-kasse",
        "create": "Opret kandidat",
        "cpr error": "Et CPR-nummer har ti cifre, og de første seks er en gyldig dato (DDMMÅÅ).",
        "created": "Mette Kjær er oprettet som kandidat.",
        "youth": "Unge under 30 år",
        "anonymous": "En kandidat i Jobcenter Herlev",
        "log out": "Log ud",
    },
    "en": {
        "new": "New candidate",
        "cpr": "CPR number",
        "first name": "First name",
        "last name": "Last name",
        "fund": "Unemployment fund (a-kasse)",
        "create": "Create candidate",
        "cpr error": "A CPR number has ten digits, the first six a valid date (DDMMYY).",
        "created": "Mette Kjær is registered as a candidate.",
        "youth": "Young people under 30",
        "anonymous": "A candidate at Jobcenter Herlev",
        "log out": "Log out",
    },
}


def world() -> int:
    """Herlev's job consultant, Gladsaxe's business consultant and warehouse job order."""
    herlev_town = MunicipalityFactory(
        code="163", name="Herlev", latitude=55.7237, longitude=12.4402
    )
    gladsaxe_town = MunicipalityFactory(
        code="159", name="Gladsaxe", latitude=55.7333, longitude=12.4889
    )
    herlev = JobCentreFactory(name="Jobcenter Herlev", municipalities=[herlev_town])
    gladsaxe = JobCentreFactory(
        name="Jobcenter Gladsaxe", cooperation=herlev.cooperation, municipalities=[gladsaxe_town]
    )
    staff(Role.JOB_CONSULTANT, herlev, username="jk", password=PASSWORD)
    staff(Role.BUSINESS_CONSULTANT, gladsaxe, username="bc", password=PASSWORD)
    PartnerOrganisationFactory(
        cooperation=herlev.cooperation, name="3F A-kasse", kind=PartnerKind.UNEMPLOYMENT_FUND
    )
    # Reference data a flushing test may have removed.
    TargetGroup.objects.get_or_create(
        code="youth",
        defaults={"label_da": "Unge under 30 år", "label_en": "Young people under 30"},
    )
    warehouse = OccupationFactory(label_da="lagerarbejder", label_en="warehouse worker")
    company = CompanyFactory(cooperation=herlev.cooperation, municipality=gladsaxe_town)
    job_order = JobOrderFactory(
        company=company, job_centre=gladsaxe, occupation=warehouse, title="Lagermedarbejder"
    )
    return job_order.pk


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_new_candidate_is_found_anonymously_by_another_centre(  # type: ignore[no-untyped-def]
    page: Page, screenshot, language: str
) -> None:
    words = WORDS[language]
    job_order = world()
    log_in(page, "jk")
    if language == "en":
        page.get_by_test_id("lang-en").click()

    # From the list to the new page.
    page.goto("/candidates/")
    screenshot(f"candidate-create-0-list-{language}")
    page.get_by_role("link", name=words["new"]).click()
    expect(page.locator("h1")).to_have_text(words["new"])
    assert_no_axe_violations(page)
    screenshot(f"candidate-create-1-empty-{language}")

    # An impossible date in the CPR number: the error, and the input kept.
    page.get_by_label(words["cpr"]).fill(BAD_CPR)
    page.get_by_label(words["first name"]).fill("Mette")
    page.get_by_label(words["last name"]).fill("Kjær")
    page.get_by_label(words["youth"]).check()
    page.get_by_role("button", name=words["create"]).click()
    expect(page.locator(".form-error-message")).to_contain_text(words["cpr error"])
    expect(page.get_by_label(words["cpr"])).to_have_value(BAD_CPR)
    expect(page.get_by_label(words["first name"])).to_have_value("Mette")
    expect(page.get_by_label(words["last name"])).to_have_value("Kjær")
    expect(page.get_by_label(words["youth"])).to_be_checked()
    assert not Candidate.objects.exists()
    assert_no_axe_violations(page)
    screenshot(f"candidate-create-2-bad-cpr-{language}")

    # Corrected, with the wished occupation picked and the a-kasse chosen.
    page.get_by_label(words["cpr"]).fill(GOOD_CPR)
    page.get_by_label(words["fund"]).select_option(label="3F A-kasse")
    picker = page.get_by_test_id("picker-wished_occupations")
    search = picker.locator("input[type=search]")
    search.press_sequentially("lager", delay=30)
    option = picker.get_by_label("lagerarbejder" if language == "da" else "warehouse worker")
    option.check()
    screenshot(f"candidate-create-3-filled-{language}")
    page.get_by_role("button", name=words["create"]).click()
    expect(page.locator("h1")).to_have_text("Mette Kjær")
    expect(page.locator("body")).to_contain_text(words["created"])
    expect(page.get_by_test_id("personal-data")).to_contain_text("3F A-kasse")
    expect(page.get_by_test_id("personal-data")).to_contain_text(words["youth"])
    candidate = Candidate.objects.get()
    assert candidate.cpr == "1503924711"
    assert candidate.status == CandidateStatus.ACTIVE
    assert candidate.consent_scope == ConsentScope.NONE
    assert [o.label_da for o in candidate.cv.wished_occupations.all()] == ["lagerarbejder"]
    screenshot(f"candidate-create-4-created-{language}")

    # Gladsaxe's business consultant finds the person for Gladsaxe's job order, anonymously.
    page.get_by_role("button", name=words["log out"]).click()
    log_in(page, "bc")  # the browser keeps the language chosen
    page.goto(f"/job-orders/{job_order}/candidates/")
    hit = page.get_by_test_id("anonymous-hit")
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text(words["anonymous"])
    results = page.get_by_test_id("hits").inner_text()
    for leak in ("Mette", "Kjær", "150392", "4711"):
        assert leak not in results
    assert "Mette" not in page.content() and "150392" not in page.content()
    screenshot(f"candidate-create-5-anonymous-hit-{language}")
