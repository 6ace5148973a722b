"""Calendar quarters: the period of a survey round and of the "recent contact" window."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

RECENT_CONTACT_MONTHS = 3


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1–4

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def key(self) -> str:
        """For a filter's value: "2025-3"."""
        return f"{self.year}-{self.number}"

    @classmethod
    def from_key(cls, key: str) -> Quarter | None:
        year, _sep, number = key.partition("-")
        if not (year.isdigit() and number in {"1", "2", "3", "4"}):
            return None
        return cls(int(year), int(number))

    def __str__(self) -> str:
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, or the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
