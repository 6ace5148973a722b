"""A figure's number and unit for the chart script, written on its table cell."""

from __future__ import annotations

from django import template

from jobbro.kpis.charts import UNIT_LABELS, Unit, chart_value, unit_of
from jobbro.kpis.measures import Figure
from jobbro.kpis.selectors import Comparison

register = template.Library()


@register.filter
def chart_number(figure: Figure | None) -> str:
    return chart_value(figure)


@register.filter
def chart_unit(figure: Figure | None) -> str:
    unit = unit_of(figure)
    return unit.value if unit else ""


@register.filter
def comparison_unit(comparison: Comparison) -> str:
    """A row's unit: its figure's, or the previous period's when this one has none."""
    unit = unit_of(comparison.current) or unit_of(comparison.previous)
    return unit.value if unit else ""


@register.filter
def unit_label(unit: Unit) -> str:
    return str(UNIT_LABELS[unit])
