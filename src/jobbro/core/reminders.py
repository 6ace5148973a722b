"""The periodic mails: what `manage.py send_reminders` (cron, every 15 minutes) sends.

Each app owns its reminder; this module names the follow-ups after hiring, whose mail
has no better home (joborders may not depend on notifications' templates here), and
collects the others so one command runs them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from jobbro.joborders.models import FollowUp
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import notify
from jobbro.organisations.models import Role, User


def notify_due_follow_ups(*, today: dt.date | None = None) -> int:
    """Mail the onboarding consultant of each follow-up due today or overdue, once."""
    today = today or timezone.localdate()
    due = FollowUp.objects.filter(done_at__isnull=True, due_on__lte=today).select_related(
        "placement__onboarding_consultant",
        "placement__referral__job_order__company",
        "placement__referral__candidate",
    )
    sent = 0
    for follow_up in due:
        placement = follow_up.placement
        job_order = placement.referral.job_order
        sent += notify(
            kind=NotificationKind.FOLLOW_UP_DUE,
            users=_follow_up_recipients(follow_up),
            template="core/mail/follow_up_due",
            context={
                "step": follow_up.step,
                "due_on": follow_up.due_on.isoformat(),
                "company": job_order.company.name,
                "job_title": job_order.title,
            },
            link=reverse("joborders:follow_up", args=[follow_up.pk]),
            key=f"follow_up:{follow_up.pk}:due",
        )
    return sent


def _follow_up_recipients(follow_up: FollowUp) -> list[User]:
    """The placement's onboarding consultant; without one, those of the candidate's centre."""
    consultant = follow_up.placement.onboarding_consultant
    if consultant is not None:
        return [consultant]
    centre = follow_up.placement.referral.candidate.job_centre_id
    return list(
        User.objects.filter(
            Q(memberships__job_centre_id=centre),
            Q(memberships__role=Role.ONBOARDING_CONSULTANT),
        ).distinct()
    )


def reminder_jobs() -> list[tuple[str, Callable[[], int]]]:
    """Every periodic mail, named for the command's report."""
    return [("follow-ups due", notify_due_follow_ups)]
