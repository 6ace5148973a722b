"""A job consultant corrects a candidate's name; the secretariat's list says what it shows.

A job consultant of Jobcenter Herlev registered "Mete Kjaer"; on the candidate's edit page
the name comes first, she corrects it to "Mette Kjær" and the candidate's page shows it.
Then the cooperation's secretariat, which owns no candidates, opens the candidate list:
it is told it sees the consenting candidates of the cooperation's job centres, and is
offered no "only my job centre's candidates" filter, which would always find none.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.organisations.models import Role
from tests.factories import CandidateFactory, JobCentreFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_name_is_corrected_and_the_secretariat_reads_its_list(  # type: ignore[no-untyped-def]
    page: Page, screenshot
) -> None:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.JOB_CONSULTANT, herlev, username="jk", password=PASSWORD)
    staff(Role.SECRETARIAT, herlev, username="sek", password=PASSWORD)
    candidate = CandidateFactory(
        job_centre=herlev, first_name="Mete", last_name="Kjaer", consent_scope=ConsentScope.NONE
    )
    shared = CandidateFactory(job_centre=gladsaxe, first_name="Aisha", last_name="Hansen")

    log_in(page, "jk")
    page.goto(f"/candidates/{candidate.pk}/")
    page.get_by_role("link", name="Redigér kandidat").click()
    expect(page.locator("legend").first).to_have_text("Navn")
    expect(page.get_by_label("Fornavn")).to_have_value("Mete")
    assert_no_axe_violations(page)
    page.get_by_label("Fornavn").fill("Mette")
    page.get_by_label("Efternavn").fill("Kjær")
    screenshot("candidate-edit-name-da")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.locator("h1")).to_have_text("Mette Kjær")
    candidate.refresh_from_db()
    assert candidate.full_name == "Mette Kjær"
    page.get_by_role("button", name="Log ud").click()

    log_in(page, "sek")
    page.goto("/candidates/")
    expect(page.get_by_test_id("list-intro")).to_have_text(
        "Kandidaterne fra samarbejdets jobcentre, der har givet samtykke til deling."
    )
    expect(page.locator("[name=mine]")).to_have_count(0)
    expect(page.get_by_test_id("result-count")).to_have_text("1 kandidat")
    expect(page.locator("#candidate-results")).to_contain_text(shared.full_name)
    assert Candidate.objects.count() == 2
    assert_no_axe_violations(page)
    screenshot("candidate-list-secretariat-da")
