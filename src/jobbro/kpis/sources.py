"""Where each family of KPIs reads from: the rows, the date that puts a row in a period, and
the path to each breakdown dimension (job centre, industry, occupation, project, target
group). A dimension a source has no path for cannot filter or split its KPIs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from django.db.models import (
    Case,
    Expression,
    F,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import Interaction, RecruitmentAgreement
from jobbro.intake.models import Inquiry
from jobbro.joborders.models import JobOrder, Placement, Referral
from jobbro.organisations.models import Cooperation
from jobbro.surveys.models import SurveyInvitation, SurveyResponse

from .periods import Period

# Age-based: under 30 on the day of the event (referral or hire), from the birth date. The
# other target groups are the candidate's marks (candidates.TargetGroup rows, by code).
YOUTH = "youth"
YOUTH_AGE = 30
# What a group is called when the taxonomy holds no TargetGroup row for its code (youth is
# counted by age, so a cooperation may have no such row): never the raw code.
TARGET_GROUP_LABELS = {  # as organisations/data/target_groups.csv names them
    "youth": _("Young people under 30"),
    "senior": _("Seniors"),
    "academic": _("Academics"),
    "refugee": _("Refugees and family-reunified"),
    "flex_job": _("People with disabilities / flex job"),
    "sick_listed": _("Sick-listed"),
}


class Dimension(StrEnum):
    JOB_CENTRE = "job_centre"
    INDUSTRY = "industry"
    OCCUPATION = "occupation"
    PROJECT = "project"
    TARGET_GROUP = "target_group"


@dataclass(frozen=True)
class Filters:
    """What the figures are narrowed to; None is everything. `target_group` is a code."""

    job_centre: int | None = None
    industry: int | None = None
    occupation: int | None = None
    project: int | None = None
    target_group: str | None = None
    # A group of industries (a section, such as construction): any of these ids.
    industries: tuple[int, ...] | None = None

    def used(self) -> set[Dimension]:
        used = {d for d in Dimension if getattr(self, d.value) is not None}
        return used | ({Dimension.INDUSTRY} if self.industries is not None else set())


@dataclass(frozen=True)
class Source:
    model: type[Model]
    cooperation: str  # path to the cooperation
    date: str  # the field that puts a row in a period
    date_is_datetime: bool
    job_centre: str | None = None
    secretariat: str | None = None  # the flag marking rows of the secretariat, not the centre
    industry: str | None = None
    occupation: str | None = None
    project: str | None = None
    candidate: str | None = None  # path to the candidate, for the target groups

    def supports(self, dimension: Dimension) -> bool:
        if dimension is Dimension.TARGET_GROUP:
            return self.candidate is not None
        return getattr(self, dimension.value) is not None

    def rows(self, cooperation: Cooperation, period: Period, filters: Filters) -> QuerySet[Any]:
        """The cooperation's rows dated in the period, narrowed by the filters (every used
        dimension must be supported: see `supports`)."""
        rows = self.model._default_manager.filter(
            self.where(period, replace(filters, target_group=None)),
            **{self.cooperation: cooperation},
        )
        if filters.target_group is not None:
            if filters.target_group == YOUTH:
                rows = rows.filter(self.youth())
            else:
                rows = rows.filter(
                    **{f"{self.candidate}__target_groups__code": filters.target_group}
                )
        return rows

    def dated(self, period: Period) -> Q:
        """The rows dated in the period."""
        if self.date_is_datetime:
            first, after = period.bounds()
            return Q(**{f"{self.date}__gte": first, f"{self.date}__lt": after})
        return Q(**{f"{self.date}__gte": period.start, f"{self.date}__lte": period.end})

    def where(self, period: Period, filters: Filters) -> Q:
        """The condition `rows` puts on a row, besides its cooperation, as one Q: also the
        filter of an aggregate, so that one query counts several periods and filters
        (`selectors.figures_and_splits`). Not for a target group, which joins the
        candidate's many marks (a filter inside an aggregate would count a row once per
        mark)."""
        if filters.target_group is not None:
            raise ValueError("A target group cannot narrow a row in one condition.")
        where = self.dated(period)
        if filters.job_centre is not None:
            where &= Q(**{self.job_centre or "": filters.job_centre})
            if self.secretariat:
                where &= Q(**{self.secretariat: False})
        for dimension in (Dimension.INDUSTRY, Dimension.OCCUPATION, Dimension.PROJECT):
            chosen = getattr(filters, dimension.value)
            if chosen is not None:
                where &= Q(**{getattr(self, dimension.value): chosen})
        if filters.industries is not None:
            where &= Q(**{f"{self.industry}__in": filters.industries})
        return where

    def youth(self) -> GreaterThan:
        """The candidate was under 30 on the row's date: birth day + 30 years is later.

        Dates as the number yyyymmdd compare the same on SQLite and PostgreSQL; a datetime
        is taken on its local day (Extract uses the current time zone)."""
        return GreaterThan(
            _day_number(f"{self.candidate}__birth_date") + Value(YOUTH_AGE * 10000),
            _day_number(self.date),
        )

    def key(self, dimension: Dimension) -> Expression | F:
        """The value a breakdown groups by; the secretariat's rows have the key None."""
        if dimension is Dimension.JOB_CENTRE and self.secretariat:
            return Case(
                When(**{self.secretariat: True}, then=Value(None)),
                default=F(self.job_centre or ""),
                output_field=IntegerField(),
            )
        if dimension is Dimension.TARGET_GROUP:
            return F(f"{self.candidate}__target_groups__code")
        return F(getattr(self, dimension.value))


def _day_number(path: str) -> Any:
    return ExtractYear(path) * 10000 + ExtractMonth(path) * 100 + ExtractDay(path)


JOB_ORDERS = Source(
    JobOrder,
    cooperation="company__cooperation",
    date="created_at",
    date_is_datetime=True,
    job_centre="job_centre",
    secretariat="by_secretariat",
    industry="company__industry",
    occupation="occupation",
    project="project",
)
REFERRALS = Source(
    Referral,
    cooperation="job_order__company__cooperation",
    date="created_at",
    date_is_datetime=True,
    job_centre="job_order__job_centre",
    secretariat="job_order__by_secretariat",
    industry="job_order__company__industry",
    occupation="job_order__occupation",
    project="job_order__project",
    candidate="candidate",
)
PLACEMENTS = Source(
    Placement,
    cooperation="referral__job_order__company__cooperation",
    date="start_date",
    date_is_datetime=False,
    job_centre="referral__job_order__job_centre",
    secretariat="referral__job_order__by_secretariat",
    industry="referral__job_order__company__industry",
    occupation="referral__job_order__occupation",
    project="referral__job_order__project",
    candidate="referral__candidate",
)
INTERACTIONS = Source(
    Interaction,
    cooperation="company__cooperation",
    date="occurred_at",
    date_is_datetime=True,
    job_centre="job_centre",
    secretariat="by_secretariat",
    industry="company__industry",
)
AGREEMENTS = Source(
    RecruitmentAgreement,
    cooperation="company__cooperation",
    date="start_date",
    date_is_datetime=False,
    job_centre="job_centre",
    secretariat="by_secretariat",
    industry="company__industry",
)
INQUIRIES = Source(
    Inquiry,
    cooperation="cooperation",
    date="received_at",
    date_is_datetime=True,
    job_centre="routed_to",
    secretariat="at_secretariat",
    industry="company__industry",
)
SURVEY_INVITATIONS = Source(
    SurveyInvitation,
    cooperation="survey_round__cooperation",
    date="sent_at",
    date_is_datetime=True,
    job_centre="job_centre",
    industry="company__industry",
)
SURVEY_RESPONSES = Source(
    SurveyResponse,
    cooperation="invitation__survey_round__cooperation",
    date="created_at",
    date_is_datetime=True,
    job_centre="invitation__job_centre",
    industry="invitation__company__industry",
)
