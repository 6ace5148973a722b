"""Reads of the KKR progress scheme: the recommendations in force, the year's matrix,
one municipality's year and one cell's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User

from .models import FIRST_YEAR, Assessment, AssessmentChange, Recommendation
from .roles import KKR_REPORTERS


def municipalities_of(cooperation: Cooperation) -> QuerySet[Municipality]:
    """The member municipalities: those the cooperation's job centres serve."""
    return (
        Municipality.objects.filter(job_centres__cooperation=cooperation)
        .distinct()
        .order_by("name")
    )


def member_municipality(cooperation: Cooperation, pk: int) -> Municipality | None:
    return municipalities_of(cooperation).filter(pk=pk).first()


def reportable_municipalities(user: User, cooperation: Cooperation) -> QuerySet[Municipality]:
    """The municipalities the user reports for: those served by a job centre of the
    cooperation where the user is manager or team leader."""
    return municipalities_of(cooperation).filter(
        job_centres__memberships__user=user,
        job_centres__memberships__role__in=list(KKR_REPORTERS),
        job_centres__cooperation=cooperation,
    )


def may_report(user: User, municipality: Municipality, cooperation: Cooperation) -> bool:
    return reportable_municipalities(user, cooperation).filter(pk=municipality.pk).exists()


def reporting_centre(
    user: User, municipality: Municipality, cooperation: Cooperation
) -> JobCentre | None:
    """The job centre the user reports for the municipality from (recorded with the
    assessment); None when the user may not report for it."""
    return (
        cooperation.job_centres.filter(
            municipalities=municipality,
            memberships__user=user,
            memberships__role__in=list(KKR_REPORTERS),
        )
        .order_by("name")
        .first()
    )


def recommendations(cooperation: Cooperation) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(cooperation=cooperation).order_by("order", "number")


def in_force(cooperation: Cooperation, year: int) -> QuerySet[Recommendation]:
    return recommendations(cooperation).filter(
        Q(last_year__isnull=True) | Q(last_year__gte=year), first_year__lte=year
    )


def recommendation_of(cooperation: Cooperation, pk: int) -> Recommendation | None:
    return recommendations(cooperation).filter(pk=pk).first()


def years(cooperation: Cooperation) -> list[int]:
    """The years to choose from, newest first: from the first recommendation's first year
    (or 2015) to this year."""
    first = (
        recommendations(cooperation)
        .order_by("first_year")
        .values_list("first_year", flat=True)
        .first()
    )
    this_year = timezone.localdate().year
    return list(range(this_year, max(FIRST_YEAR, min(first or this_year, this_year)) - 1, -1))


# Reporting closes with the year, but the previous year's report may be finished until this
# day (month, day): the municipalities report in January on the year just gone.
PREVIOUS_YEAR_OPEN_UNTIL = (3, 31)


def open_years(today: dt.date | None = None) -> list[int]:
    """The years that may be reported on, newest first: this year, and until 31 March the
    year before. Earlier years are closed: read-only for everyone, their history kept."""
    today = today or timezone.localdate()
    if today <= closing_day(today.year - 1):
        return [today.year, today.year - 1]
    return [today.year]


def is_open(year: int, today: dt.date | None = None) -> bool:
    return year in open_years(today)


def closing_day(year: int) -> dt.date:
    """The last day a year's report may be changed: 31 March of the year after."""
    month, day = PREVIOUS_YEAR_OPEN_UNTIL
    return dt.date(year + 1, month, day)


def latest_year(cooperation: Cooperation) -> int:
    """The newest year anyone has reported on, else this year: the overview opens on it."""
    found = Assessment.objects.filter(recommendation__cooperation=cooperation).aggregate(
        latest=Max("year")
    )["latest"]
    return found or timezone.localdate().year


@dataclass(frozen=True)
class Row:
    recommendation: Recommendation
    cells: list[tuple[Municipality, Assessment | None]]  # in the overview's column order


@dataclass(frozen=True)
class Overview:
    year: int
    municipalities: list[Municipality]
    rows: list[Row]

    @property
    def areas(self) -> list[tuple[str, list[Row]]]:
        """The rows grouped by area, in the recommendations' order."""
        groups: list[tuple[str, list[Row]]] = []
        for row in self.rows:
            if not groups or groups[-1][0] != row.recommendation.area:
                groups.append((row.recommendation.area, []))
            groups[-1][1].append(row)
        return groups


def overview(cooperation: Cooperation, year: int) -> Overview:
    """The year's matrix: recommendations in force × member municipalities (three reads)."""
    municipalities = list(municipalities_of(cooperation))
    recs = list(in_force(cooperation, year))
    found = {
        (a.recommendation_id, a.municipality_id): a
        for a in Assessment.objects.filter(recommendation__in=recs, year=year)
    }
    rows = [Row(rec, [(m, found.get((rec.pk, m.pk))) for m in municipalities]) for rec in recs]
    return Overview(year=year, municipalities=municipalities, rows=rows)


def year_of(
    cooperation: Cooperation, municipality: Municipality, year: int
) -> list[tuple[Recommendation, Assessment | None]]:
    """One municipality's year: each recommendation in force with its assessment, if any."""
    recs = list(in_force(cooperation, year))
    found = {
        a.recommendation_id: a
        for a in Assessment.objects.filter(
            recommendation__in=recs, municipality=municipality, year=year
        ).select_related("updated_by", "job_centre")
    }
    return [(rec, found.get(rec.pk)) for rec in recs]


def history(
    recommendation: Recommendation, municipalities: Iterable[Municipality]
) -> QuerySet[AssessmentChange]:
    """Every saved version of the recommendation's assessments for the municipalities,
    newest year first and, within a year, newest change first."""
    return (
        AssessmentChange.objects.filter(
            assessment__recommendation=recommendation,
            assessment__municipality__in=[m.pk for m in municipalities],
        )
        .select_related("assessment__municipality", "changed_by", "job_centre")
        .order_by("-assessment__year", "assessment__municipality__name", "-version")
    )
