"""axe finds nothing on the pages of the core path, in Danish and in English.

Company → job order → ranked candidates (and the propose dialog) → referral → hire →
follow-up, the CV, the free search, the requests, as a business consultant and an
onboarding consultant of Jobcenter Herlev see them.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.joborders.models import FollowUpStep, ReferralState
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ContactPersonFactory,
    ExperienceFactory,
    FollowUpFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    LanguageFactory,
    OccupationFactory,
    PlacementFactory,
    QualificationFactory,
    ReferralFactory,
    SkillFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _world() -> dict[str, int]:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)
    consultant = staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    onboarding = staff(Role.ONBOARDING_CONSULTANT, herlev, username="ik", password=PASSWORD)
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    skill = SkillFactory(label_en="install windows", label_da="montere vinduer")
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get()
    )
    ContactPersonFactory(company=company)
    InteractionFactory(
        company=company, consultant=consultant, job_centre=herlev,
        follow_up_on=timezone.localdate(),
    )  # fmt: skip
    order = JobOrderFactory(
        company=company, job_centre=herlev, occupation=carpenter, created_by=consultant
    )
    order.requirements.create(
        importance="must", kind="qualification", qualification=QualificationFactory()
    )
    order.requirements.create(
        importance="nice", kind="language", language=LanguageFactory(), language_level="B1"
    )
    order.requirements.create(importance="nice", kind="skill", skill=skill)
    people = []
    for n, centre in enumerate((herlev, gladsaxe, gladsaxe)):
        candidate = CandidateFactory(job_centre=centre, first_name=f"Kandidat{n}")
        candidate.cv.qualifications.create(qualification=order.requirements.first().qualification)
        candidate.cv.skills.add(skill)
        ExperienceFactory(
            cv=candidate.cv, occupation=carpenter, title="Tømrer",
            start_date=dt.date(2018, 1, 1), end_date=dt.date(2024, 1, 1),
        )  # fmt: skip
        people.append(candidate)
    hired = ReferralFactory(
        job_order=order, candidate=people[0], proposed_by=consultant, state=ReferralState.HIRED
    )
    placement = PlacementFactory(
        referral=hired, start_date=timezone.localdate() - dt.timedelta(days=9),
        hours_per_week=37, recorded_by=consultant, onboarding_consultant=onboarding,
        created_at=timezone.now(),
    )  # fmt: skip
    follow_up = FollowUpFactory(
        placement=placement, step=FollowUpStep.WEEK, due_on=timezone.localdate()
    )
    interview = ReferralFactory(
        job_order=order, candidate=CandidateFactory(job_centre=herlev),
        proposed_by=consultant, state=ReferralState.INTERVIEW,
    )  # fmt: skip
    return {
        "company": company.pk,
        "order": order.pk,
        "candidate": people[0].pk,
        "interview": interview.pk,
        "follow_up": follow_up.pk,
    }


CONSULTANT_PAGES = [
    "/",
    "/companies/",
    "/companies/new/",
    "/companies/{company}/",
    "/companies/agenda/",
    "/job-orders/",
    "/job-orders/new/?company={company}",
    "/job-orders/{order}/",
    "/job-orders/{order}/edit/",
    "/job-orders/{order}/candidates/",
    "/job-orders/referrals/{interview}/hire/",
    "/job-orders/requests/",
    "/candidates/",
    "/candidates/{candidate}/",
    "/candidates/{candidate}/cv/",
    "/search/?text=tømrer+der+taler+dansk",
    "/sharing/requests/",
]
ONBOARDING_PAGES = ["/", "/job-orders/follow-ups/", "/job-orders/follow-ups/{follow_up}/"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_core_path_has_no_axe_violations(page: Page, language: str) -> None:
    ids = _world()
    for username, pages in (("bc", CONSULTANT_PAGES), ("ik", ONBOARDING_PAGES)):
        page.context.clear_cookies()
        log_in(page, username)
        if language == "en":
            page.get_by_test_id("lang-en").click()
        for url in pages:
            page.goto(url.format(**ids))
            expect(page.locator("html")).to_have_attribute("lang", language)
            assert_no_axe_violations(page)
        if username == "bc":
            # The propose dialog, open over the ranked list.
            page.goto(f"/job-orders/{ids['order']}/candidates/")
            page.get_by_test_id("search-row").first.get_by_role("button").first.click()
            expect(page.get_by_role("dialog")).to_be_visible()
            assert_no_axe_violations(page)
