"""The response-time target counts working hours, as the public form promises.

A working day is Monday to Friday, 8 to 16 Danish time (the job centres' usual opening
hours for companies), except Danish public holidays (the `holidays` package's calendar,
computed offline: Easter-based days included) and the days the job centres close although
they are no public holidays.
"""

from __future__ import annotations

import datetime as dt

import holidays
from django.utils import timezone

DAY_START = dt.time(8)
DAY_END = dt.time(16)
WORKING_DAYS = frozenset(range(5))  # Monday (0) to Friday (4)
PUBLIC_HOLIDAYS = holidays.country_holidays("DK")
# Christmas Eve, New Year's Eve and Constitution Day (Grundlovsdag) are no public holidays
# by law, so the calendar leaves them out, but the job centres are closed.
CLOSED_DAYS = frozenset({(12, 24), (12, 31), (6, 5)})  # (month, day)


def is_working_day(day: dt.date) -> bool:
    return (
        day.weekday() in WORKING_DAYS
        and day not in PUBLIC_HOLIDAYS
        and (day.month, day.day) not in CLOSED_DAYS
    )


def _opening_hours(day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(day, DAY_START, tzinfo=tz), dt.datetime.combine(
        day, DAY_END, tzinfo=tz
    )


def add_working_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """The moment `hours` working hours after `start` (aware; the result in Danish time).

    Time outside working hours does not count: an inquiry sent Friday evening with a 2-hour
    target is due Monday at 10.
    """
    # The job centres' clock, not whatever zone a request may have activated.
    tz = timezone.get_default_timezone()
    moment = timezone.localtime(start, tz)
    left = dt.timedelta(hours=hours)
    while True:
        day = moment.date()
        if is_working_day(day):
            opens, closes = _opening_hours(day, tz)
            moment = max(moment, opens)
            if moment < closes:
                if moment + left <= closes:
                    return moment + left
                left -= closes - moment
        moment = dt.datetime.combine(day + dt.timedelta(days=1), DAY_START, tzinfo=tz)


def working_hours_between(start: dt.datetime, end: dt.datetime) -> float:
    """The working hours from `start` to `end` (aware); 0 when `end` is not after `start`."""
    tz = timezone.get_default_timezone()
    start, end = timezone.localtime(start, tz), timezone.localtime(end, tz)
    total = dt.timedelta()
    day = start.date()
    while day <= end.date():
        if is_working_day(day):
            opens, closes = _opening_hours(day, tz)
            overlap = min(end, closes) - max(start, opens)
            if overlap > dt.timedelta():
                total += overlap
        day += dt.timedelta(days=1)
    return total.total_seconds() / 3600
