"""Reads of job orders, referrals and follow-ups."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from jobbro.organisations.models import User
from jobbro.organisations.selectors import job_centres_of

from .models import FollowUp, JobOrder, JobOrderStatus, Referral, ReferralState

AWAITING_ANSWER = (ReferralState.PROPOSED, ReferralState.INTERVIEW)


def open_job_orders_for(user: User) -> QuerySet[JobOrder]:
    """Open job orders the user created or that their job centres are responsible for."""
    return (
        JobOrder.objects.filter(status=JobOrderStatus.OPEN)
        .filter(Q(created_by=user) | Q(job_centre__in=job_centres_of(user)))
        .select_related("company", "job_centre")
        .order_by("deadline")
    )


def referrals_awaiting_answer_for(user: User) -> QuerySet[Referral]:
    """Referrals the company has not answered, on the user's job orders or proposed by them."""
    return (
        Referral.objects.filter(state__in=AWAITING_ANSWER)
        .filter(
            Q(proposed_by=user)
            | Q(job_order__job_centre__in=job_centres_of(user))
            | Q(job_order__created_by=user)
        )
        .select_related("job_order__company", "candidate")
        .order_by("created_at")
    )


def follow_ups_due_for(user: User, within_days: int = 7) -> QuerySet[FollowUp]:
    """Follow-ups not yet done, due within the coming week or overdue."""
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    return (
        FollowUp.objects.filter(done_at__isnull=True, due_on__lte=horizon)
        .filter(
            Q(placement__onboarding_consultant=user)
            | Q(placement__referral__job_order__job_centre__in=job_centres_of(user))
            | Q(placement__referral__candidate__job_centre__in=job_centres_of(user))
        )
        .distinct()
        .select_related("placement__referral__candidate", "placement__referral__job_order__company")
        .order_by("due_on")
    )
