"""What a KPI's figure is: a count, a share (numerator of denominator), an average, or the
median and 90th percentile of durations; and the rule for counts leaving the cooperation."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format

from jobbro.reports import COUNT_FORMAT, DECIMAL_FORMAT, PERCENT_FORMAT, Cell, Number

# Anything meant to leave the cooperation shows a count from 1 to 4 as "<5", and a share,
# average or time to fill built on such a count "<5" too, so no person can be recognised
# in a small group.
SMALL_COUNT = 5
SUPPRESSED = "<5"


def suppress_small(n: int | None) -> str:
    """A count as it may leave the cooperation: 1 to 4 become "<5"; none is "–"."""
    if n is None:
        return "–"
    if 0 < n < SMALL_COUNT:
        return SUPPRESSED
    return str(n)


@dataclass(frozen=True)
class Count:
    value: int

    @property
    def small(self) -> bool:
        return 0 < self.value < SMALL_COUNT


@dataclass(frozen=True)
class Share:
    """`numerator` of `denominator`; no share (None) when the denominator is nought."""

    numerator: int
    denominator: int

    @property
    def ratio(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> int | None:
        ratio = self.ratio
        return None if ratio is None else round(100 * ratio)

    @property
    def small(self) -> bool:
        """Built on a count from 1 to 4 (either part): suppressed in what leaves."""
        return 0 < self.numerator < SMALL_COUNT or 0 < self.denominator < SMALL_COUNT


@dataclass(frozen=True)
class Average:
    value: float | None  # None when nothing was averaged
    n: int

    @property
    def small(self) -> bool:
        return 0 < self.n < SMALL_COUNT


@dataclass(frozen=True)
class Durations:
    """Days: the median and the 90th percentile (nearest rank), of `n` items."""

    median: float | None
    p90: int | None
    n: int

    @property
    def small(self) -> bool:
        return 0 < self.n < SMALL_COUNT


Figure = Count | Share | Average | Durations


def nearest_rank(ordered: Sequence[int], share: float) -> int | None:
    """The smallest value with at least `share` of the sorted values at or below it."""
    if not ordered:
        return None
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def durations(values: Sequence[int]) -> Durations:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return Durations(None, None, 0)
    middle = n // 2
    median = float(ordered[middle]) if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Durations(median, nearest_rank(ordered, 0.9), n)


def export_text(figure: Figure | None) -> str:
    """A figure as it may leave the cooperation (exports): small counts "<5"."""
    if figure is None:
        return "–"
    match figure:
        case Count(value=value):
            return suppress_small(value)
        case Share():
            if figure.small:
                return SUPPRESSED
            return "–" if figure.percent is None else f"{figure.percent} %"
        case Average(value=value):
            if figure.small:
                return SUPPRESSED
            # In the language's decimal mark, as on the page (3,4 in Danish); rounded first:
            # number_format cuts the decimals off (3.485 would read 3,4).
            return "–" if value is None else number_format(round(value, 1), 1)
        case Durations(median=median, p90=p90):
            if figure.small:
                return SUPPRESSED
            return (
                "–"
                if median is None
                else f"{number_format(median, 1 if median % 1 else 0)} / {p90}"
            )
    return "–"


def export_count(n: int | None) -> Cell:
    """`suppress_small` as a spreadsheet cell: a count that may leave as an integer, else
    the text ("<5", "–")."""
    if n is None or 0 < n < SMALL_COUNT:
        return suppress_small(n)
    return Number(n, str(n), COUNT_FORMAT)


def export_cell(figure: Figure | None) -> Cell:
    """`export_text` as a spreadsheet cell: a figure that may leave as a number (a count
    an integer, a share its fraction in a percent format, an average to one decimal), else
    the same text ("<5", "–"). Time to fill: its median (`export_p90` the 90th percentile),
    each its own number."""
    text = export_text(figure)
    if figure is None or text in (SUPPRESSED, "–"):
        return text
    match figure:
        case Count(value=value):
            return Number(value, text, COUNT_FORMAT)
        case Share():
            assert figure.ratio is not None
            return Number(figure.ratio, text, PERCENT_FORMAT)
        case Average(value=value):
            assert value is not None
            return Number(round(value, 1), text, DECIMAL_FORMAT)
        case Durations(median=median):
            assert median is not None
            return _days(median)
    return text


def export_p90(figure: Durations | None) -> Cell:
    """The 90th percentile of a time to fill as a cell, "<5" or "–" as its median."""
    if figure is None or figure.p90 is None:
        return "–"
    if figure.small:
        return SUPPRESSED
    return _days(figure.p90)


def _days(days: float) -> Number:
    whole = days % 1 == 0
    return Number(
        int(days) if whole else days,
        number_format(days, 0 if whole else 1),
        COUNT_FORMAT if whole else DECIMAL_FORMAT,
    )
