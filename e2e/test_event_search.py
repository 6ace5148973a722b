"""The event page's two searches in a real browser: a consultant who both invites companies
and her own job centre's candidates finds two candidates named Mads Knudsen and tells them
apart by birth year, occupation and candidate number; the page passes axe (two search
landmarks, each with its own name), in Danish and English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.events import services
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    ExperienceFactory,
    JobCentreFactory,
    MembershipFactory,
    OccupationFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_of_the_same_name_are_told_apart(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    copenhagen = JobCentreFactory(name="Jobcenter København")
    karen = staff(Role.BUSINESS_CONSULTANT, copenhagen, username="karen", password=PASSWORD)
    MembershipFactory(user=karen, job_centre=copenhagen, role=Role.JOB_CONSULTANT)
    start = timezone.now() + dt.timedelta(days=7)
    event = services.event_create(
        actor=karen,
        job_centre=copenhagen,
        title="Jobdag i Bella Center",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=5),
        location="Bella Center",
    )
    older = CandidateFactory(
        job_centre=copenhagen,
        first_name="Mads",
        last_name="Knudsen",
        birth_date=dt.date(1968, 5, 2),
    )
    younger = CandidateFactory(
        job_centre=copenhagen,
        first_name="Mads",
        last_name="Knudsen",
        birth_date=dt.date(1999, 9, 9),
    )
    ExperienceFactory(
        cv=older.cv,
        occupation=OccupationFactory(label_da="murer", label_en="bricklayer"),
        title="Murersvend",
        start_date=dt.date(1990, 8, 1),
    )
    younger.cv.wished_occupations.add(
        OccupationFactory(label_da="lagerarbejder", label_en="warehouse worker")
    )

    log_in(page, "karen")
    page.goto(f"/events/{event.pk}/")
    expect(page.get_by_role("search", name="Søg virksomheder at invitere")).to_be_visible()
    expect(page.get_by_role("search", name="Søg kandidater at invitere")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Invitér en kandidat fra dit jobcenter").fill("Mads Knudsen")
    hits = page.get_by_test_id("candidate-hit")
    expect(hits).to_have_count(2)
    expect(hits.filter(has_text="født 1968")).to_contain_text("murer")
    expect(hits.filter(has_text="født 1968")).to_contain_text(f"kandidatnr. {older.pk}")
    expect(hits.filter(has_text="født 1999")).to_contain_text("lagerarbejder")
    expect(hits.filter(has_text="født 1999")).to_contain_text(f"kandidatnr. {younger.pk}")
    assert_no_axe_violations(page)
    screenshot("event-search-two-mads-da")

    # The bricklayer is the one to invite.
    hits.filter(has_text="født 1968").get_by_role("button", name="Invitér").click()
    expect(page.get_by_test_id("event-candidate")).to_have_count(1)
    assert event.candidates.get().candidate == older

    page.get_by_test_id("lang-en").click()
    expect(page.get_by_role("search", name="Search for candidates to invite")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Invite a candidate of your job centre").fill("Mads Knudsen")
    expect(hits).to_have_count(1)
    expect(hits).to_contain_text("born 1999")
    expect(hits).to_contain_text("warehouse worker")
    expect(hits).to_contain_text(f"candidate no. {younger.pk}")
    assert_no_axe_violations(page)
    screenshot("event-search-one-mads-en")
