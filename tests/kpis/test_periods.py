import datetime as dt

import pytest
from django.utils import timezone

from jobbro.kpis.periods import Period, PeriodKind, custom, month, of_kind, quarter, week, year


def test_week_is_iso_from_monday_and_spans_a_new_year():
    period = week(dt.date(2027, 1, 1))  # a Friday in ISO week 53 of 2026
    assert (period.start, period.end) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert period.start.weekday() == 0
    assert period.previous() == week(dt.date(2026, 12, 21))


def test_month_quarter_year_and_their_previous():
    assert month(dt.date(2028, 2, 10)) == Period(
        dt.date(2028, 2, 1), dt.date(2028, 2, 29), PeriodKind.MONTH
    )
    assert month(dt.date(2027, 1, 31)).previous() == month(dt.date(2026, 12, 1))
    assert quarter(dt.date(2027, 5, 5)) == Period(
        dt.date(2027, 4, 1), dt.date(2027, 6, 30), PeriodKind.QUARTER
    )
    assert quarter(dt.date(2027, 1, 1)).previous().start == dt.date(2026, 10, 1)
    assert quarter(dt.date(2027, 12, 31)).end == dt.date(2027, 12, 31)
    assert year(2027).previous() == year(2026)


def test_custom_period_previous_is_as_many_days_just_before():
    period = custom(dt.date(2027, 3, 10), dt.date(2027, 3, 19))
    assert period.days == 10
    assert period.previous() == custom(dt.date(2027, 2, 28), dt.date(2027, 3, 9))


def test_a_period_ends_on_or_after_its_start():
    with pytest.raises(ValueError):
        custom(dt.date(2027, 3, 10), dt.date(2027, 3, 9))


def test_both_ends_are_in_and_bounds_are_local_midnights():
    period = of_kind(PeriodKind.MONTH, dt.date(2027, 3, 15))
    assert dt.date(2027, 3, 1) in period and dt.date(2027, 3, 31) in period
    assert dt.date(2027, 4, 1) not in period
    first, after = period.bounds()
    assert timezone.localtime(first).replace(tzinfo=None) == dt.datetime(2027, 3, 1)
    assert timezone.localtime(after).replace(tzinfo=None) == dt.datetime(2027, 4, 1)
    # Daylight saving starts on 28 March 2027: the month is an hour short of 31 days.
    assert after.astimezone(dt.UTC) - first.astimezone(dt.UTC) == dt.timedelta(days=31, hours=-1)
