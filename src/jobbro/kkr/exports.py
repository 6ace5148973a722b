"""The year's overview as a report to download (.xlsx or PDF): per area a matrix of the
status words, then the remarks, so the matrix stays narrow enough for A4 landscape."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation
from jobbro.reports import Report, Table

from .selectors import Overview


def overview_report(cooperation: Cooperation, matrix: Overview) -> Report:
    names = [m.name for m in matrix.municipalities]
    tables = [
        Table(
            caption=area,
            columns=[_("No."), _("Recommendation"), _("MUST/MAY"), *names],
            rows=[
                [
                    row.recommendation.number,
                    row.recommendation.text,
                    row.recommendation.obligation_mark,
                    *(
                        capfirst(a.get_status_display()) if a else "–"
                        for _municipality, a in row.cells
                    ),
                ]
                for row in rows
            ],
        )
        for area, rows in matrix.areas
    ]
    remarks = [
        [row.recommendation.number, m.name, capfirst(a.get_status_display()), a.remark]
        for row in matrix.rows
        for m, a in row.cells
        if a and a.remark
    ]
    if remarks:
        tables.append(
            Table(
                caption=_("Remarks"),
                columns=[_("No."), _("Municipality"), _("Status"), _("Remark")],
                rows=remarks,
            )
        )
    return Report(
        title=_("KKR progress scheme %(year)d") % {"year": matrix.year},
        subtitle=cooperation.name,
        tables=tables,
        notes=[
            _(
                "MUST (SKAL): every municipality that joined the recommendations must follow "
                "it. MAY (KAN): voluntary. Green: in place; yellow: begun, not in place; red: "
                "not begun. –: not reported."
            )
        ],
    )
