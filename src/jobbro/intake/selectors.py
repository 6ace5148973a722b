"""Reads of the shared line: routing, who sees and works which inquiry, the lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from django.db.models import Q, QuerySet
from django.utils import timezone

from jobbro.companies.models import Company
from jobbro.companies.selectors import company_list
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Role, User
from jobbro.organisations.selectors import home_job_centre, job_centres_of

from .models import OPEN_STATUSES, Inquiry, InquiryTransition
from .roles import INTAKE_READERS, INTAKE_WORKERS

COMPANY_SUGGESTIONS = 10
# Who answers for a job centre's own inquiries (the secretariat answers for its own ones).
CENTRE_READERS = (Role.BUSINESS_CONSULTANT, *access.LEADERS)


def company_for_cvr(cooperation: Cooperation, cvr: str) -> Company | None:
    """The cooperation's company registered with this CVR number (at most one)."""
    if not cvr:
        return None
    return Company.objects.filter(cooperation=cooperation, cvr=cvr).first()


@dataclass(frozen=True)
class Routing:
    """Where an inquiry goes: a job centre, or the secretariat hosted by `job_centre`."""

    job_centre: JobCentre
    at_secretariat: bool


# Where an inquiry may be forwarded: a member job centre, or the secretariat (whose host
# centre the services look up, so no caller can name the wrong one).
SECRETARIAT: Final = "secretariat"
ForwardTarget: TypeAlias = JobCentre | Literal["secretariat"]


def route(cooperation: Cooperation, company: Company | None) -> Routing | None:
    """The company's home job centre, or the secretariat when the company is unknown or no
    member serves its municipality; None when the cooperation has no secretariat either."""
    if company is not None:
        centre = home_job_centre(company.municipality, cooperation)
        if centre is not None:
            return Routing(centre, at_secretariat=False)
    if cooperation.secretariat_id is None:
        return None
    return Routing(JobCentre.objects.get(pk=cooperation.secretariat_id), at_secretariat=True)


def secretariat_cooperations(user: User) -> QuerySet[Cooperation]:
    """The cooperations where the user works in the secretariat: they see the whole line."""
    return Cooperation.objects.filter(
        job_centres__in=job_centres_of(user, [Role.SECRETARIAT])
    ).distinct()


def inquiries_visible_to(user: User) -> QuerySet[Inquiry]:
    """Inquiries routed to the user's job centres (not those with the secretariat a centre
    hosts); for the secretariat, the whole line."""
    return Inquiry.objects.filter(
        Q(routed_to__in=job_centres_of(user, INTAKE_READERS), at_secretariat=False)
        | Q(cooperation__in=secretariat_cooperations(user))
    )


def may_work(user: User, inquiry: Inquiry) -> bool:
    """Take, answer, forward and close: the routed job centre's consultants, or the
    secretariat of the inquiry's cooperation (alone for those with the secretariat)."""
    if secretariat_cooperations(user).filter(pk=inquiry.cooperation_id).exists():
        return True
    if inquiry.at_secretariat:
        return False
    return job_centres_of(user, INTAKE_WORKERS).filter(pk=inquiry.routed_to_id).exists()


def overdue(now: dt.datetime) -> Q:
    return Q(status__in=OPEN_STATUSES, respond_by__lt=now)


@dataclass(frozen=True)
class ListFilters:
    open_only: bool = False
    overdue_only: bool = False
    channel: str = ""
    job_centre: JobCentre | None = None
    at_secretariat: bool = False


def inquiry_list(
    user: User, filters: ListFilters, *, now: dt.datetime | None = None
) -> QuerySet[Inquiry]:
    now = now or timezone.now()
    inquiries = inquiries_visible_to(user).select_related("routed_to", "assigned_to", "company")
    if filters.open_only:
        inquiries = inquiries.filter(status__in=OPEN_STATUSES)
    if filters.overdue_only:
        inquiries = inquiries.filter(overdue(now))
    if filters.channel:
        inquiries = inquiries.filter(channel=filters.channel)
    if filters.at_secretariat:
        inquiries = inquiries.filter(at_secretariat=True)
    elif filters.job_centre is not None:
        inquiries = inquiries.filter(routed_to=filters.job_centre, at_secretariat=False)
    return inquiries.order_by("-received_at", "-pk")


def visible_job_centres(user: User) -> QuerySet[JobCentre]:
    """The job centres whose inquiries the user sees, for the list's filter."""
    return JobCentre.objects.filter(
        Q(pk__in=job_centres_of(user, INTAKE_READERS))
        | Q(cooperation__in=secretariat_cooperations(user))
    ).distinct()


def inquiry_for_detail(user: User, pk: int) -> Inquiry | None:
    return (
        inquiries_visible_to(user)
        .select_related(
            "cooperation",
            "company__municipality",
            "routed_to",
            "assigned_to",
            "registered_by",
            "first_response_by",
        )
        .filter(pk=pk)
        .first()
    )


def transitions(inquiry: Inquiry) -> QuerySet[InquiryTransition]:
    return inquiry.transitions.select_related("by", "from_job_centre", "to_job_centre")


def forward_targets(inquiry: Inquiry) -> QuerySet[JobCentre]:
    """The member job centres; from the secretariat also the one hosting it."""
    centres = JobCentre.objects.filter(cooperation=inquiry.cooperation_id)
    if inquiry.at_secretariat:
        return centres
    return centres.exclude(pk=inquiry.routed_to_id)


def may_forward_to_secretariat(inquiry: Inquiry) -> bool:
    """A job centre may send an inquiry back to its cooperation's secretariat."""
    return not inquiry.at_secretariat and inquiry.cooperation.secretariat_id is not None


def company_suggestions(user: User, query: str) -> list[Company]:
    """The companies of the user's cooperation matching a name or CVR number."""
    if len(query.strip()) < 2:
        return []
    return list(company_list(user, query=query)[:COMPANY_SUGGESTIONS])


@dataclass(frozen=True)
class StartCounts:
    open: int
    overdue: int


def start_counts(user: User, *, now: dt.datetime | None = None) -> StartCounts:
    """Open and overdue inquiries the user must see to: a job centre's own for its
    consultants and managers, those with the secretariat for its staff (not the whole line)."""
    now = now or timezone.now()
    mine = Inquiry.objects.filter(
        Q(routed_to__in=job_centres_of(user, CENTRE_READERS), at_secretariat=False)
        | Q(cooperation__in=secretariat_cooperations(user), at_secretariat=True),
        status__in=OPEN_STATUSES,
    )
    return StartCounts(open=mine.count(), overdue=mine.filter(overdue(now)).count())
