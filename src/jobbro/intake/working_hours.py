"""The response-time target counts working hours, as the public form promises.

A working day is Monday to Friday, 8 to 16 local time (the job centres' usual opening
hours for companies), except Danish public holidays (the `holidays` package's calendar,
computed offline: Easter-based days included).
"""

from __future__ import annotations

import datetime as dt

import holidays
from django.utils import timezone

DAY_START = dt.time(8)
DAY_END = dt.time(16)
WORKING_DAYS = frozenset(range(5))  # Monday (0) to Friday (4)
PUBLIC_HOLIDAYS = holidays.country_holidays("DK")


def is_working_day(day: dt.date) -> bool:
    return day.weekday() in WORKING_DAYS and day not in PUBLIC_HOLIDAYS


def _opening(day: dt.date, at: dt.time, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=tz)


def add_working_hours(start: dt.datetime, hours: int) -> dt.datetime:
    """The moment `hours` working hours after `start` (aware; the result in local time).

    Time outside working hours does not count: an inquiry sent Friday evening with a 2-hour
    target is due Monday at 10.
    """
    tz = timezone.get_current_timezone()
    moment = timezone.localtime(start, tz)
    left = dt.timedelta(hours=hours)
    while True:
        day = moment.date()
        if is_working_day(day):
            opens, closes = _opening(day, DAY_START, tz), _opening(day, DAY_END, tz)
            moment = max(moment, opens)
            if moment < closes:
                if moment + left <= closes:
                    return moment + left
                left -= closes - moment
        moment = _opening(day + dt.timedelta(days=1), DAY_START, tz)
