"""A target and its progress in words, in the page's language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from jobbro.kpis.targets import Measure, Progress, TargetProgress

register = template.Library()


def _number(value: float | Decimal | None, measure: Measure) -> str:
    if value is None:
        return "–"
    places = 0 if measure is Measure.COUNT or float(value) % 1 == 0 else 1
    return number_format(round(float(value), places), places, force_grouping=True)


@register.filter
def goal_text(value: Decimal | None, measure: Measure) -> str:
    """What a target aims at: "500", "45 %", "at most 20 days", "4,5"."""
    if value is None:
        return "–"
    number = _number(value, measure)
    match measure:
        case Measure.PERCENT:
            return f"{number} %"
        case Measure.DAYS:
            return _("at most %(days)s days") % {"days": number}
    return number


def _figure_text(progress: Progress, measure: Measure) -> str:
    """The figure alone with its unit, as the lines with a target write it: "43,4 %",
    "Median 29 days", "4,2", "12"."""
    value = _number(progress.value, measure)
    if progress.value is None:
        return value
    match measure:
        case Measure.PERCENT:
            return f"{value} %"
        case Measure.DAYS:
            return _("Median %(value)s days") % {"value": value}
    return value


@register.filter
def reached_text(progress: Progress, item: TargetProgress) -> str:
    """The figure against the target in one sentence, without colour to rely on."""
    measure = item.measure
    value = _number(progress.value, measure)
    if progress.target is None:
        return _("%(value)s (no target of its own)") % {"value": _figure_text(progress, measure)}
    params = {
        "value": value,
        "target": goal_text(progress.target, measure),
        "bar": progress.reached,  # the true share (194 %), the bar alone stops at 100
        "expected": _number(progress.expected, measure),
    }
    match measure:
        case Measure.COUNT:
            if item.elapsed < 1:
                return (
                    _("%(value)s of %(target)s (%(bar)s %%); expected by now: %(expected)s")
                    % params
                )
            return _("%(value)s of %(target)s (%(bar)s %%)") % params
        case Measure.PERCENT:
            if progress.value is None:
                return _("No share yet; target %(target)s") % params
            return _("%(value)s %%; target %(target)s") % params
        case Measure.DAYS:
            if progress.value is None:
                return _("No hires yet; target %(target)s") % params
            return _("Median %(value)s days; target %(target)s") % params
    if progress.value is None:
        return _("No answers yet; target %(target)s") % params
    return _("%(value)s; target %(target)s") % params
