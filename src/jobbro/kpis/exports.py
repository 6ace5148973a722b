"""The dashboard, its split and a drill-down as reports that leave the cooperation (.xlsx or
PDF through jobbro.reports): every figure as `measures.export_text` writes it, so a count
from 1 to 4 is "<5"; and no candidate is named in them, whoever exports."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.reports import Report, Table

from .drilldown import Listing
from .measures import export_text, suppress_small
from .periods import Period
from .selectors import Comparison, Split


def _span(period: Period) -> str:
    return _("%(start)s – %(end)s") % {
        "start": date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": date_format(period.end, "SHORT_DATE_FORMAT"),
    }


def _columns(first: str, period: Period) -> list[str]:
    return [first, _span(period), _("Before: %(span)s") % {"span": _span(period.previous())}]


def subtitle(cooperation: Cooperation, period: Period, centre: JobCentre | None) -> str:
    return _("%(cooperation)s, %(span)s, %(centres)s") % {
        "cooperation": cooperation.name,
        "span": _span(period),
        "centres": centre.name if centre else _("all job centres"),
    }


def _small_note() -> str:
    return _(
        "Counts from 1 to 4 are shown as “<5”, and shares and averages built on them not at "
        "all, so that no person can be recognised. –: no figure."
    )


def dashboard_report(
    cooperation: Cooperation,
    period: Period,
    centre: JobCentre | None,
    families: Sequence[tuple[Promise, Sequence[Comparison]]],
    split: tuple[str, str, Sequence[Split]] | None = None,
) -> Report:
    """The key figures, one table per family; with the split (its title, the dimension's
    name, its rows) when one is shown."""
    tables = [
        Table(
            str(label),
            _columns(_("Key figure"), period),
            [
                [str(c.kpi.label), export_text(c.current), export_text(c.previous)]
                for c in comparisons
            ],
            numeric=frozenset({1, 2}),
        )
        for label, comparisons in families
    ]
    if split is not None:
        title, dimension, rows = split
        tables.append(
            Table(
                title,
                _columns(dimension, period),
                [[r.label, export_text(r.current), export_text(r.previous)] for r in rows],
                numeric=frozenset({1, 2}),
            )
        )
    return Report(_("Key figures"), subtitle(cooperation, period, centre), tables, [_small_note()])


def items_report(
    title: str, subtitle_text: str, items_label: str, total: int, listing: Listing
) -> Report:
    """A drill-down's items (candidates never named: pass a listing built with no names)
    under their number, which is "<5" when small."""
    numeric = (
        frozenset(i for i, cell in enumerate(listing.rows[0]) if cell.numeric)
        if listing.rows
        else frozenset()
    )
    table = Table(
        _("%(items)s: %(total)s") % {"items": items_label, "total": suppress_small(total)},
        listing.columns,
        [[cell.text for cell in row] for row in listing.rows],
        numeric=numeric,
    )
    return Report(title, subtitle_text, [table], [_small_note()])
