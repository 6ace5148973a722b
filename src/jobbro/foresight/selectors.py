"""Shortage signals: the occupations and must-haves the cooperation's job orders ask for and
few or no candidates meet, against the supply of candidates, and the courses that would
close the gap (issue 15 point 5; the rules are in docs/foresight.md).

Counts only: nothing here names a candidate, so nothing here is logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from jobbro.candidate_requests.models import RecipientStatus, RequestRecipient
from jobbro.candidates.models import Candidate, CandidateStatus, Cv, Experience, HeldQualification
from jobbro.joborders.models import (
    Importance,
    JobOrder,
    JobOrderStatus,
    Requirement,
    RequirementKind,
)
from jobbro.organisations.models import Cooperation
from jobbro.taxonomy.models import Occupation, Qualification, Skill
from jobbro.upskilling.models import Course

# Fewer candidates than this per position asked for is a shortage (docs/foresight.md).
SHORT_BELOW = 1.0
WATCH_BELOW = 3.0


@dataclass(frozen=True)
class Span:
    """Job orders received from `start` to `end`, both days included."""

    start: dt.date
    end: dt.date


def last_months(today: dt.date, months: int) -> Span:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    start = dt.date(year, month + 1, min(today.day, 28)) + dt.timedelta(days=1)
    return Span(start, today)


def quarters(today: dt.date, count: int) -> list[Span]:
    """The last `count` calendar quarters, the running one last."""
    spans = []
    index = today.year * 4 + (today.month - 1) // 3
    for i in range(index - count + 1, index + 1):
        year, quarter = divmod(i, 4)
        start = dt.date(year, quarter * 3 + 1, 1)
        after = dt.date(year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
        spans.append(Span(start, min(after - dt.timedelta(days=1), today)))
    return spans


@dataclass(frozen=True)
class OccupationSignal:
    occupation: Occupation
    job_orders: int
    positions: int
    filled: int
    unfilled_past_deadline: int  # positions not filled on job orders whose deadline passed
    answered_none: int  # job centres that answered a candidate request "no candidate"
    candidates: int  # active candidates with the occupation as experience or wish

    @property
    def per_position(self) -> float:
        return self.candidates / self.positions if self.positions else 0.0

    @property
    def level(self) -> str:
        """ "short", "watch" or "" (docs/foresight.md)."""
        if self.per_position < SHORT_BELOW:
            return "short"
        if self.per_position < WATCH_BELOW or self.unfilled_past_deadline or self.answered_none:
            return "watch"
        return ""


@dataclass(frozen=True)
class RequirementSignal:
    """A must-have certificate or skill the job orders of the span ask for."""

    kind: str  # RequirementKind.QUALIFICATION or RequirementKind.SKILL
    item: Qualification | Skill
    job_orders: int
    positions: int
    holders: int  # active candidates of the cooperation who hold it (a valid certificate)
    courses: Sequence[Course] = field(default_factory=tuple)

    @property
    def level(self) -> str:
        if self.holders == 0:
            return "none"
        if self.holders < self.positions:
            return "few"
        return ""


@dataclass(frozen=True)
class Trend:
    """Positions asked for and filled per quarter for one occupation."""

    occupation: Occupation
    asked: Sequence[int]
    filled: Sequence[int]

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.asked, self.filled, strict=True))


def _job_orders(cooperation: Cooperation, span: Span) -> QuerySet[JobOrder]:
    return JobOrder.objects.filter(
        job_centre__cooperation=cooperation,
        created_at__date__gte=span.start,
        created_at__date__lte=span.end,
    ).exclude(status=JobOrderStatus.CANCELLED)


def _active(cooperation: Cooperation) -> QuerySet[Candidate]:
    return Candidate.objects.filter(
        job_centre__cooperation=cooperation, status=CandidateStatus.ACTIVE
    )


def occupation_signals(
    cooperation: Cooperation, span: Span, today: dt.date, *, limit: int = 25
) -> list[OccupationSignal]:
    """The occupations asked for in the span, the scarcest candidates per position first."""
    orders = _job_orders(cooperation, span)
    asked = list(
        orders.values("occupation")
        .annotate(
            n=Count("pk"),
            asked=Sum("positions"),
            filled=Sum("hires"),
            unfilled=Coalesce(
                Sum(
                    F("positions") - F("hires"),
                    filter=Q(deadline__lt=today, hires__lt=F("positions")),
                ),
                0,
            ),
        )
        .order_by()
    )
    if not asked:
        return []
    wanted = [row["occupation"] for row in asked]
    none = dict(
        RequestRecipient.objects.filter(request__job_order__in=orders, status=RecipientStatus.NONE)
        .values_list("request__job_order__occupation")
        .annotate(n=Count("pk"))
        .order_by()
    )
    active = _active(cooperation)
    # Two levels out: the occupation of the query below, not the candidate around them.
    occupation = OuterRef(OuterRef("pk"))
    experienced = Experience.objects.filter(occupation=occupation).values("cv__candidate")
    wishing = Cv.wished_occupations.through.objects.filter(occupation=occupation).values(
        "cv__candidate"
    )
    supply = (
        active.filter(Q(pk__in=experienced) | Q(pk__in=wishing))
        .order_by()
        .values("job_centre__cooperation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    occupations = {
        o.pk: o
        for o in Occupation.objects.filter(pk__in=wanted).annotate(
            supply=Coalesce(Subquery(supply), 0)
        )
    }
    signals = [
        OccupationSignal(
            occupation=occupations[row["occupation"]],
            job_orders=row["n"],
            positions=row["asked"],
            filled=row["filled"],
            unfilled_past_deadline=row["unfilled"],
            answered_none=none.get(row["occupation"], 0),
            candidates=occupations[row["occupation"]].supply,
        )
        for row in asked
    ]
    signals.sort(key=lambda s: (s.per_position, -s.unfilled_past_deadline, -s.positions))
    return signals[:limit]


def requirement_signals(
    cooperation: Cooperation, span: Span, today: dt.date, *, limit: int = 25
) -> list[RequirementSignal]:
    """The must-have certificates and skills of the span's job orders, those fewest hold
    first, each with the cooperation's courses that give it."""
    musts = Requirement.objects.filter(
        job_order__in=_job_orders(cooperation, span), importance=Importance.MUST
    )
    active = _active(cooperation)
    valid = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    holders_of_qualification = (
        HeldQualification.objects.filter(
            valid, qualification=OuterRef("pk"), cv__candidate__in=active
        )
        .order_by()
        .values("qualification")
        .annotate(n=Count("cv__candidate", distinct=True))
        .values("n")
    )
    holders_of_skill = (
        Cv.skills.through.objects.filter(skill=OuterRef("pk"), cv__candidate__in=active)
        .order_by()
        .values("skill")
        .annotate(n=Count("cv__candidate", distinct=True))
        .values("n")  # type: ignore[misc]  # the stubs miss annotations on a through model
    )
    courses = Course.objects.filter(provider__cooperation=cooperation).select_related("provider")
    signals: list[RequirementSignal] = []
    for kind, item_field, items, holders in (
        (
            RequirementKind.QUALIFICATION,
            "qualification",
            Qualification.objects,
            holders_of_qualification,
        ),
        (RequirementKind.SKILL, "skill", Skill.objects, holders_of_skill),
    ):
        asked = {
            row[item_field]: row
            for row in musts.filter(kind=kind)
            .values(item_field)
            .annotate(n=Count("job_order", distinct=True), positions=Sum("job_order__positions"))
            .order_by()
        }
        if not asked:
            continue
        giving: dict[int, list[Course]] = {}
        # distinct(): a course giving several of the asked items joins once for each of
        # them, and would be suggested that many times for every item it gives.
        for course in (
            courses.filter(**{f"{item_field}s__in": list(asked)})
            .distinct()
            .prefetch_related(f"{item_field}s")
        ):
            for given in getattr(course, f"{item_field}s").all():
                giving.setdefault(given.pk, []).append(course)
        for item in items.filter(pk__in=list(asked)).annotate(held=Coalesce(Subquery(holders), 0)):
            row = asked[item.pk]
            signals.append(
                RequirementSignal(
                    kind=kind,
                    item=item,
                    job_orders=row["n"],
                    positions=row["positions"],
                    holders=item.held,
                    courses=tuple(giving.get(item.pk, ())),
                )
            )
    signals.sort(key=lambda s: (s.holders / s.positions if s.positions else 0, -s.job_orders))
    return signals[:limit]


def trends(
    cooperation: Cooperation, occupations: Sequence[Occupation], spans: Sequence[Span]
) -> list[Trend]:
    """Positions asked for and filled per span, for each of the occupations."""
    if not occupations or not spans:
        return []
    whole = Span(spans[0].start, spans[-1].end)
    orders = _job_orders(cooperation, whole).filter(occupation__in=occupations)
    sums = {}
    for i, span in enumerate(spans):
        inside = Q(created_at__date__gte=span.start, created_at__date__lte=span.end)
        sums[f"asked_{i}"] = Coalesce(Sum("positions", filter=inside), 0)
        sums[f"filled_{i}"] = Coalesce(Sum("hires", filter=inside), 0)
    rows: dict[int, dict[str, Any]] = {
        r["occupation"]: dict(r) for r in orders.values("occupation").annotate(**sums).order_by()
    }
    result = []
    for occupation in occupations:
        row = rows.get(occupation.pk, {})
        result.append(
            Trend(
                occupation=occupation,
                asked=[row.get(f"asked_{i}", 0) for i in range(len(spans))],
                filled=[row.get(f"filled_{i}", 0) for i in range(len(spans))],
            )
        )
    return result
