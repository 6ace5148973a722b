"""The ranked pages in a real browser: the job order's list, a CV request, the free search.

A business consultant of Jobcenter Herlev opens the ranked list of a job order (Danish),
reads why the best candidate ranks first, narrows the list with a facet (htmx), proposes
her and asks for the CV of an anonymous hit. A job consultant of Jobcenter Gladsaxe,
whose candidate it is, shares it; back in English the consultant now sees the name, then
searches freely and runs a saved search again.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.candidates.models import ConsentScope
from jobbro.joborders.models import Referral
from jobbro.organisations.models import Role
from jobbro.searches.models import SavedSearch
from jobbro.sharing.models import SharingRequest, SharingStatus
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


def carpenter_cv(candidate, occupation, years: int) -> None:
    ExperienceFactory(
        cv=candidate.cv,
        occupation=occupation,
        title="Tømrer",
        start_date=dt.date(2025 - years, 1, 1),
        end_date=dt.date(2025, 1, 1),
    )


def test_ranked_list_sharing_and_free_search(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    staff(Role.JOB_CONSULTANT, gladsaxe, username="gl", password=PASSWORD)
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get()
    )
    job_order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=carpenter, title="Tømrer til plejecenter"
    )
    mette = CandidateFactory(job_centre=gladsaxe, first_name="Mette", last_name="Kjær")
    carpenter_cv(mette, carpenter, 9)
    karl = CandidateFactory(job_centre=herlev, first_name="Karl", last_name="Holm")
    karl.cv.wished_occupations.add(carpenter)
    sigrid = CandidateFactory(
        job_centre=gladsaxe,
        first_name="Sigrid",
        last_name="Hemmelig",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )
    carpenter_cv(sigrid, carpenter, 4)

    # Danish: the ranked list with its explanation and an anonymous hit.
    log_in(page, "bc")
    page.goto(f"/job-orders/{job_order.pk}/")
    page.get_by_test_id("find-candidates").click()
    rows = page.get_by_test_id("search-row")
    expect(rows.first).to_contain_text("Mette Kjær")
    expect(rows.first.get_by_test_id("why-occupation")).to_contain_text("Samme erhverv, 9")
    expect(page.get_by_test_id("result-count")).to_contain_text("3 kandidater opfyldte")
    anonymous = page.get_by_test_id("anonymous-hit")
    expect(anonymous).to_contain_text("En kandidat i Jobcenter Gladsaxe")
    expect(page.locator("body")).not_to_contain_text("Sigrid")
    rows.first.get_by_text("Sådan er pointtallet beregnet").click()
    expect(rows.first.locator("details")).to_contain_text("Erhverv")
    screenshot("matching-1-ranked-da")

    # A facet narrows the list without a reload, and the address can be shared.
    page.get_by_test_id("facet-job_centres").get_by_label("Jobcenter Herlev").check()
    expect(page.get_by_test_id("search-row")).to_have_count(1)
    expect(page.get_by_test_id("search-row")).to_contain_text("Karl Holm")
    expect(page).to_have_url(re.compile(r"job_centres="))
    expect(page.get_by_test_id("anonymous-hit")).to_have_count(0)
    screenshot("matching-2-facet-da")
    page.get_by_test_id("facet-job_centres").get_by_label("Jobcenter Herlev").uncheck()
    expect(page.get_by_test_id("search-row")).to_have_count(2)

    # Propose the best; ask for the anonymous candidate's CV.
    best = page.get_by_test_id("search-row").filter(has_text="Mette Kjær")
    best.get_by_role("button", name="Foreslå").click()
    page.get_by_role("dialog").get_by_role("button", name="Foreslå").click()
    expect(best.get_by_test_id("proposed")).to_be_visible()
    assert Referral.objects.get().candidate == mette
    # Each hit's button names its hit to a screen reader: many say "Bed om CV’et".
    rank = page.get_by_test_id("anonymous-hit").locator(".jobbro-hit-rank").inner_text()
    ask = page.get_by_test_id("anonymous-hit").get_by_role("button")
    expect(ask).to_have_accessible_name(
        f"Bed om CV’et – kandidat nr. {rank.split()[-1]} i Jobcenter Gladsaxe"
    )
    ask.click()
    expect(page.get_by_test_id("anonymous-hit").get_by_test_id("request-state")).to_contain_text(
        "Anmodet"
    )
    assert SharingRequest.objects.get().candidate == sigrid
    screenshot("matching-3-asked-da")

    # The candidate's own job centre records that she consents.
    page.get_by_role("button", name="Log ud").click()
    log_in(page, "gl")
    waiting = page.get_by_test_id("sharing-requests-waiting")
    expect(waiting).to_contain_text("1 anmodning")
    waiting.get_by_role("link").click()
    incoming = page.get_by_test_id("incoming-request").filter(has_text="Sigrid Hemmelig")
    incoming.get_by_label("Kandidaten giver samtykke: del CV’et").check()
    screenshot("matching-4-incoming-da")
    incoming.get_by_role("button", name="Registrér svaret").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert SharingRequest.objects.get().status == SharingStatus.SHARED

    # English: the consultant now sees her by name.
    page.get_by_role("button", name="Log ud").click()
    log_in(page, "bc")
    page.get_by_test_id("lang-en").click()
    page.goto(f"/job-orders/{job_order.pk}/candidates/")
    shared = page.get_by_test_id("search-row").filter(has_text="Sigrid Hemmelig")
    expect(shared).to_contain_text("Shared — now visible")
    expect(shared).to_contain_text("Same occupation, 4 years")
    expect(page.get_by_test_id("anonymous-hit")).to_have_count(0)
    screenshot("matching-5-shared-en")

    # Free search: the text is read as the occupation; save it and run it again.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Candidates").click()
    page.get_by_test_id("section-menu").get_by_role("link", name="Search candidates").click()
    page.get_by_label("Describe what you look for").fill("tømrer")
    page.get_by_test_id("run-search").click()
    expect(page.get_by_test_id("chip")).to_contain_text("carpenter")
    expect(page.get_by_test_id("search-row").first).to_contain_text("Mette Kjær")
    page.get_by_label("Name of the search").fill("Carpenters")
    screenshot("matching-6-free-search-en")
    page.get_by_role("button", name="Save the search").click()
    expect(page.locator(".alert-success")).to_contain_text("Carpenters")
    assert SavedSearch.objects.get().name == "Carpenters"
    page.get_by_role("link", name="New search").click()
    expect(page.get_by_test_id("search-row")).to_have_count(0)
    page.get_by_test_id("saved-search").filter(has_text="Carpenters").click()
    expect(page.get_by_test_id("search-row").first).to_contain_text("Mette Kjær")
    screenshot("matching-7-saved-search-en")
