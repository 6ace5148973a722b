import datetime as dt

import pytest
from django.utils import timezone

from jobbro.joborders.models import FollowUp, FollowUpStep, JobOrderStatus, Placement
from jobbro.organisations.models import Role
from tests.factories import JobOrderFactory, ReferralFactory, staff

pytestmark = pytest.mark.django_db


def test_start_page_shows_the_open_work_of_the_users_job_centre(job_centre, client_for) -> None:
    manager = staff(Role.MANAGER, job_centre)
    mine = JobOrderFactory(job_centre=job_centre, title="Stilladsmontør")
    JobOrderFactory(job_centre=job_centre, title="Lukket ordre", status=JobOrderStatus.CLOSED)
    JobOrderFactory(title="Andet jobcenters ordre")
    ReferralFactory(job_order=mine)

    page = client_for(manager).get("/").content.decode()

    assert "Stilladsmontør" in page
    assert "Lukket ordre" not in page
    assert "Andet jobcenters ordre" not in page
    assert 'data-testid="count-referrals">1<' in page


def test_start_page_lists_follow_ups_due_for_the_onboarding_consultant(
    job_centre, client_for
) -> None:
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)
    referral = ReferralFactory()
    placement = Placement.objects.create(
        referral=referral,
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        onboarding_consultant=onboarding,
        created_at=timezone.now(),
    )
    today = timezone.localdate()
    FollowUp.objects.create(
        placement=placement, step=FollowUpStep.WEEK, due_on=today + dt.timedelta(days=7)
    )
    FollowUp.objects.create(
        placement=placement, step=FollowUpStep.QUARTER, due_on=today + dt.timedelta(days=90)
    )

    response = client_for(onboarding).get("/")

    assert list(response.context["follow_ups"]) == [placement.follow_ups.get(step="week")]


def test_menu_marks_only_the_most_specific_section_active(job_centre, client_for) -> None:
    onboarding = staff(Role.ONBOARDING_CONSULTANT, job_centre)

    page = client_for(onboarding).get("/job-orders/follow-ups/").content.decode()

    assert page.count('class="nav-link" aria-current="page"') == 1
    assert 'href="/job-orders/follow-ups/" class="nav-link" aria-current="page"' in page
