"""A report written as .xlsx and PDF: every cell the page's text, nothing run as a formula."""

from __future__ import annotations

import io

import pytest
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook

from jobbro import reports
from tests.candidates.pdf_pages import text_of

REPORT = reports.Report(
    title="Nøgletal: 1. kvartal 2026",
    subtitle="Jobcenter Herlev og Jobcenter Gladsaxe, 01-01-2026 – 31-03-2026",
    tables=[
        reports.Table(
            caption="Job og stillinger",
            columns=["Nøgletal", "Periode", "Før"],
            rows=[["Stillinger modtaget", "52", "<5"], ['=HYPERLINK("x")', "+1", "-2"]],
            numeric=frozenset({1, 2}),
        )
    ],
    notes=["<5: færre end fem, skjult af hensyn til borgerne."],
)


def test_xlsx_holds_every_cell_as_text_in_order() -> None:
    book = load_workbook(io.BytesIO(reports.as_xlsx(REPORT)))
    sheet = book.active
    values = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    values = [row for row in values if row]
    assert values == [
        ["Nøgletal: 1. kvartal 2026"],
        ["Jobcenter Herlev og Jobcenter Gladsaxe, 01-01-2026 – 31-03-2026"],
        ["Job og stillinger"],
        ["Nøgletal", "Periode", "Før"],
        ["Stillinger modtaget", "52", "<5"],
        ['=HYPERLINK("x")', "+1", "-2"],
        ["<5: færre end fem, skjult af hensyn til borgerne."],
    ]
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value)
    assert sheet.title == "Nøgletal  1. kvartal 2026"  # ":" is not allowed in a sheet name


@pytest.mark.pdf
def test_pdf_shows_title_tables_and_notes_in_the_active_language() -> None:
    with translation.override("en"):
        text = text_of(reports.as_pdf(REPORT))
    for expected in ("Nøgletal: 1. kvartal 2026", "Stillinger modtaget", "<5", "Printed"):
        assert expected in text


def test_export_links_keep_the_filters_and_the_response_is_a_download() -> None:
    request = RequestFactory().get("/kpis/", {"kind": "quarter", "export": "pdf"})
    assert reports.requested_format(request) == "pdf"
    links = reports.export_links(request)
    assert links["xlsx"] == "/kpis/?kind=quarter&export=xlsx"
    assert reports.requested_format(RequestFactory().get("/kpis/", {"export": "doc"})) is None

    response = reports.report_response(REPORT, "xlsx", "nøgletal 2026/Q1")
    assert response["Content-Type"] == reports.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="n-gletal-2026-Q1.xlsx"'
    assert response["Cache-Control"] == "no-store"
