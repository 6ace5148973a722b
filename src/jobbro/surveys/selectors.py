"""Reads of the surveys: who gets this quarter's invitation, and the results over time; the
job barometer's invitations and its aggregates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from jobbro.companies.models import Company, Interaction
from jobbro.companies.selectors import home_centres, mail_address_of, with_mail_contacts
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.taxonomy.models import Occupation

from .models import (
    QUESTIONS,
    BarometerAnswer,
    BarometerLine,
    BarometerRound,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
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
    """A satisfaction survey's invitation (a barometer's link is not a satisfaction link)."""
    return (
        SurveyInvitation.objects.select_related("company", "survey_round__cooperation")
        .filter(token=token, survey_round__isnull=False)
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


# --- the job barometer ------------------------------------------------------------------


def half_of(day: dt.date) -> tuple[int, int]:
    """The barometer's half-year of `day`: (year, 1) January–June, (year, 2) July–December."""
    return day.year, BarometerRound.SPRING if day.month <= 6 else BarometerRound.AUTUMN


def barometer_recipients(
    *,
    cooperation: Cooperation,
    job_centres: Iterable[JobCentre] = (),
    exclude_round: BarometerRound | None = None,
) -> Recipients:
    """The cooperation's companies (or those whose home job centre is one of `job_centres`)
    that the round has not invited yet, with the address their mail goes to."""
    companies = Company.objects.filter(cooperation=cooperation).select_related(
        "contact_consultant", "municipality"
    )
    if exclude_round is not None:
        companies = companies.exclude(survey_invitations__barometer_round=exclude_round)
    chosen = {centre.pk for centre in job_centres}
    homes = _home_centres(cooperation)
    if chosen:
        municipalities = [pk for pk, centre in homes.items() if centre.pk in chosen]
        companies = companies.filter(municipality__in=municipalities)
    ready: list[Recipient] = []
    without_email: list[Company] = []
    for company in with_mail_contacts(companies).order_by("name", "pk"):
        email = mail_address_of(company)
        if email:
            ready.append(Recipient(company, email, homes.get(company.municipality_id)))
        else:
            without_email.append(company)
    return Recipients(ready, without_email)


@dataclass(frozen=True)
class BarometerOverview:
    year: int
    half: int
    barometer_round: BarometerRound | None
    invited: int
    answered: int
    rounds: Sequence[BarometerRound]  # every round of the cooperation, newest first

    @property
    def title(self) -> str:
        return str(BarometerRound(year=self.year, half=self.half))


def barometer_overview(cooperation: Cooperation, today: dt.date | None = None) -> BarometerOverview:
    """This half-year's round (if started) with its counts, and the rounds before it."""
    year, half = half_of(today or timezone.localdate())
    rounds = list(
        BarometerRound.objects.filter(cooperation=cooperation).annotate(
            invited=Count("invitations"), answered=Count("invitations__barometer_answer")
        )
    )
    current = next((r for r in rounds if (r.year, r.half) == (year, half)), None)
    return BarometerOverview(
        year,
        half,
        current,
        getattr(current, "invited", 0),
        getattr(current, "answered", 0),
        rounds,
    )


def barometer_invitation_by_token(token: str) -> SurveyInvitation | None:
    return (
        SurveyInvitation.objects.select_related("company", "barometer_round__cooperation")
        .filter(token=token, barometer_round__isnull=False)
        .first()
    )


def barometer_occupations(cooperation: Cooperation) -> QuerySet[Occupation]:
    """What a company can answer for: the occupations the cooperation's job orders asked
    for, and those answered in its earlier barometers."""
    ordered = JobOrder.objects.filter(occupation=OuterRef("pk"), company__cooperation=cooperation)
    answered = BarometerLine.objects.filter(
        occupation=OuterRef("pk"), answer__invitation__barometer_round__cooperation=cooperation
    )
    return Occupation.objects.filter(Exists(ordered) | Exists(answered)).order_by(
        "label_da", "label_en", "pk"
    )


@dataclass(frozen=True)
class OccupationOutlook:
    occupation: Occupation
    hires_3m: int
    hires_6m: int
    hires_12m: int
    companies: int  # answering companies that named the occupation
    hard_to_fill: int  # of them, those that find it hard to fill
    previous_12m: int | None  # the previous round's 12 months; None: no previous round
    previous_companies: int = 0  # the companies that named it in the previous round

    @property
    def change(self) -> int | None:
        """Growing (> 0) or shrinking (< 0): 12-month hires against the previous round."""
        return None if self.previous_12m is None else self.hires_12m - self.previous_12m


@dataclass(frozen=True)
class BarometerResults:
    barometer_round: BarometerRound
    previous: BarometerRound | None
    invited: int
    answered: int
    small_jobs: int
    apprentices: int
    occupations: list[OccupationOutlook]


def _lines(barometer_round: BarometerRound, job_centre: JobCentre | None) -> QuerySet:
    lines = BarometerLine.objects.filter(answer__invitation__barometer_round=barometer_round)
    if job_centre is not None:
        lines = lines.filter(answer__invitation__job_centre=job_centre)
    return lines


def barometer_results(
    barometer_round: BarometerRound, *, job_centre: JobCentre | None = None
) -> BarometerResults:
    """The round's answers summed per occupation (the joint barometer, or that of the
    companies whose home job centre was `job_centre` when invited), against the round
    before. Counts only: no company is named."""
    previous = (
        BarometerRound.objects.filter(cooperation_id=barometer_round.cooperation_id)
        .filter(
            Q(year__lt=barometer_round.year)
            | Q(year=barometer_round.year, half__lt=barometer_round.half)
        )
        .order_by("-year", "-half")
        .first()
    )
    invitations = SurveyInvitation.objects.filter(barometer_round=barometer_round)
    if job_centre is not None:
        invitations = invitations.filter(job_centre=job_centre)
    answers = BarometerAnswer.objects.filter(invitation__in=invitations).aggregate(
        answered=Count("pk"), small_jobs=Sum("small_jobs"), apprentices=Sum("apprentices")
    )
    sums = (
        _lines(barometer_round, job_centre)
        .values("occupation")
        .annotate(
            h3=Sum("hires_3m"),
            h6=Sum("hires_6m"),
            h12=Sum("hires_12m"),
            companies=Count("answer", distinct=True),
            hard=Count("pk", filter=Q(hard_to_fill=True)),
        )
        .order_by()
    )
    before: dict[int, tuple[int, int]] = {}
    if previous is not None:
        before = {
            item["occupation"]: (item["h12"], item["companies"])
            for item in _lines(previous, job_centre)
            .values("occupation")
            .annotate(h12=Sum("hires_12m"), companies=Count("answer", distinct=True))
            .order_by()
        }
    current = {item["occupation"]: item for item in sums}
    occupations = Occupation.objects.in_bulk(set(current) | set(before))
    rows = []
    for pk, occupation in occupations.items():
        item = current.get(pk, {})
        rows.append(
            OccupationOutlook(
                occupation,
                item.get("h3", 0),
                item.get("h6", 0),
                item.get("h12", 0),
                item.get("companies", 0),
                item.get("hard", 0),
                before.get(pk, (0, 0))[0] if previous is not None else None,
                before.get(pk, (0, 0))[1],
            )
        )
    rows.sort(key=lambda row: (-row.hires_12m, -(row.change or 0), row.occupation.label))
    return BarometerResults(
        barometer_round,
        previous,
        invitations.count(),
        answers["answered"],
        answers["small_jobs"] or 0,
        answers["apprentices"] or 0,
        rows,
    )


def barometer_rounds(cooperation: Cooperation) -> QuerySet[BarometerRound]:
    return BarometerRound.objects.filter(cooperation=cooperation).order_by("-year", "-half")


SMALL_COUNT = 5  # the cooperation's "<5" rule (kpis.measures), for what leaves it
SUPPRESSED = "<5"


def shown_count(value: int, companies: int) -> str:
    """A figure from fewer than five companies as it may leave the cooperation: "<5"."""
    return SUPPRESSED if 0 < companies < SMALL_COUNT else str(value)
