"""The response-time report: counts, share within target, median and 90th percentile in
working hours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobbro.intake.models import Channel, InquiryStatus
from jobbro.intake.report import percentile, period_bounds, response_report
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def answered(centre, received: dt.datetime, hours: float, **kwargs):
    return InquiryFactory(
        routed_to=centre,
        received_at=received,
        status=InquiryStatus.ANSWERED,
        first_response_at=received + dt.timedelta(hours=hours),
        **kwargs,
    )


def test_percentile_nearest_rank() -> None:
    assert percentile([], 0.9) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0
    assert percentile([float(n) for n in range(1, 11)], 0.5) == 5.0


def test_period_bounds_are_local_months() -> None:
    start, end = period_bounds(dt.date(2025, 3, 15), dt.date(2025, 4, 2))
    assert timezone.localtime(start).replace(tzinfo=None) == dt.datetime(2025, 3, 1)
    assert timezone.localtime(end).replace(tzinfo=None) == dt.datetime(2025, 5, 1)


def test_figures_per_job_centre_and_month(job_centre, other_job_centre) -> None:
    march, april = dt.date(2025, 3, 10), dt.date(2025, 4, 10)
    for hours in (1, 2, 3, 30):  # one over the 24-hour target
        answered(job_centre, at(march, 9), hours)
    answered(job_centre, at(april, 9), 5, channel=Channel.WEB)
    InquiryFactory(routed_to=job_centre, received_at=at(april, 10))  # open, overdue now
    answered(other_job_centre, at(march, 9), 48)
    InquiryFactory(routed_to=job_centre, received_at=at(dt.date(2025, 1, 5), 9))  # outside

    report = response_report(
        job_centre.cooperation,
        first_month=dt.date(2025, 3, 1),
        last_month=dt.date(2025, 4, 1),
        now=at(dt.date(2025, 5, 1), 12),
    )
    herlev = next(c for c in report.centres if c.job_centre == job_centre)
    march_row, april_row = herlev.months
    assert march_row.month == dt.date(2025, 3, 1)
    assert (march_row.figures.received, march_row.figures.answered) == (4, 4)
    assert march_row.figures.within_target == 3
    assert march_row.figures.within_target_percent == 75
    assert march_row.figures.median_hours == 2.5
    # 30 clock hours from Monday 9 is Tuesday 15: 7 + 7 working hours.
    assert march_row.figures.p90_hours == 14
    assert (april_row.figures.received, april_row.figures.answered) == (2, 1)
    assert herlev.total.received == 6
    # Overdue now counts every open inquiry past its deadline, whatever the period.
    assert herlev.overdue_now == 2
    gladsaxe = next(c for c in report.centres if c.job_centre == other_job_centre)
    assert gladsaxe.total.within_target_percent == 0
    assert report.total.received == 7

    web_only = response_report(
        job_centre.cooperation,
        first_month=dt.date(2025, 3, 1),
        last_month=dt.date(2025, 4, 1),
        channel=Channel.WEB,
        now=at(dt.date(2025, 5, 1), 12),
    )
    assert web_only.total.received == 1
    assert web_only.total.median_hours == 5


def test_an_inquiry_counts_in_its_local_month(job_centre) -> None:
    # 00:30 on 1 April in Copenhagen is still 31 March in UTC.
    answered(job_centre, at(dt.date(2025, 4, 1), 0) + dt.timedelta(minutes=30), 1)
    march = response_report(
        job_centre.cooperation, first_month=dt.date(2025, 3, 1), last_month=dt.date(2025, 3, 1)
    )
    april = response_report(
        job_centre.cooperation, first_month=dt.date(2025, 4, 1), last_month=dt.date(2025, 4, 1)
    )
    assert march.total.received == 0
    assert april.total.received == 1
    assert april.centres[0].months[0].month == dt.date(2025, 4, 1)


def test_unanswered_and_closed_inquiries_count_as_missed(job_centre, secretariat_centre) -> None:
    """10 received, 1 answered in time, 9 past the deadline unanswered: 10 %, not 100 %."""
    day = dt.date(2025, 3, 10)
    answered(job_centre, at(day, 9), 1)
    for _ in range(8):
        InquiryFactory(routed_to=job_centre, received_at=at(day, 9))
    InquiryFactory(routed_to=job_centre, received_at=at(day, 9), status=InquiryStatus.CLOSED)
    # Not yet due: counts as received only.
    now = at(day, 12)
    InquiryFactory(routed_to=job_centre, received_at=at(day, 11), respond_by=at(day, 15))
    # With the secretariat, whose host is Ballerup: a row of its own.
    InquiryFactory(routed_to=secretariat_centre, at_secretariat=True, received_at=at(day, 9))
    for inquiry in InquiryFactory._meta.model.objects.exclude(received_at=at(day, 11)):
        inquiry.respond_by = at(day, 10)
        inquiry.save()
    report = response_report(job_centre.cooperation, first_month=day, last_month=day, now=now)
    herlev, secretariat = report.centres
    assert herlev.job_centre == job_centre
    figures = herlev.total
    assert (figures.received, figures.answered, figures.due) == (11, 1, 10)
    assert (figures.within_target, figures.missed, figures.within_target_percent) == (1, 9, 10)
    assert figures.median_hours == 1
    assert secretariat.job_centre is None
    assert (secretariat.total.received, secretariat.overdue_now) == (1, 1)


def test_response_times_count_working_hours(job_centre) -> None:
    """Friday 15 to Monday 9 is 66 clock hours but 2 working hours, as the target counts."""
    friday = dt.date(2025, 3, 7)
    answered(job_centre, at(friday, 15), 66)
    answered(job_centre, at(friday, 9), 1)
    report = response_report(job_centre.cooperation, first_month=friday, last_month=friday)
    assert (report.total.median_hours, report.total.p90_hours) == (1.5, 2)
