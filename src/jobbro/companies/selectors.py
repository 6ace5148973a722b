"""Reads of companies: who may see which, search, and what the detail page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from jobbro.core.db import Lower
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User
from jobbro.organisations.selectors import cooperation_of, home_job_centre

from .models import Company, ContactPerson, Industry, Interaction, RecruitmentAgreement

LATEST_INTERACTIONS = 20


def companies_visible_to(user: User) -> QuerySet[Company]:
    """The companies of the user's cooperation; none when the user belongs to none."""
    cooperation = cooperation_of(user)
    if cooperation is None:
        return Company.objects.none()
    return Company.objects.filter(cooperation=cooperation)


def company_list(
    user: User,
    *,
    query: str = "",
    municipality: Municipality | None = None,
    industry: Industry | None = None,
    job_centre: JobCentre | None = None,
) -> QuerySet[Company]:
    """Companies the user may see, matching a name, CVR number or city, and the filters."""
    companies = companies_visible_to(user).select_related(
        "municipality", "industry", "contact_consultant"
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
    return companies.order_by("name", "pk")


def municipalities_for_filter(cooperation: Cooperation | None) -> QuerySet[Municipality]:
    if cooperation is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(
        Q(job_centres__cooperation=cooperation) | Q(companies__cooperation=cooperation)
    ).distinct()


def industries_for_filter(cooperation: Cooperation | None) -> QuerySet[Industry]:
    """Only the industries in use: the full DB07 list has hundreds of codes."""
    if cooperation is None:
        return Industry.objects.none()
    return Industry.objects.filter(companies__cooperation=cooperation).distinct()


def job_centres_for_filter(cooperation: Cooperation | None) -> QuerySet[JobCentre]:
    if cooperation is None:
        return JobCentre.objects.none()
    return cooperation.job_centres.all()


def company_home_job_centre(company: Company) -> JobCentre | None:
    return home_job_centre(company.municipality, company.cooperation)


@dataclass(frozen=True)
class CompanyDetail:
    company: Company
    home_job_centre: JobCentre | None
    contacts: QuerySet[ContactPerson]
    interactions: QuerySet[Interaction]
    interaction_count: int
    agreements: QuerySet[RecruitmentAgreement]
    job_orders: QuerySet[JobOrder]


def company_for_detail(companies: QuerySet[Company]) -> QuerySet[Company]:
    return companies.select_related("cooperation", "municipality", "industry", "contact_consultant")


def company_interactions(company: Company) -> QuerySet[Interaction]:
    return company.interactions.select_related("consultant", "job_centre", "contact").order_by(
        "-occurred_at", "-pk"
    )


def company_detail(company: Company) -> CompanyDetail:
    """Everything the company page shows, each list in one query."""
    interactions = company_interactions(company)
    return CompanyDetail(
        company=company,
        home_job_centre=company_home_job_centre(company),
        contacts=company.contacts.all(),
        interactions=interactions[:LATEST_INTERACTIONS],
        interaction_count=interactions.count(),
        agreements=company.agreements.select_related("job_centre", "signed_by")
        .prefetch_related("occupations")
        .order_by("-start_date", "-pk"),
        job_orders=JobOrder.objects.filter(company=company)
        .select_related("job_centre", "occupation")
        .annotate(referral_count=Count("referrals"))
        .order_by("-created_at", "-pk"),
    )
