"""The dashboard, its split and a drill-down as reports that leave the cooperation (.xlsx or
PDF through jobbro.reports): every figure as `measures.export_cell` writes it, a number the
spreadsheet can sum where it may leave and a count from 1 to 4 the text "<5"; time to fill
as two numbers, its median and its 90th percentile; and no candidate is named in them,
whoever exports. A drill-down lists its items only when they are 5 or more and not of a
target group (`held_back`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.reports import Cell, Report, Table, count_cell

from .drilldown import Listing
from .measures import SMALL_COUNT, Durations, Figure, export_cell, export_p90, suppress_small
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
        "Counts from 1 to 4 are shown as “<5”, and so are shares, averages and medians built "
        "on them, so that no person can be recognised. –: no figure."
    )


def _timed(figure: Figure | None) -> bool:
    return isinstance(figure, Durations)


def _median_label(label: str) -> str:
    return _("%(figure)s, median") % {"figure": label}


def _p90_label(label: str) -> str:
    return _("%(figure)s, 90th percentile") % {"figure": label}


def _figure_rows(label: str, current: Figure | None, previous: Figure | None) -> list[list[Cell]]:
    """A key figure's row; time to fill two, its median and its 90th percentile, so every
    cell is one number."""
    if _timed(current) or _timed(previous):
        now = current if isinstance(current, Durations) else None
        then = previous if isinstance(previous, Durations) else None
        return [
            [_median_label(label), export_cell(now), export_cell(then)],
            [_p90_label(label), export_p90(now), export_p90(then)],
        ]
    return [[label, export_cell(current), export_cell(previous)]]


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
                row
                for c in comparisons
                for row in _figure_rows(str(c.kpi.label), c.current, c.previous)
            ],
            numeric=frozenset({1, 2}),
        )
        for label, comparisons in families
    ]
    if split is not None:
        title, dimension, rows = split
        if any(_timed(r.current) or _timed(r.previous) for r in rows):
            # Time to fill by group: the median and the 90th percentile side by side.
            now, before = _span(period), _("Before: %(span)s") % {"span": _span(period.previous())}
            columns = [
                dimension,
                _median_label(now),
                _p90_label(now),
                _median_label(before),
                _p90_label(before),
            ]
            cells = [
                [
                    r.label,
                    export_cell(r.current),
                    export_p90(r.current if isinstance(r.current, Durations) else None),
                    export_cell(r.previous),
                    export_p90(r.previous if isinstance(r.previous, Durations) else None),
                ]
                for r in rows
            ]
            tables.append(Table(title, columns, cells, numeric=frozenset({1, 2, 3, 4})))
        else:
            tables.append(
                Table(
                    title,
                    _columns(dimension, period),
                    [[r.label, export_cell(r.current), export_cell(r.previous)] for r in rows],
                    numeric=frozenset({1, 2}),
                )
            )
    return Report(_("Key figures"), subtitle(cooperation, period, centre), tables, [_small_note()])


def held_back(count: int, total: int, by_target_group: bool) -> str:
    """Why a drill-down's download leaves without its items, "" when it lists them. A row
    is a date, a company and a job order, so fewer than 5 could be told apart by anyone
    who knows the place (and counted, undoing the "<5"); and a row in a group by target
    group ties a person's sensitive mark (refugee, sick-listed, flex job, …) to them."""
    if not count:
        return ""
    if by_target_group:
        return _(
            "The items behind the figure are not listed: in a split by target group they "
            "would tie a person's target group to a date, a company and a job order."
        )
    if min(count, total) < SMALL_COUNT:
        return _(
            "The items behind the figure are not listed: they are fewer than 5, so a "
            "person could be recognised."
        )
    return ""


def items_report(
    title: str,
    subtitle_text: str,
    figure_label: str,
    total: int,
    listing: Listing,
    *,
    by_target_group: bool = False,
) -> Report:
    """A drill-down's items (candidates never named: pass a listing built with no names)
    under their number, which is "<5" when small; only the number, and a note why, when
    the items may not leave (`held_back`)."""
    caption = _("%(items)s: %(total)s") % {"items": figure_label, "total": suppress_small(total)}
    why = held_back(len(listing.rows), total, by_target_group)
    if why:
        return Report(title, subtitle_text, [Table(caption, [], [])], [why, _small_note()])
    numeric = (
        frozenset(i for i, cell in enumerate(listing.rows[0]) if cell.numeric)
        if listing.rows
        else frozenset()
    )
    table = Table(
        caption,
        listing.columns,
        [[_listed(cell.text, cell.numeric) for cell in row] for row in listing.rows],
        numeric=numeric,
    )
    return Report(title, subtitle_text, [table], [_small_note()])


def _listed(text: str, numeric: bool) -> Cell:
    # A listing's figures (a job order's positions) as numbers in the spreadsheet.
    return count_cell(int(text)) if numeric and text.isdigit() else text
