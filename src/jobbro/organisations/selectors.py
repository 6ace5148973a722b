"""Reads about who works where and may do what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from .models import Cooperation, JobCentre, Municipality, Role, SteeringGroupTerm, User


def job_centres_of(user: User, roles: Iterable[Role] | None = None) -> QuerySet[JobCentre]:
    """The job centres where the user holds (one of) the roles."""
    memberships = user.memberships.all()
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return JobCentre.objects.filter(pk__in=memberships.values("job_centre"))


def cooperation_of(user: User) -> Cooperation | None:
    """The cooperation the user works in (memberships never span two cooperations)."""
    centre = job_centres_of(user).select_related("cooperation").first()
    return centre.cooperation if centre else None


def home_job_centre(municipality: Municipality, cooperation: Cooperation) -> JobCentre | None:
    """The member job centre serving a municipality: it owns companies located there."""
    return cooperation.job_centres.filter(municipalities=municipality).first()


def has_role_at(user: User, job_centre: JobCentre, roles: Iterable[Role]) -> bool:
    return user.memberships.filter(job_centre=job_centre, role__in=list(roles)).exists()


def staff_at(centres: Iterable[JobCentre | int], roles: Iterable[Role]) -> QuerySet[User]:
    """The active users holding one of the roles at one of the job centres (who to tell)."""
    ids = [c if isinstance(c, int) else c.pk for c in centres]
    return (
        User.objects.filter(
            is_active=True, memberships__job_centre__in=ids, memberships__role__in=list(roles)
        )
        .distinct()
        .order_by("pk")
    )


def steering_group(
    cooperation: Cooperation, on: dt.date | None = None
) -> QuerySet[SteeringGroupTerm]:
    """The terms running on a day (today by default; both ends count): the chair first."""
    day = on or timezone.localdate()
    return SteeringGroupTerm.objects.filter(
        cooperation=cooperation, starts_on__lte=day, ends_on__gte=day
    ).select_related("member", "job_centre")


def sits_on_steering_group(user: User, cooperation: Cooperation) -> bool:
    """A current term and the role: a head whose term ended no longer decides."""
    return (
        steering_group(cooperation)
        .filter(
            member=user,
            member__memberships__role=Role.STEERING_GROUP,
            member__memberships__job_centre__cooperation=cooperation,
        )
        .exists()
    )
