"""The response-time target in working hours: Monday to Friday, 8 to 16, Danish time,
except Danish public holidays and the days the job centres close."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobbro.intake.working_hours import add_working_hours, is_working_day, working_hours_between


def local(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (local(2025, 3, 4, 9), 2, local(2025, 3, 4, 11)),  # a Tuesday morning
        (local(2025, 3, 4, 15), 2, local(2025, 3, 5, 9)),  # over the night
        (local(2025, 3, 4, 6), 1, local(2025, 3, 4, 9)),  # before opening
        (local(2025, 3, 7, 20), 2, local(2025, 3, 10, 10)),  # Friday evening to Monday
        (local(2025, 3, 8, 12), 8, local(2025, 3, 10, 16)),  # a Saturday
        (local(2025, 3, 4, 8), 24, local(2025, 3, 6, 16)),  # three working days
        (local(2025, 3, 4, 16), 8, local(2025, 3, 5, 16)),  # at closing time
        (local(2025, 3, 28, 15), 2, local(2025, 3, 31, 9)),  # over the change to summer time
        # Easter 2026: Maundy Thursday 2 April to Easter Monday 6 April are holidays.
        (local(2026, 4, 1, 15), 2, local(2026, 4, 7, 9)),
        # Closed from Christmas Eve: Christmas Day, Boxing Day, the weekend.
        (local(2026, 12, 23, 15), 2, local(2026, 12, 28, 9)),
        (local(2026, 12, 30, 15), 2, local(2027, 1, 4, 9)),  # New Year's Eve and Day, weekend
        (local(2025, 6, 4, 15), 2, local(2025, 6, 6, 9)),  # Constitution Day (Grundlovsdag)
    ],
)
def test_add_working_hours(start: dt.datetime, hours: int, due: dt.datetime) -> None:
    assert add_working_hours(start, hours) == due


def test_utc_input_is_read_in_local_time() -> None:
    start = dt.datetime(2025, 1, 6, 7, 30, tzinfo=dt.UTC)  # 8.30 in Copenhagen
    assert add_working_hours(start, 1) == local(2025, 1, 6, 9, 30)


@pytest.mark.parametrize(
    "day",
    [dt.date(2025, 12, 24), dt.date(2025, 12, 31), dt.date(2025, 6, 5), dt.date(2025, 4, 18)],
)
def test_closed_days(day: dt.date) -> None:
    assert not is_working_day(day)


def test_a_request_in_another_time_zone_does_not_move_the_deadline() -> None:
    start, due = local(2025, 3, 4, 15), local(2025, 3, 5, 9)
    with timezone.override("America/New_York"):
        assert add_working_hours(start, 2) == due
        assert working_hours_between(start, due) == 2


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        (local(2025, 3, 4, 9), local(2025, 3, 4, 11, 30), 2.5),  # within a day
        (local(2025, 3, 4, 15), local(2025, 3, 5, 9), 2),  # over the night
        (local(2025, 3, 7, 20), local(2025, 3, 10, 10), 2),  # over the weekend
        (local(2025, 3, 8, 10), local(2025, 3, 9, 12), 0),  # all of it at the weekend
        (local(2025, 3, 4, 8), local(2025, 3, 6, 16), 24),  # three working days
        (local(2026, 12, 23, 15), local(2026, 12, 28, 9), 2),  # over Christmas
        (local(2025, 3, 4, 11), local(2025, 3, 4, 9), 0),  # backwards
    ],
)
def test_working_hours_between(start: dt.datetime, end: dt.datetime, hours: float) -> None:
    assert working_hours_between(start, end) == hours


@pytest.mark.parametrize(
    ("start", "hours"),
    [(local(2025, 3, 7, 20), 2), (local(2026, 4, 1, 15), 9), (local(2025, 3, 28, 15), 30)],
)
def test_between_undoes_add(start: dt.datetime, hours: int) -> None:
    assert working_hours_between(start, add_working_hours(start, hours)) == hours
