"""Filters for mail templates, whose context is JSON (dates arrive as ISO strings)."""

import datetime as dt

from django import template

register = template.Library()


@register.filter
def isodate(value: str) -> dt.date | str:
    """'2026-11-23' as a date, so `|date:"SHORT_DATE_FORMAT"` writes it the reader's way."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
