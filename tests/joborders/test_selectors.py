"""Selectors: the job order list and follow-ups (the ranked search is tested in tests/sharing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobbro.joborders import selectors
from jobbro.joborders.models import (
    FollowUpStep,
    JobOrderKind,
    JobOrderStatus,
)
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    FollowUpFactory,
    JobCentreFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def test_job_order_list_filters(consultant, job_order, job_centre, other_job_centre, company):
    other_order = JobOrderFactory(
        company=company,
        job_centre=other_job_centre,
        title="Lagermedarbejder",
        kind=JobOrderKind.SMALL_JOB,
        status=JobOrderStatus.CLOSED,
    )
    foreign = JobCentreFactory(cooperation__name="Job7", cooperation__short_name="J7")
    JobOrderFactory(company=CompanyFactory(cooperation=foreign.cooperation), job_centre=foreign)

    def listed(**filters):
        return set(selectors.job_order_list(consultant, **filters))

    assert listed() == {job_order, other_order}
    assert listed(status="closed") == {other_order}
    assert listed(kind=JobOrderKind.SMALL_JOB) == {other_order}
    assert listed(job_centre=other_job_centre) == {other_order}
    assert listed(text="LAGER") == {other_order}
    assert listed(text=company.name.upper()) == {job_order, other_order}
    assert listed(mine=True) == {job_order}


def _follow_up(job_order, due_on, done=False, user=None):
    referral = ReferralFactory(job_order=job_order)
    placement = PlacementFactory(
        referral=referral,
        start_date=due_on,
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        created_at=timezone.now(),
    )
    return FollowUpFactory(
        placement=placement,
        step=FollowUpStep.WEEK,
        due_on=due_on,
        done_at=timezone.now() if done else None,
        done_by=user if done else None,
        still_employed=True if done else None,
    )


def test_follow_up_list_due_overdue_done(onboarding, job_order):
    today = timezone.localdate()
    late = _follow_up(job_order, today - dt.timedelta(days=3))
    soon = _follow_up(job_order, today + dt.timedelta(days=3))
    done = _follow_up(job_order, today - dt.timedelta(days=10), done=True, user=onboarding)
    show = selectors.FollowUpFilter
    assert list(selectors.follow_up_list(onboarding)) == [late, soon]
    assert list(selectors.follow_up_list(onboarding, show=show.OVERDUE)) == [late]
    assert list(selectors.follow_up_list(onboarding, show=show.DONE)) == [done]
    stranger = staff(Role.ONBOARDING_CONSULTANT, JobCentreFactory())
    assert not selectors.follow_up_list(stranger).exists()
