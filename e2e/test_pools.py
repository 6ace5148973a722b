"""Candidate pools in a real browser, in Danish.

Peter, a job consultant of Jobcenter Herlev, opens "Kandidatpuljer" from the menu, creates
a construction pool (first forgetting its industry: the form says so in Danish), finds his
candidate Karen Holm by name and adds her with a note. On a carpenter job order's ranked
list the pool is a facet with its count; choosing it leaves only Karen in the list.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.organisations.models import Role
from jobbro.pools.models import Pool, PoolMember
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    IndustryFactory,
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


def world() -> int:
    """Herlev with two carpenters and a carpenter job order; returns the order's id."""
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.JOB_CONSULTANT, herlev, username="peter", first_name="Peter", password=PASSWORD)
    construction = IndustryFactory(version="DB25", code="412000", label_da="Opførelse af bygninger")
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    for first, last in (("Karen", "Holm"), ("Jonas", "Berg")):
        person = CandidateFactory(job_centre=herlev, first_name=first, last_name=last)
        ExperienceFactory(
            cv=person.cv,
            occupation=carpenter,
            title="Tømrer",
            start_date=dt.date(2018, 1, 1),
            end_date=dt.date(2025, 1, 1),
        )
    company = CompanyFactory(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),
        industry=construction,
        name="Byggeselskabet Nord A/S",
    )
    job_order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=carpenter, title="Tømrer til nybyggeri"
    )
    return job_order.pk


def test_create_a_pool_add_a_candidate_and_narrow_a_ranked_list(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    job_order = world()
    log_in(page, "peter")

    page.get_by_role("link", name="Kandidater", exact=True).first.click()
    page.get_by_test_id("section-menu").get_by_role("link", name="Kandidatpuljer").click()
    expect(page.get_by_role("heading", name="Kandidatpuljer", level=1)).to_be_visible()
    page.get_by_test_id("new-pool").click()

    # An industry pool without an industry: refused, in Danish.
    page.get_by_label("Navn").fill("Byggeri")
    page.get_by_label("Branchepulje").check()
    page.get_by_role("button", name="Opret pulje").click()
    expect(page.get_by_text("Vælg mindst én branche til en branchepulje.").first).to_be_visible()
    page.get_by_label("Brancher").select_option(label="412000 Opførelse af bygninger")
    page.get_by_role("button", name="Opret pulje").click()
    expect(page.get_by_text("Puljen er oprettet.")).to_be_visible()
    expect(page.get_by_role("heading", name="Byggeri", level=1)).to_be_visible()

    # Find Karen by name and add her with a note.
    page.get_by_label("Find en kandidat efter navn").fill("Holm")
    page.get_by_role("button", name="Find", exact=True).click()
    found = page.get_by_test_id("found")
    expect(found).to_contain_text("Karen Holm")
    expect(found).not_to_contain_text("Jonas Berg")
    found.get_by_label("Note").fill("Svendebrev 2019")
    found.get_by_role("button", name="Tilføj Karen Holm").click()
    expect(page.get_by_text("Karen Holm er tilføjet puljen.")).to_be_visible()
    expect(page.get_by_test_id("members")).to_contain_text("Svendebrev 2019")
    screenshot("pools-1-pool-with-member-da")
    pool = Pool.objects.get(name="Byggeri")
    assert PoolMember.objects.filter(pool=pool, candidate__first_name="Karen").exists()

    # The job order's ranked list: the pool is a facet with its count.
    page.goto(f"/job-orders/{job_order}/candidates/")
    cards = page.get_by_test_id("hits").locator("> li")
    expect(cards).to_have_count(2)
    facet = page.get_by_test_id("facet-among")
    expect(facet).to_contain_text("Byggeri (1)")
    expect(facet).to_contain_text("alle kandidater (2)")
    facet.get_by_label("Byggeri").check()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Karen Holm")
    screenshot("pools-2-ranked-list-among-pool-da")

    # The same in English.
    page.click("[data-testid=lang-en]")
    expect(facet).to_contain_text("all candidates (2)")
    expect(cards).to_have_count(1)
    page.goto(f"/pools/{pool.pk}/")
    expect(page.get_by_role("heading", name="Byggeri", level=1)).to_be_visible()
    expect(page.get_by_test_id("members")).to_contain_text("Karen Holm")
    expect(page.get_by_test_id("section-menu")).to_contain_text("Candidate pools")
    screenshot("pools-3-pool-en")
