"""Reporting periods: a week (ISO, from Monday), a month, a quarter, a year or any span of
days; both ends are included, and days are Danish local days (the project's time zone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The one bound for every day the key figures, their targets and the targets' progress may
# name: the figures start in 1990, and plans look ten years ahead. The dashboard's period,
# a target's period and the day its progress is shown as on are all checked against it.
FIRST_YEAR = 1990
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
YEARS_AHEAD = 10


def last_day(today: dt.date | None = None) -> dt.date:
    """The last day a period may reach: ten years from today (28 February for a 29th)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def check_day(day: dt.date) -> None:
    """Refuse a day outside the bound, saying which days may be chosen."""
    if day < FIRST_DAY:
        raise ValidationError(
            _("Choose a day from %(first)s on."),
            code="too_early",
            params={"first": date_format(FIRST_DAY, "SHORT_DATE_FORMAT")},
        )
    last = last_day()
    if day > last:
        raise ValidationError(
            _("Choose a day at most ten years ahead (until %(last)s)."),
            code="too_late",
            params={"last": date_format(last, "SHORT_DATE_FORMAT")},
        )


class PeriodKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period ends on or after its first day.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Local midnight of the first day and of the day after the last: [from, to)."""
        first = timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))
        after = timezone.make_aware(
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)
        )
        return first, after

    def previous(self) -> Period:
        """The period of the same kind just before; a custom span the same number of days."""
        match self.kind:
            case PeriodKind.WEEK:
                return week(self.start - dt.timedelta(days=7))
            case PeriodKind.MONTH:
                return month(self.start - dt.timedelta(days=1))
            case PeriodKind.QUARTER:
                return quarter(self.start - dt.timedelta(days=1))
            case PeriodKind.YEAR:
                return year(self.start.year - 1)
        return custom(self.start - dt.timedelta(days=self.days), self.start - dt.timedelta(days=1))


def week(day: dt.date) -> Period:
    """The ISO week (Monday to Sunday) holding the day."""
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday, monday + dt.timedelta(days=6), PeriodKind.WEEK)


def _month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def month(day: dt.date) -> Period:
    first = day.replace(day=1)
    return Period(first, _month_end(first), PeriodKind.MONTH)


def quarter(day: dt.date) -> Period:
    first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    last = _month_end(dt.date(first.year, first.month + 2, 1))
    return Period(first, last, PeriodKind.QUARTER)


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), PeriodKind.YEAR)


def custom(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, PeriodKind.CUSTOM)


def of_kind(kind: PeriodKind, day: dt.date) -> Period:
    """The period of a kind holding the day (a custom period is that day alone)."""
    match kind:
        case PeriodKind.WEEK:
            return week(day)
        case PeriodKind.MONTH:
            return month(day)
        case PeriodKind.QUARTER:
            return quarter(day)
        case PeriodKind.YEAR:
            return year(day.year)
    return custom(day, day)
