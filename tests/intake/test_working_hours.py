"""The response-time target in working hours: Monday to Friday, 8 to 16, local time,
except Danish public holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jobbro.intake.working_hours import add_working_hours


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
        (local(2026, 12, 23, 15), 2, local(2026, 12, 24, 9)),  # Christmas Eve is a working day
        (local(2026, 12, 24, 15), 2, local(2026, 12, 28, 9)),  # Christmas Day, Boxing Day, weekend
    ],
)
def test_add_working_hours(start: dt.datetime, hours: int, due: dt.datetime) -> None:
    assert add_working_hours(start, hours) == due


def test_utc_input_is_read_in_local_time() -> None:
    start = dt.datetime(2025, 1, 6, 7, 30, tzinfo=dt.UTC)  # 8.30 in Copenhagen
    assert add_working_hours(start, 1) == local(2025, 1, 6, 9, 30)
