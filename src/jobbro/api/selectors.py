"""Reads of the API's clients."""

from __future__ import annotations

from django.db.models import QuerySet

from jobbro.organisations.models import JobCentre, Role, User

from .models import ApiClient


def may_manage_clients(user: User, cooperation_id: int) -> bool:
    """The cooperation's secretariat issues and revokes its clients' tokens."""
    return user.memberships.filter(
        role=Role.SECRETARIAT, job_centre__cooperation_id=cooperation_id
    ).exists()


def managed_cooperation_ids(user: User) -> list[int]:
    return list(
        user.memberships.filter(role=Role.SECRETARIAT)
        .values_list("job_centre__cooperation_id", flat=True)
        .distinct()
    )


def clients_of(user: User) -> QuerySet[ApiClient]:
    """The clients of the cooperations whose secretariat the user is."""
    return ApiClient.objects.filter(
        job_centre__cooperation_id__in=managed_cooperation_ids(user)
    ).select_related("job_centre", "created_by", "revoked_by")


def job_centres_for_clients(user: User) -> QuerySet[JobCentre]:
    return JobCentre.objects.filter(cooperation_id__in=managed_cooperation_ids(user)).order_by(
        "name"
    )
