"""The targets' progress as a report that may leave the cooperation (.xlsx or PDF): the
target, the figure so far and how far towards the target as numbers the spreadsheet can
sum; counts under 5, and anything built on them, the text "<5" (`measures.export_cell`)."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation
from jobbro.reports import COUNT_FORMAT, DECIMAL_FORMAT, PERCENT_FORMAT, Cell, Number, Report, Table

from .measures import SUPPRESSED, export_cell
from .targets import Measure, Progress, TargetProgress
from .templatetags.kpi_targets import goal_text


def _goal(progress: Progress, measure: Measure) -> Cell:
    """The target as a number: a share's percentage as its fraction, so that it reads as
    45 % in the spreadsheet as on the page ("at most 20 days" is 20: the note says so)."""
    goal = progress.target
    if goal is None:
        return "–"
    text = goal_text(goal, measure)
    value = float(goal)
    whole = value % 1 == 0
    if measure is Measure.PERCENT:
        return Number(value / 100, text, PERCENT_FORMAT if whole else "0.0%")
    return Number(int(value) if whole else value, text, COUNT_FORMAT if whole else DECIMAL_FORMAT)


def _row(label: str, progress: Progress, item: TargetProgress) -> list[Cell]:
    found = progress.figure
    small = found is not None and found.small
    towards: Cell
    if progress.target is None:
        towards = "–"
        status = ""
    else:
        # The share of the target would give a small count away. Past the target the
        # true share (150 %), as on the page.
        towards = (
            SUPPRESSED
            if small
            else Number(progress.reached / 100, f"{progress.reached} %", PERCENT_FORMAT)
        )
        status = progress.status_label
    return [
        label,
        _goal(progress, item.measure),
        export_cell(found),  # time to fill: its median, which the target is set for
        towards,
        status,
    ]


def targets_report(cooperation: Cooperation, items: list[TargetProgress], day: dt.date) -> Report:
    columns = [_("Job centre"), _("Target"), _("So far"), _("Towards the target"), _("Status")]
    tables = []
    for item in items:
        narrowed = item.scope
        caption = _("%(figure)s, %(start)s – %(end)s (%(percent)s %% of the period passed)") % {
            "figure": f"{item.kpi_label}{f' – {narrowed}' if narrowed else ''}",
            "start": date_format(item.period.start, "SHORT_DATE_FORMAT"),
            "end": date_format(item.period.end, "SHORT_DATE_FORMAT"),
            "percent": item.elapsed_percent,
        }
        rows = [_row(cooperation.name, item.total, item)]
        for centre in item.centres:
            label = centre.job_centre.name if centre.job_centre else _("The secretariat")
            rows.append(_row(label, centre.progress, item))
        tables.append(Table(caption, columns, rows, numeric=frozenset({1, 2, 3})))
    return Report(
        title=_("Targets of %(name)s") % {"name": cooperation.name},
        subtitle=_("Progress as on %(day)s.") % {"day": date_format(day, "SHORT_DATE_FORMAT")},
        tables=tables,
        notes=[
            _(
                "So far: the key figure from the first day of the target's period up to the "
                "day above. Counts from 1 to 4, and shares, averages and medians built on "
                "them, are "
                "shown as “<5”. Time to fill: the median in days; its target is reached at "
                "or below it."
            )
        ],
    )
