import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from jobbro.joborders.models import FollowUp, FollowUpStep
from jobbro.organisations.models import Role, User
from tests.factories import FollowUpFactory, PlacementFactory, ReferralFactory, staff


@pytest.fixture
def onboarding(db: Any) -> User:
    return staff(Role.ONBOARDING_CONSULTANT, email="indslusning@jobcenter.example")


@pytest.fixture
def due_follow_up(onboarding: User) -> FollowUp:
    """A one-week follow-up due today, followed by `onboarding`."""
    referral = ReferralFactory(job_order__title="Tømrer", job_order__company__name="Byg A/S")
    placement = PlacementFactory(
        referral=referral,
        start_date=timezone.localdate() - dt.timedelta(days=7),
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        onboarding_consultant=onboarding,
        created_at=timezone.now(),
    )
    return FollowUpFactory(placement=placement, step=FollowUpStep.WEEK, due_on=timezone.localdate())
