"""A job guarantee from the agreement to the first proposal, in Danish.

JRS Sjælland's Næstved job centre has a recruitment agreement with a care home that promises
jobs to those who complete the SOSU-ready team. The business consultant creates the
guarantee for the team and the home's job order (first refused: no job order chosen, no
jobs promised); the job consultant records Mette's completion; the guarantee page shows
her proposed to the job order and the outcome, and so does the team page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.guarantees.models import JobGuarantee
from jobbro.joborders.models import Referral
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    CourseFactory,
    EnrolmentFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    ProviderFactory,
    RecruitmentAgreementFactory,
    ReservationFactory,
    TeamFactory,
    staff,
)

TODAY = dt.date.today()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def world() -> dict[str, int]:
    town = MunicipalityFactory(code="370", name="Næstved", latitude=55.2299, longitude=11.7609)
    jrs = CooperationFactory(name="Jobcentrenes Rekrutteringsservice Sjælland", short_name="JRS")
    centre = JobCentreFactory(name="Jobcenter Næstved", cooperation=jrs, municipalities=[town])
    consultant = staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    staff(Role.JOB_CONSULTANT, centre, username="jc", password=PASSWORD)
    home = CompanyFactory(cooperation=jrs, municipality=town, name="Plejecenter Solgården")
    RecruitmentAgreementFactory(
        company=home,
        job_centre=centre,
        signed_by=consultant,
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 12, 31),
        job_guarantee=True,
        guarantee_terms="Plejecentret ansætter 3 af dem, der gennemfører SOSU-klar.",
    )
    job_order = JobOrderFactory(
        company=home, job_centre=centre, title="Social- og sundhedshjælper", positions=3
    )
    course = CourseFactory(
        title="SOSU-klar",
        provider=ProviderFactory(cooperation=jrs, name="ZBC Næstved", municipality=town),
    )
    # The team ends today: a completion may be recorded on it.
    team = TeamFactory(
        course=course,
        host=centre,
        place="ZBC Næstved",
        starts_on=TODAY - dt.timedelta(weeks=19, days=4),
        ends_on=TODAY,
    )
    ReservationFactory(team=team, job_centre=centre, seats=2)
    mette = CandidateFactory(
        job_centre=centre, first_name="Mette", last_name="Hansen", municipality=town
    )
    enrolment = EnrolmentFactory(team=team, candidate=mette, enrolled_by=consultant)
    return {"team": team.pk, "job_order": job_order.pk, "enrolment": enrolment.pk}


def test_guarantee_for_a_team_proposes_who_completes(page: Page, live_server, screenshot) -> None:  # type: ignore[no-untyped-def]
    ids = world()

    # The business consultant creates the guarantee: first the agreement, then the rest.
    log_in(page, "bc")
    page.goto("/upskilling/")
    page.get_by_test_id("guarantees-link").click()
    expect(page.locator("h1")).to_have_text("Jobgarantier")
    page.get_by_role("link", name="Ny jobgaranti").click()
    page.get_by_label("Rekrutteringsaftale").select_option(index=0)
    page.get_by_test_id("agreement-next").click()
    expect(page.get_by_test_id("guarantee-agreement")).to_contain_text("Plejecenter Solgården")
    starts = (TODAY - dt.timedelta(weeks=19, days=4)).strftime("%d.%m.%Y")
    page.get_by_label("Kursushold").select_option(label=f"SOSU-klar, {starts}, ZBC Næstved")
    page.get_by_label("Lovede job").fill("0")
    page.get_by_test_id("guarantee-save").click()
    expect(page.locator("body")).to_contain_text(
        "Vælg mindst én af virksomhedens jobordrer, som deltagerne skal foreslås til."
    )
    expect(page.locator("body")).to_contain_text("Virksomheden lover mindst ét job.")
    assert not JobGuarantee.objects.exists()
    assert_no_axe_violations(page)
    screenshot("guarantees-1-refused-da")
    page.get_by_label("Social- og sundhedshjælper").check()
    page.get_by_label("Lovede job").fill("3")
    page.get_by_label("Note").fill("Aftalt med plejecentrets leder.")
    page.get_by_test_id("guarantee-save").click()
    expect(page.locator("body")).to_contain_text("Jobgarantien er oprettet.")
    guarantee = JobGuarantee.objects.get()
    expect(page).to_have_url(f"{live_server.url}/upskilling/guarantees/{guarantee.pk}/")
    expect(page.get_by_test_id("guarantee-participants")).to_have_count(0)

    # The job consultant records Mette's completion.
    page.context.clear_cookies()
    log_in(page, "jc")
    page.goto(f"/upskilling/enrolments/{ids['enrolment']}/")
    finish = page.get_by_test_id("finish-form")
    finish.get_by_label("Gennemførte kurset").check()
    finish.locator("input[name=finish-finished_on]").fill(TODAY.isoformat())
    finish.get_by_role("button").click()
    expect(page.locator("body")).to_contain_text("Kurset er gennemført")
    assert Referral.objects.filter(
        job_order=ids["job_order"], candidate__first_name="Mette"
    ).exists()

    # The guarantee page: Mette proposed, the outcome counted.
    page.context.clear_cookies()
    log_in(page, "bc")
    page.goto(f"/upskilling/guarantees/{guarantee.pk}/")
    participants = page.get_by_test_id("guarantee-participants")
    expect(participants).to_contain_text("Mette Hansen")
    expect(participants).to_contain_text("Foreslået")
    outcome = page.get_by_test_id("outcome")
    expect(outcome.get_by_role("row", name="Lovede job 3", exact=True)).to_be_visible()
    expect(outcome.get_by_role("row", name="Gennemførte kurset 1", exact=True)).to_be_visible()
    expect(
        outcome.get_by_role("row", name="Foreslået til jobordrerne 1", exact=True)
    ).to_be_visible()
    expect(
        outcome.get_by_role("row", name="Job, der mangler at blive besat 3", exact=True)
    ).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("guarantees-2-proposed-da")
    page.click("[data-testid=lang-en]")
    expect(outcome.get_by_role("row", name="Jobs promised 3", exact=True)).to_be_visible()
    expect(
        outcome.get_by_role("row", name="Proposed to the job orders 1", exact=True)
    ).to_be_visible()
    expect(participants).to_contain_text("Mette Hansen")
    screenshot("guarantees-3-proposed-en")
    page.click("[data-testid=lang-da]")

    # The team page shows the guarantee's outcome as counts.
    page.goto(f"/upskilling/teams/{ids['team']}/")
    expect(page.get_by_test_id("guarantees")).to_contain_text(
        "Plejecenter Solgården: 0 af 3 job besat; 1 gennemført, 1 foreslået, 0 til samtale."
    )
