"""The periodic mails: what `manage.py send_reminders` (cron, every 15 minutes) sends.

The shared line and the requests between job centres own their reminders; the follow-ups
(after a hire, and with a company) are mailed from here, and one command runs them all.
Every mail has a key, so running the command again sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from jobbro.candidate_requests.services import remind_unanswered_requests
from jobbro.companies.models import Interaction
from jobbro.intake.services import notify_overdue_inquiries
from jobbro.joborders.models import FollowUp
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import notify
from jobbro.organisations.models import Role, User

# A follow-up is mailed when it falls due; one overdue for longer was mailed then (or the
# service was down) and stands on the start page and the agenda anyway.
MAIL_WINDOW = dt.timedelta(days=14)


def notify_due_follow_ups(*, today: dt.date | None = None) -> int:
    """Mail the onboarding consultant of each follow-up due today or overdue, once."""
    today = today or timezone.localdate()
    due = FollowUp.objects.filter(
        done_at__isnull=True, due_on__lte=today, due_on__gt=today - MAIL_WINDOW
    ).select_related(
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


def notify_due_company_follow_ups(*, today: dt.date | None = None) -> int:
    """Mail each consultant whose follow-up with a company falls due, once per date set."""
    today = today or timezone.localdate()
    due = Interaction.objects.filter(
        follow_up_on__lte=today,
        follow_up_on__gt=today - MAIL_WINDOW,
        follow_up_done_at__isnull=True,
    ).select_related("company", "consultant")
    sent = 0
    for interaction in due:
        due_on = cast(dt.date, interaction.follow_up_on)  # the filter excludes None
        sent += notify(
            kind=NotificationKind.FOLLOW_UP_DUE,
            users=[interaction.consultant],
            template="core/mail/company_follow_up_due",
            context={
                "company": interaction.company.name,
                "occurred_on": timezone.localdate(interaction.occurred_at).isoformat(),
                "due_on": due_on.isoformat(),
            },
            link=reverse("companies:agenda"),
            # A rescheduled follow-up is mailed again on its new date.
            key=f"interaction:{interaction.pk}:{due_on.isoformat()}",
        )
    return sent


def reminder_jobs() -> list[tuple[str, Callable[[], int]]]:
    """Every periodic mail, named for the command's report."""
    return [
        ("follow-ups after hiring due", notify_due_follow_ups),
        ("follow-ups with companies due", notify_due_company_follow_ups),
        ("overdue inquiries on the shared line", notify_overdue_inquiries),
        ("unanswered requests reminded", remind_unanswered_requests),
    ]
