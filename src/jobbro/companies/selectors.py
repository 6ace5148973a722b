"""Reads of companies: who may see which, search, and what the detail page shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.db import Lower
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, Role, User
from jobbro.organisations.selectors import cooperation_of, has_role_at, job_centres_of

from .models import (
    AllianceCommitment,
    Company,
    CompanyMerge,
    ContactPerson,
    Industry,
    Interaction,
    RecruitmentAgreement,
)

# Who signed an agreement, as the overview filters it: a job centre, or the secretariat.
SECRETARIAT: Final = "secretariat"
Signer: TypeAlias = JobCentre | Literal["secretariat"]

LATEST_INTERACTIONS = 20
AGENDA_DAYS = 14


def companies_visible_to(user: User) -> QuerySet[Company]:
    """The companies of the user's cooperation; none when the user belongs to none."""
    cooperation = cooperation_of(user)
    if cooperation is None:
        return Company.objects.none()
    return Company.objects.filter(cooperation=cooperation)


def home_centres(serving: Q) -> QuerySet[JobCentre]:
    """The job centres `serving` selects (by cooperation and municipalities), in the order
    of the home-centre rule: the first serving a company's municipality is its home.

    By name as `organisations.selectors.home_job_centre` (JobCentre's Meta ordering; names
    are unique in a cooperation), and pk so that the order is total whatever the filter."""
    return JobCentre.objects.filter(serving).order_by("name", "pk")


def active_commitments(today: dt.date | None = None) -> QuerySet[AllianceCommitment]:
    today = today or timezone.localdate()
    return AllianceCommitment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today
    )


def endable_commitments(today: dt.date | None = None) -> QuerySet[AllianceCommitment]:
    """Commitments not yet over: nobody ended them and their end date (if any) is to come."""
    today = today or timezone.localdate()
    return AllianceCommitment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), ended_at__isnull=True
    )


def with_home_and_marks(companies: QuerySet[Company]) -> QuerySet[Company]:
    """Each company with its home job centre's name and its current alliance commitments."""
    home = home_centres(
        Q(cooperation=OuterRef("cooperation"), municipalities=OuterRef("municipality"))
    )
    return companies.annotate(home_centre_name=Subquery(home.values("name")[:1])).prefetch_related(
        Prefetch("commitments", queryset=active_commitments(), to_attr="current_commitments")
    )


def company_list(
    user: User,
    *,
    query: str = "",
    municipality: Municipality | None = None,
    industry: Industry | None = None,
    job_centre: JobCentre | None = None,
    alliance: str = "",
    ambassadors: bool = False,
) -> QuerySet[Company]:
    """Companies the user may see, matching a name, CVR number or city, and the filters."""
    companies = with_home_and_marks(
        companies_visible_to(user).select_related(
            "cooperation", "municipality", "industry", "contact_consultant"
        )
    )
    query = query.strip()
    if query:
        needle = query.lower()
        match = Q(name_lower__contains=needle) | Q(city_lower__contains=needle)
        digits = "".join(query.split())
        if digits.isdigit():
            # CVR numbers are often typed with spaces ("1000 0009").
            match |= Q(cvr__contains=digits)
        companies = companies.alias(name_lower=Lower("name"), city_lower=Lower("city")).filter(
            match
        )
    if municipality is not None:
        companies = companies.filter(municipality=municipality)
    if industry is not None:
        companies = companies.filter(industry=industry)
    if job_centre is not None:
        # A job centre owns the companies located in the municipalities it serves.
        companies = companies.filter(
            cooperation=job_centre.cooperation_id, municipality__job_centres=job_centre
        )
    if alliance:
        companies = companies.filter(
            pk__in=active_commitments().filter(alliance=alliance).values("company")
        )
    if ambassadors:
        companies = companies.filter(is_ambassador=True)
    return companies.order_by("name", "pk")


def alliances_for_filter(cooperation: Cooperation | None) -> list[str]:
    """The alliances the cooperation's companies currently commit to, by name."""
    if cooperation is None:
        return []
    names = (
        active_commitments()
        .filter(company__cooperation=cooperation)
        .values_list("alliance", flat=True)
    )
    return sorted(set(names))


def municipalities_for_filter(cooperation: Cooperation | None) -> QuerySet[Municipality]:
    if cooperation is None:
        return Municipality.objects.none()
    # Semi-joins, not a DISTINCT over the join of every company (20,000 nationally).
    return Municipality.objects.filter(
        Q(pk__in=JobCentre.objects.filter(cooperation=cooperation).values("municipalities"))
        | Q(pk__in=Company.objects.filter(cooperation=cooperation).values("municipality"))
    )


def industries_for_filter(cooperation: Cooperation | None) -> QuerySet[Industry]:
    """Only the industries in use: the full DB07 list has hundreds of codes."""
    if cooperation is None:
        return Industry.objects.none()
    return Industry.objects.filter(
        pk__in=Company.objects.filter(cooperation=cooperation).values("industry")
    )


def job_centres_for_filter(cooperation: Cooperation | None) -> QuerySet[JobCentre]:
    if cooperation is None:
        return JobCentre.objects.none()
    return cooperation.job_centres.all()


def company_home_job_centre(company: Company) -> JobCentre | None:
    """The member job centre serving the company's municipality: it owns the contact."""
    return home_centres(
        Q(cooperation=company.cooperation_id, municipalities=company.municipality_id)
    ).first()


def may_manage_company(user: User, company: Company) -> bool:
    """Who names the contact consultant and merges duplicates: the home job centre's
    business consultants, or the secretariat."""
    home = company_home_job_centre(company)
    allowed = Q(role=Role.SECRETARIAT)
    if home is not None:
        allowed |= Q(role=Role.BUSINESS_CONSULTANT, job_centre=home)
    return (
        user.memberships.filter(job_centre__cooperation_id=company.cooperation_id)
        .filter(allowed)
        .exists()
    )


@dataclass(frozen=True)
class Acting:
    """Who the actor logs contacts and signs agreements for: a job centre, or the
    secretariat hosted by `job_centre`."""

    job_centre: JobCentre
    by_secretariat: bool


def acting_for(actor: User, company: Company) -> Acting:
    """A business consultant acts for their job centre (the company's home centre if they
    are there); a user who is secretariat staff only acts for the secretariat.

    Refuses (ValidationError) a user who edits nothing in the company's cooperation."""
    in_cooperation = Q(cooperation_id=company.cooperation_id)
    centres = job_centres_of(actor, [Role.BUSINESS_CONSULTANT]).filter(in_cooperation)
    home = company_home_job_centre(company)
    if home is not None and centres.filter(pk=home.pk).exists():
        return Acting(home, by_secretariat=False)
    centre = centres.order_by("name").first()
    if centre is not None:
        return Acting(centre, by_secretariat=False)
    host = job_centres_of(actor, [Role.SECRETARIAT]).filter(in_cooperation).first()
    if host is None:
        raise ValidationError(
            _("You are not a consultant at a job centre in this company's cooperation."),
            code="no_job_centre",
        )
    return Acting(host, by_secretariat=True)


def _secretariat_of(actor: User, cooperation_id: int) -> bool:
    return actor.memberships.filter(
        role=Role.SECRETARIAT, job_centre__cooperation_id=cooperation_id
    ).exists()


def may_edit_agreement(actor: User, agreement: RecruitmentAgreement) -> bool:
    """The secretariat, and for an agreement a job centre signed, that centre's business
    consultants (the host centre's do not edit what the secretariat signed)."""
    if _secretariat_of(actor, agreement.job_centre.cooperation_id):
        return True
    return not agreement.by_secretariat and has_role_at(
        actor, agreement.job_centre, [Role.BUSINESS_CONSULTANT]
    )


def _managing_memberships(user: User) -> tuple[set[int], set[int]]:
    """The cooperations the user is secretariat of, and the job centres they are a business
    consultant at, in one query: what the batch permission checks below compare with."""
    memberships = user.memberships.filter(
        role__in=[Role.SECRETARIAT, Role.BUSINESS_CONSULTANT]
    ).values_list("role", "job_centre_id", "job_centre__cooperation_id")
    secretariat: set[int] = set()
    consultant_at: set[int] = set()
    for role, centre, cooperation in memberships:
        if role == Role.SECRETARIAT:
            secretariat.add(cooperation)
        else:
            consultant_at.add(centre)
    return secretariat, consultant_at


def manageable_companies(user: User, companies: Iterable[Company]) -> set[int]:
    """The pks of the companies `may_manage_company` allows the user, in three queries."""
    companies = list(companies)
    secretariat, consultant_at = _managing_memberships(user)
    # The home centre of each (cooperation, municipality): the first in `home_centres` order.
    homes: dict[tuple[int, int], int] = {}
    if consultant_at:
        rows = home_centres(
            Q(
                cooperation__in={c.cooperation_id for c in companies},
                municipalities__in={c.municipality_id for c in companies},
            )
        ).values_list("cooperation_id", "municipalities", "pk")
        for cooperation, municipality, centre in rows:
            homes.setdefault((cooperation, municipality), centre)
    return {
        c.pk
        for c in companies
        if c.cooperation_id in secretariat
        or homes.get((c.cooperation_id, c.municipality_id)) in consultant_at
    }


def editable_agreements(user: User, agreements: Iterable[RecruitmentAgreement]) -> set[int]:
    """The pks of the agreements `may_edit_agreement` allows the user, in one query."""
    secretariat, consultant_at = _managing_memberships(user)
    return {
        a.pk
        for a in agreements
        if a.job_centre.cooperation_id in secretariat
        or (not a.by_secretariat and a.job_centre_id in consultant_at)
    }


def contact_consultant_choices(company: Company) -> QuerySet[User]:
    """Who can be the contact: the business consultants of the company's home job centre;
    for a company outside the member municipalities, the secretariat's staff, who hold it
    (as its inquiries and job orders go to the secretariat)."""
    home = company_home_job_centre(company)
    if home is not None:
        at = Q(memberships__job_centre=home, memberships__role=Role.BUSINESS_CONSULTANT)
    elif company.cooperation.secretariat_id is not None:
        at = Q(
            memberships__job_centre__cooperation=company.cooperation_id,
            memberships__role=Role.SECRETARIAT,
        )
    else:
        return User.objects.none()
    return (
        User.objects.filter(at, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def held_by_secretariat(company: Company) -> bool:
    """A company outside the member municipalities is the secretariat's to hold."""
    if company.cooperation.secretariat_id is None:
        return False
    return company_home_job_centre(company) is None


def _mail_contacts() -> QuerySet[ContactPerson]:
    """Contact persons with an e-mail address, the primary contact first."""
    return ContactPerson.objects.exclude(email="").order_by("-is_primary", "name", "pk")


def with_mail_contacts(companies: QuerySet[Company]) -> QuerySet[Company]:
    """Companies with what `mail_address_of` needs, in one query for all of them."""
    return companies.prefetch_related(
        Prefetch("contacts", queryset=_mail_contacts(), to_attr="mail_contacts")
    )


def mail_address_of(company: Company) -> str:
    """Where mail to the company goes: the primary contact person's e-mail first, then any
    contact's, then the company's own; empty when none is known."""
    prefetched: list[ContactPerson] | None = getattr(company, "mail_contacts", None)
    if prefetched is None:
        contact = _mail_contacts().filter(company=company).first()
    else:
        contact = prefetched[0] if prefetched else None
    return contact.email if contact else company.email


@dataclass(frozen=True)
class CompanyDetail:
    company: Company
    home_job_centre: JobCentre | None  # None: the secretariat holds it, if there is one
    contacts: QuerySet[ContactPerson]
    interactions: QuerySet[Interaction]
    interaction_count: int
    agreements: QuerySet[RecruitmentAgreement]
    commitments: QuerySet[AllianceCommitment]
    merges: QuerySet[CompanyMerge]


def company_for_detail(companies: QuerySet[Company]) -> QuerySet[Company]:
    return with_home_and_marks(
        companies.select_related("cooperation", "municipality", "industry", "contact_consultant")
    )


def company_interactions(company: Company) -> QuerySet[Interaction]:
    return company.interactions.select_related(
        "consultant", "job_centre", "contact", "follow_up_done_by"
    ).order_by("-occurred_at", "-pk")


def company_detail(company: Company) -> CompanyDetail:
    """Everything the company page shows, each list in one query."""
    interactions = company_interactions(company)
    return CompanyDetail(
        company=company,
        home_job_centre=company_home_job_centre(company),
        contacts=company.contacts.all(),
        interactions=interactions[:LATEST_INTERACTIONS],
        interaction_count=interactions.count(),
        agreements=company.agreements.select_related("company", "job_centre", "signed_by")
        .prefetch_related("occupations")
        .order_by("-start_date", "-pk"),
        commitments=company.commitments.select_related("recorded_by").order_by(
            "alliance", "-start_date"
        ),
        merges=company.merges.select_related("merged_by"),
    )


def follow_ups_due(
    user: User, *, days: int = AGENDA_DAYS, today: dt.date | None = None
) -> QuerySet[Interaction]:
    """The user's open follow-ups up to `days` ahead, overdue first (oldest date first)."""
    today = today or timezone.localdate()
    return (
        Interaction.objects.filter(
            consultant=user,
            follow_up_on__isnull=False,
            follow_up_on__lte=today + dt.timedelta(days=days),
            follow_up_done_at__isnull=True,
        )
        .select_related("company", "contact", "job_centre")
        .order_by("follow_up_on", "occurred_at", "pk")
    )


def follow_ups_done_recently(user: User, *, days: int = AGENDA_DAYS) -> QuerySet[Interaction]:
    since = timezone.now() - dt.timedelta(days=days)
    return (
        Interaction.objects.filter(consultant=user, follow_up_done_at__gte=since)
        .select_related("company", "follow_up_done_by")
        .order_by("-follow_up_done_at", "-pk")
    )
