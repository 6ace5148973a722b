"""Reads of the surveys: who gets this quarter's invitation, and the results over time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from jobbro.companies.models import Company, Interaction
from jobbro.companies.selectors import home_centres, mail_address_of, with_mail_contacts
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Cooperation, JobCentre

from .models import QUESTIONS, SurveyInvitation, SurveyResponse, SurveyRound
from .quarters import RECENT_CONTACT_MONTHS, Quarter, months_before

FREE_TEXT_ROWS = 200


# --- who is invited ---------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    company: Company
    email: str
    job_centre: JobCentre | None  # the home job centre today


@dataclass(frozen=True)
class Recipients:
    ready: list[Recipient]
    without_email: list[Company]  # recent contact, but no address to send to


# What a person confirmed before sending: each company and the address its mail goes to.
Shown = frozenset[tuple[int, str]]


def shown(ready: list[Recipient]) -> Shown:
    return frozenset((recipient.company.pk, recipient.email) for recipient in ready)


def recently_contacted(cooperation: Cooperation, today: dt.date) -> QuerySet[Company]:
    """Companies with an interaction or a new job order in the last three months."""
    since = timezone.make_aware(
        dt.datetime.combine(months_before(today, RECENT_CONTACT_MONTHS), dt.time.min)
    )
    contact = Interaction.objects.filter(company=OuterRef("pk"), occurred_at__gte=since)
    order = JobOrder.objects.filter(company=OuterRef("pk"), created_at__gte=since)
    return Company.objects.filter(cooperation=cooperation).filter(Exists(contact) | Exists(order))


def _home_centres(cooperation: Cooperation) -> dict[int, JobCentre]:
    """Municipality id → its home job centre, by the one rule (`home_centres`' order)."""
    homes: dict[int, JobCentre] = {}
    for centre in home_centres(Q(cooperation=cooperation)).prefetch_related("municipalities"):
        for municipality in centre.municipalities.all():
            homes.setdefault(municipality.pk, centre)
    return homes


def recipients(
    *, cooperation: Cooperation, today: dt.date, exclude_round: SurveyRound | None = None
) -> Recipients:
    companies = recently_contacted(cooperation, today).select_related(
        "contact_consultant", "municipality"
    )
    if exclude_round is not None:
        companies = companies.exclude(survey_invitations__survey_round=exclude_round)
    companies = with_mail_contacts(companies).order_by("name", "pk")
    found = list(companies)
    homes = _home_centres(cooperation)
    ready: list[Recipient] = []
    without_email: list[Company] = []
    for company in found:
        email = mail_address_of(company)
        if email:
            ready.append(Recipient(company, email, homes.get(company.municipality_id)))
        else:
            without_email.append(company)
    return Recipients(ready, without_email)


@dataclass(frozen=True)
class CurrentRound:
    quarter: Quarter
    survey_round: SurveyRound | None
    invitations: list[SurveyInvitation]
    waiting: Recipients  # not invited yet in this round

    @property
    def answered(self) -> int:
        return sum(1 for invitation in self.invitations if invitation.is_answered)


def current_round(cooperation: Cooperation, today: dt.date | None = None) -> CurrentRound:
    today = today or timezone.localdate()
    quarter = Quarter.of(today)
    survey_round = SurveyRound.objects.filter(
        cooperation=cooperation, year=quarter.year, quarter=quarter.number
    ).first()
    invitations = (
        list(
            survey_round.invitations.select_related("company", "job_centre", "consultant").order_by(
                "company__name", "pk"
            )
        )
        if survey_round
        else []
    )
    waiting = recipients(cooperation=cooperation, today=today, exclude_round=survey_round)
    return CurrentRound(quarter, survey_round, invitations, waiting)


def invitation_by_token(token: str) -> SurveyInvitation | None:
    return (
        SurveyInvitation.objects.select_related("company", "survey_round__cooperation")
        .filter(token=token)
        .first()
    )


# --- results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    invitations: int
    answers: int
    averages: tuple[float | None, ...]  # one per question, in QUESTIONS order

    @property
    def rate(self) -> float | None:
        """Answers per invitation, in per cent."""
        return 100 * self.answers / self.invitations if self.invitations else None

    @property
    def mean(self) -> float | None:
        """All questions together (every answer scores each question)."""
        values = [value for value in self.averages if value is not None]
        return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class ResultRow:
    label: str  # empty: no job centre / no contact consultant
    quarter: Quarter
    scores: Scores
    trend: float | None  # the mean's change since the group's previous quarter


@dataclass(frozen=True)
class Results:
    totals: list[ResultRow]  # the cooperation (or the chosen job centre) per quarter
    by_job_centre: list[ResultRow]
    by_consultant: list[ResultRow]
    comments: list[SurveyResponse] = field(default_factory=list)


def _aggregate(invitations: QuerySet[SurveyInvitation], *group: str) -> Iterable[dict]:
    return (
        invitations.values("survey_round__year", "survey_round__quarter", *group)
        .annotate(
            invited=Count("pk"),
            answered=Count("response"),
            **{f"avg_{name}": Avg(f"response__{name}") for name in QUESTIONS},
        )
        .order_by()
    )


def _rows(
    aggregates: Iterable[dict],
    label_of: dict[object, str],
    key: str | None,
    only: Quarter | None,
) -> list[ResultRow]:
    """One row per group and quarter, with the trend since the group's previous round."""
    by_group: dict[object, dict[Quarter, Scores]] = defaultdict(dict)
    for item in aggregates:
        quarter = Quarter(item["survey_round__year"], item["survey_round__quarter"])
        averages = tuple(
            float(item[f"avg_{name}"]) if item[f"avg_{name}"] is not None else None
            for name in QUESTIONS
        )
        by_group[item[key] if key else None][quarter] = Scores(
            item["invited"], item["answered"], averages
        )
    rows = []
    for group, quarters in by_group.items():
        ordered = sorted(quarters)
        for index, quarter in enumerate(ordered):
            scores = quarters[quarter]
            before = quarters[ordered[index - 1]].mean if index else None
            trend = scores.mean - before if scores.mean is not None and before is not None else None
            if only is None or quarter == only:
                rows.append(ResultRow(label_of.get(group, ""), quarter, scores, trend))
    return sorted(rows, key=lambda row: (row.label.lower(), -row.quarter.year, -row.quarter.number))


def survey_results(
    cooperation: Cooperation,
    *,
    job_centre: JobCentre | None = None,
    quarter: Quarter | None = None,
) -> Results:
    """Invitations, answers, response rate and average scores per quarter, per job centre
    and per consultant; the trend compares each group's quarter with its previous round."""
    invitations = SurveyInvitation.objects.filter(survey_round__cooperation=cooperation)
    if job_centre is not None:
        invitations = invitations.filter(job_centre=job_centre)
    centres: dict[object, str] = {c.pk: c.name for c in cooperation.job_centres.all()}
    consultants: dict[object, str] = {}
    for item in (
        invitations.filter(consultant__isnull=False)
        .values(
            "consultant", "consultant__first_name", "consultant__last_name", "consultant__username"
        )
        .distinct()
    ):
        name = f"{item['consultant__first_name']} {item['consultant__last_name']}".strip()
        consultants[item["consultant"]] = name or item["consultant__username"]
    comments = (
        SurveyResponse.objects.filter(invitation__in=invitations)
        .exclude(comment="")
        .select_related(
            "invitation__company",
            "invitation__job_centre",
            "invitation__consultant",
            "invitation__survey_round",
        )
        .order_by("-created_at", "-pk")
    )
    if quarter is not None:
        comments = comments.filter(
            invitation__survey_round__year=quarter.year,
            invitation__survey_round__quarter=quarter.number,
        )
    return Results(
        totals=_rows(_aggregate(invitations), {}, None, quarter),
        by_job_centre=_rows(_aggregate(invitations, "job_centre"), centres, "job_centre", quarter),
        by_consultant=_rows(
            _aggregate(invitations, "consultant"), consultants, "consultant", quarter
        ),
        comments=list(comments[:FREE_TEXT_ROWS]),
    )


def survey_quarters(cooperation: Cooperation) -> list[Quarter]:
    """The quarters with a round, newest first."""
    rounds = SurveyRound.objects.filter(cooperation=cooperation).values_list("year", "quarter")
    return sorted({Quarter(year, number) for year, number in rounds}, reverse=True)


def survey_job_centres(cooperation: Cooperation) -> QuerySet[JobCentre]:
    return cooperation.job_centres.order_by("name")
