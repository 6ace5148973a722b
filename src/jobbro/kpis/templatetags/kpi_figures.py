"""A KPI's figure in words and numbers, in the page's language."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobbro.kpis.measures import Average, Count, Durations, Figure, Share

register = template.Library()


@register.filter
def figure_text(figure: Figure | None) -> str:
    """ "–" for no figure (the KPI cannot be narrowed so, or nothing to divide by)."""
    match figure:
        case Count(value=value):
            return number_format(value, force_grouping=True)
        case Share(numerator=numerator, denominator=denominator):
            if figure.percent is None:
                return "–"
            return _("%(percent)s %% (%(numerator)s of %(denominator)s)") % {
                "percent": figure.percent,
                "numerator": number_format(numerator, force_grouping=True),
                "denominator": number_format(denominator, force_grouping=True),
            }
        case Average(value=value, n=n):
            if value is None:
                return "–"
            return ngettext("%(value)s (%(n)s answer)", "%(value)s (%(n)s answers)", n) % {
                # Rounded: number_format cuts the decimals off (3.485 would read 3,4).
                "value": number_format(round(value, 1), 1),
                "n": n,
            }
        case Durations(median=median, p90=p90, n=n):
            if median is None:
                return "–"
            return ngettext(
                "median %(median)s, 90th percentile %(p90)s days (%(n)s hire)",
                "median %(median)s, 90th percentile %(p90)s days (%(n)s hires)",
                n,
            ) % {"median": number_format(median, 1 if median % 1 else 0), "p90": p90, "n": n}
    return "–"
