"""What the dashboard's charts draw: each figure as one number in its unit. The tables stay
the data: the page writes these numbers on the table cells and the chart script reads them
there, so a screen reader and the chart say the same."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .measures import Average, Count, Durations, Figure, Share


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    SCORE = "score"
    DAYS = "days"


# What the value axis of a chart in each unit says.
UNIT_LABELS: dict[Unit, Promise] = {
    Unit.COUNT: pgettext_lazy("the unit of a count", "Number"),
    Unit.PERCENT: _("Per cent"),
    Unit.SCORE: _("Average score (1–5)"),
    Unit.DAYS: _("Days (median)"),
}


def unit_of(figure: Figure | None) -> Unit | None:
    match figure:
        case Count():
            return Unit.COUNT
        case Share():
            return Unit.PERCENT
        case Average():
            return Unit.SCORE
        case Durations():
            return Unit.DAYS
    return None


def chart_value(figure: Figure | None) -> str:
    """The figure as a plain number for the chart ("" when there is none to draw): a count,
    a share's percent, an average, a duration's median."""
    match figure:
        case Count(value=value):
            return str(value)
        case Share():
            return "" if figure.percent is None else str(figure.percent)
        case Average(value=value):
            return "" if value is None else f"{value:.1f}"
        case Durations(median=median):
            return "" if median is None else f"{median:g}"
    return ""


def units(figures: Iterable[Figure | None]) -> list[Unit]:
    """The units among the figures, in the order first met: one chart each."""
    found: dict[Unit, None] = {}
    for one in figures:
        unit = unit_of(one)
        if unit is not None:
            found[unit] = None
    return list(found)
