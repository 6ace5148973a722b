"""Reports that leave the cooperation: one shape, written as .xlsx or PDF.

A page builds a `Report` from what it shows: a title, a line saying which period and which
job centres it covers, and its tables. A cell is text, or a `Number`: a figure the
spreadsheet stores as a number (a count as an integer, a share as a fraction shown as a
percentage) so that Excel sums and charts it, with the text the PDF shows. The page decides
what is shown, so counts under 5 become the text "<5" there (`kpis.measures.export_cell`),
before anything here sees them; this module only lays the cells out. Text is stored as
text, so nothing a user typed runs as a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import pdf

Format = Literal["xlsx", "pdf"]
FORMATS: tuple[Format, ...] = ("xlsx", "pdf")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Number:
    """A figure as a number: `value` in the spreadsheet, under its Excel `format` ("0",
    "0.0", "0%": a share's value is the fraction, 0.93); `text` in the PDF, as the page
    writes it ("93 %", "3,4")."""

    value: int | float
    text: str
    format: str = "0"

    def __str__(self) -> str:
        return self.text


COUNT_FORMAT = "0"
DECIMAL_FORMAT = "0.0"
PERCENT_FORMAT = "0%"

Cell = str | Number


def count_cell(n: int) -> Number:
    return Number(n, str(n), COUNT_FORMAT)


@dataclass(frozen=True)
class Table:
    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    # Columns (by index) holding figures: right-aligned in the PDF.
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    tables: Sequence[Table]
    notes: Sequence[str] = field(default_factory=tuple)


EXPORT_PARAMETER = "export"


def requested_format(request: HttpRequest) -> Format | None:
    """The format a page's export link asks for (`?export=xlsx`), None for the page."""
    wanted = request.GET.get(EXPORT_PARAMETER)
    return next((fmt for fmt in FORMATS if fmt == wanted), None)


def export_links(request: HttpRequest) -> dict[str, str]:
    """The page's own address with its filters, once per format: for the export buttons
    (templates/includes/report_exports.html)."""
    query = request.GET.copy()
    links: dict[str, str] = {}
    for fmt in FORMATS:
        query[EXPORT_PARAMETER] = fmt
        links[fmt] = f"{request.path}?{query.urlencode()}"
    return links


def as_xlsx(report: Report) -> bytes:
    """One sheet: the title, the subtitle, then each table under its caption, then the
    notes. A `Number` is a numeric cell in its format, any other cell text; the header rows
    are bold and the columns sized to fit."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(report.title)
    widths: dict[int, int] = {}
    row = 0

    def put(values: Sequence[Cell], *, bold: bool = False, sized: bool = True) -> None:
        nonlocal row
        row += 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, Number):
                cell.value = value.value
                cell.number_format = value.format
            else:
                cell.value = str(value)
                cell.data_type = TYPE_STRING  # after the value: "=…" would make it a formula
            if bold:
                cell.font = Font(bold=True)
            if sized:  # the title, captions and notes may run over the columns
                widths[column] = max(widths.get(column, 0), len(str(value)))

    put([report.title], bold=True, sized=False)
    put([report.subtitle], sized=False)
    for table in report.tables:
        row += 1
        put([table.caption], bold=True, sized=False)
        put(list(table.columns), bold=True)
        for values in table.rows:
            put(list(values))
    if report.notes:
        row += 1
        for note in report.notes:
            put([note], sized=False)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    # Excel refuses []:*?/\ in a sheet's name and more than 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Report"


def as_pdf(report: Report) -> bytes:
    """The report as an A4 landscape PDF in the active language."""
    language = translation.get_language() or "da"
    html = render_to_string(
        "reports/report_pdf.html",
        {"report": report, "language": language, "printed": timezone.localtime()},
    )
    return pdf.html_to_pdf(html)


def report_response(report: Report, fmt: Format, filename: str) -> HttpResponse:
    """The report as a download named `filename` plus the format's extension."""
    if fmt == "pdf":
        response = HttpResponse(as_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(as_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_safe_name(filename)}.{fmt}"'
    response["Cache-Control"] = "no-store"  # drill-downs may name persons
    return response


def _safe_name(filename: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-") or "report"
