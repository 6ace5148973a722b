"""The response-time report: per job centre and month, how fast the line answers.

Computed in Python over the period's inquiries (a cooperation receives hundreds a month,
not millions), so months in Danish local time and the percentiles are the same on SQLite and
PostgreSQL. An inquiry counts for the job centre it sits with now (after any forwards), or
for the secretariat while it sits there, and the month it arrived.

"Within target" is a share of the inquiries that are due: answered, closed, or past their
deadline. Those answered late, closed without a response and unanswered past the deadline
are missed, so an unanswered inquiry cannot make the figure look better. The median and the
90th percentile are working hours to the first response, as the target counts them, of the
answered ones only.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from jobbro.organisations.models import Cooperation, JobCentre

from . import selectors
from .models import Inquiry, InquiryStatus
from .working_hours import working_hours_between


@dataclass(frozen=True)
class Figures:
    received: int
    answered: int
    due: int
    within_target: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def missed(self) -> int:
        return self.due - self.within_target

    @property
    def within_target_percent(self) -> int | None:
        """Of the due ones; None when none is due yet."""
        if not self.due:
            return None
        return round(100 * self.within_target / self.due)


@dataclass(frozen=True)
class MonthRow:
    month: dt.date  # the first day
    figures: Figures


@dataclass(frozen=True)
class CentreReport:
    job_centre: JobCentre | None  # None: the secretariat
    months: list[MonthRow]
    total: Figures
    overdue_now: int


@dataclass(frozen=True)
class Report:
    centres: list[CentreReport]
    total: Figures
    overdue_now: int


def percentile(values: Sequence[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least `share` of them at or below."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _is_due(inquiry: Inquiry, now: dt.datetime) -> bool:
    return (
        inquiry.first_response_at is not None
        or inquiry.status == InquiryStatus.CLOSED
        or inquiry.respond_by < now
    )


def _figures(inquiries: Sequence[Inquiry], now: dt.datetime) -> Figures:
    hours = [
        working_hours_between(i.received_at, i.first_response_at)
        for i in inquiries
        if i.first_response_at is not None
    ]
    within = sum(
        1
        for i in inquiries
        if i.first_response_at is not None and i.first_response_at <= i.respond_by
    )
    return Figures(
        received=len(inquiries),
        answered=len(hours),
        due=sum(1 for i in inquiries if _is_due(i, now)),
        within_target=within,
        median_hours=statistics.median(hours) if hours else None,
        p90_hours=percentile(hours, 0.9),
    )


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _local_month(moment: dt.datetime) -> dt.date:
    return month_start(timezone.localtime(moment).date())


def period_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of the first month to the start of the month after the last, local."""
    after = (month_start(last) + dt.timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(dt.datetime.combine(month_start(first), dt.time()))
    end = timezone.make_aware(dt.datetime.combine(after, dt.time()))
    return start, end


def response_report(
    cooperation: Cooperation,
    *,
    first_month: dt.date,
    last_month: dt.date,
    channel: str = "",
    now: dt.datetime | None = None,
) -> Report:
    now = now or timezone.now()
    start, end = period_bounds(first_month, last_month)
    inquiries: QuerySet[Inquiry] = Inquiry.objects.filter(cooperation=cooperation)
    if channel:
        inquiries = inquiries.filter(channel=channel)
    # The key None is the secretariat, whichever job centre hosts it.
    overdue: dict[int | None, int] = defaultdict(int)
    for centre_id, at_secretariat in inquiries.filter(selectors.overdue(now)).values_list(
        "routed_to", "at_secretariat"
    ):
        overdue[None if at_secretariat else centre_id] += 1
    in_period = list(
        inquiries.filter(received_at__gte=start, received_at__lt=end).only(
            "routed_to",
            "at_secretariat",
            "status",
            "received_at",
            "respond_by",
            "first_response_at",
        )
    )
    grouped: dict[int | None, dict[dt.date, list[Inquiry]]] = defaultdict(lambda: defaultdict(list))
    for inquiry in in_period:
        key = None if inquiry.at_secretariat else inquiry.routed_to_id
        grouped[key][_local_month(inquiry.received_at)].append(inquiry)
    rows: list[tuple[int | None, JobCentre | None]] = [
        (centre.pk, centre) for centre in cooperation.job_centres.order_by("name")
    ]
    centres = []
    for key, centre in [*rows, (None, None)]:
        by_month = grouped.get(key, {})
        if not by_month and not overdue.get(key):
            continue
        months = [MonthRow(m, _figures(by_month[m], now)) for m in sorted(by_month)]
        every = [i for m in by_month.values() for i in m]
        centres.append(CentreReport(centre, months, _figures(every, now), overdue.get(key, 0)))
    return Report(centres, _figures(in_period, now), sum(overdue.values()))
