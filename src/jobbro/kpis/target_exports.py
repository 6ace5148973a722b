"""The targets' progress as a report that may leave the cooperation (.xlsx or PDF): counts
under 5, and anything built on them, shown as "<5" (`measures.export_text`)."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation
from jobbro.reports import Report, Table

from .measures import SUPPRESSED, export_text
from .targets import Progress, TargetProgress
from .templatetags.kpi_targets import goal_text


def _row(label: str, progress: Progress, item: TargetProgress) -> list[str]:
    found = progress.figure
    small = found is not None and found.small
    if progress.target is None:
        towards = "–"
        status = ""
    else:
        # The share of the target would give a small count away.
        towards = SUPPRESSED if small else f"{progress.bar} %"
        status = progress.status_label
    return [
        label,
        goal_text(progress.target, item.measure),
        export_text(found),
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
                "day above. Counts from 1 to 4, and shares and medians built on them, are "
                "shown as “<5”. Time to fill: median / 90th percentile in days; its target "
                "is reached at or below it."
            )
        ],
    )
