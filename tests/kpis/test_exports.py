"""The dashboard and a drill-down leave as .xlsx and PDF: small counts "<5", no candidate
named, nothing logged as read; the same readers as the pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import TargetGroup
from jobbro.joborders.models import Placement
from jobbro.organisations.models import Role
from tests.candidates.pdf_pages import text_of
from tests.factories import CandidateFactory, staff
from tests.kpis.conftest import hire, local

pytestmark = pytest.mark.django_db

QUARTER = {"kind": "quarter", "day": "2027-02-15"}


def _rows(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[list[str]], first: str) -> list[str]:
    return next(row for row in rows if row and row[0] == first)


def test_the_dashboard_as_xlsx_shows_small_counts_as_under_five(world, client_for):
    client = client_for(staff(Role.STEERING_GROUP, world.herlev))
    query = {**QUARTER, "figure": "hires", "split": "job_centre", "export": "xlsx"}
    response = client.get(reverse("kpis:dashboard"), query)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('noegletal-2027-01-01-2027-03-31.xlsx"')
    rows = _rows(response.content)
    assert rows[0] == ["Nøgletal"]
    # Counts are numbers Excel sums; "<5" stays text.
    assert _row(rows, "Modtagne stillinger") == ["Modtagne stillinger", 7, 5]
    assert _row(rows, "Ansættelser") == ["Ansættelser", "<5", 0]
    assert _row(rows, "Besættelsesgrad")[1] == "<5"  # 3 of 7: built on a small count
    assert ["Ansættelser fordelt på jobcenter"] in rows
    assert _row(rows, "Jobcenter Herlev") == ["Jobcenter Herlev", "<5", 0]
    assert _row(rows, "I alt") == ["I alt", "<5", 0]  # the split's total, as on the page
    # A share is its fraction in a percent format (0 of 5 before: 0 %).
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    fill = next(r for r in sheet.iter_rows() if r[0].value == "Besættelsesgrad")
    assert (fill[2].value, fill[2].data_type, fill[2].number_format) == (0, "n", "0%")
    # Time to fill: two rows, the median and the 90th percentile, each its own number.
    assert _row(rows, "Tid til besættelse (dage), median")[1] == "<5"
    assert _row(rows, "Tid til besættelse (dage), 90. percentil")[1] == "<5"


def test_figures_are_numeric_cells_and_small_counts_stay_text():
    """The spreadsheet sums and charts the figures: a count an integer, a share its fraction
    shown as a percentage, an average a decimal; "<5" and "–" are text."""
    from django.utils import translation

    from jobbro.kpis.measures import Average, Count, Durations, Share, export_cell, export_p90
    from jobbro.reports import Report, Table, as_xlsx

    with translation.override("da"):
        cells = [
            export_cell(Count(120)),
            export_cell(Share(14, 15)),
            export_cell(Average(4.25, 20)),
            export_cell(Durations(12.5, 30, 9)),
            export_p90(Durations(12.5, 30, 9)),
            export_cell(Count(3)),
            export_cell(Share(3, 15)),
            export_cell(None),
        ]
        assert [str(c) for c in cells] == ["120", "93 %", "4,2", "12,5", "30", "<5", "<5", "–"]
        book = as_xlsx(Report("T", "S", [Table("C", ["a"] * 8, [cells])]))
    sheet = load_workbook(io.BytesIO(book)).active
    assert sheet is not None
    row = next(r for r in sheet.iter_rows() if r[0].value == 120)
    assert [(c.value, c.data_type, c.number_format) for c in row] == [
        (120, "n", "0"),
        (pytest.approx(14 / 15), "n", "0%"),
        (4.2, "n", "0.0"),
        (12.5, "n", "0.0"),
        (30, "n", "0"),
        ("<5", "s", "General"),
        ("<5", "s", "General"),
        ("–", "s", "General"),
    ]


@pytest.mark.pdf
def test_the_dashboard_as_pdf_in_english(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    client.cookies["django_language"] = "en"
    response = client.get(reverse("kpis:dashboard"), {**QUARTER, "export": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    assert "Key figures" in text and "Positions received" in text and "<5" in text
    # The note says what the cells show: shares, averages and medians on a small count are "<5" too.
    assert "not at all" not in text
    assert "and so are shares, averages and medians built on them" in text


def test_the_note_in_danish_says_what_the_cells_show(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    rows = _rows(client.get(reverse("kpis:dashboard"), {**QUARTER, "export": "xlsx"}).content)
    note = next(row[0] for row in rows if row and str(row[0]).startswith("Antal fra 1 til 4"))
    assert "slet ikke" not in note
    assert "og det samme gør andele, gennemsnit og medianer bygget på dem" in note


def test_a_drill_down_leaves_without_names_and_nothing_is_logged(world, client_for):
    user = staff(Role.SECRETARIAT, world.herlev)  # who sees the names on the page
    response = client_for(user).get(
        reverse("kpis:items", args=["hires"]), {**QUARTER, "export": "xlsx"}
    )
    rows = _rows(response.content)
    assert rows[0] == ["Ansættelser"]
    assert ["Ansættelser: <5"] in rows
    cells = " ".join(" ".join(row) for row in rows)
    for candidate in (world.c1, world.c2, world.c5):
        assert candidate.full_name not in cells
    assert not AccessLogEntry.objects.filter(user=user).exists()


def _two_more_hires(world):
    # Five hires in the quarter: enough to list, unless by target group.
    for day in (20, 21):
        candidate = CandidateFactory(job_centre=world.herlev, birth_date=dt.date(1970, 1, 1))
        hire(world.o3, candidate, local(2027, 2, 1), dt.date(2027, 2, day))


def test_a_drill_down_of_five_or_more_lists_them_without_names(world, client_for):
    _two_more_hires(world)
    user = staff(Role.SECRETARIAT, world.herlev)  # who sees the names on the page
    response = client_for(user).get(
        reverse("kpis:items", args=["hires"]), {**QUARTER, "export": "xlsx"}
    )
    rows = _rows(response.content)
    assert ["Ansættelser: 5"] in rows
    cells = " ".join(" ".join(str(c) for c in row) for row in rows)
    assert world.o1.title in cells
    assert cells.count("En kandidat i") == 5
    assert world.c1.full_name not in cells
    assert "ikke listet" not in cells


def test_a_small_drill_down_leaves_with_its_figure_only(world, client_for):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    url = reverse("kpis:items", args=["hires"])
    rows = _rows(client.get(url, {**QUARTER, "export": "xlsx"}).content)
    assert ["Ansættelser: <5"] in rows
    cells = " ".join(" ".join(str(c) for c in row) for row in rows)
    assert world.o1.title not in cells and "En kandidat i" not in cells
    assert world.a.name not in cells
    assert "færre end 5" in cells
    client.cookies["django_language"] = "en"
    text = text_of(client.get(url, {**QUARTER, "export": "pdf"}).content)
    assert "Hires: <5" in text
    assert world.o1.title not in text and "A candidate at" not in text
    assert "fewer than 5" in text
    # The page itself, inside the cooperation, still lists them.
    page = client.get(url, QUARTER).content.decode()
    assert world.o1.title in page


def test_a_drill_down_by_target_group_leaves_with_its_figure_only(world, client_for):
    _two_more_hires(world)
    senior = TargetGroup.objects.get(code="senior")
    for placement in Placement.objects.all():  # five seniors: many enough, yet a mark
        placement.referral.candidate.target_groups.add(senior)
    client = client_for(staff(Role.MANAGER, world.herlev))
    url = reverse("kpis:items", args=["hires"])
    query = {**QUARTER, "by": "target_group", "group": "senior"}
    for fmt in ("xlsx", "pdf"):
        content = client.get(url, {**query, "export": fmt}).content
        text = (
            " ".join(" ".join(str(c) for c in row) for row in _rows(content))
            if fmt == "xlsx"
            else text_of(content)
        )
        assert "Ansættelser: 5" in text, fmt
        assert world.o1.title not in text and world.o3.title not in text, fmt
        assert "En kandidat i" not in text and world.a.name not in text
        assert "målgruppe" in text


def test_consultants_export_nothing(world, client_for):
    client = client_for(staff(Role.JOB_CONSULTANT, world.herlev))
    for url in (reverse("kpis:dashboard"), reverse("kpis:items", args=["hires"])):
        assert client.get(url, {**QUARTER, "export": "xlsx"}).status_code == 403


def test_the_positions_drill_down_gives_its_figure_by_its_own_name(world, client_for):
    client = client_for(staff(Role.MANAGER, world.herlev))
    response = client.get(reverse("kpis:items", args=["positions"]), {**QUARTER, "export": "xlsx"})
    captions = [row[0] for row in _rows(response.content) if row and ": " in str(row[0])]
    assert any(str(caption).startswith("Modtagne stillinger: ") for caption in captions)
    assert not any(str(caption).startswith("Jobordrer: ") for caption in captions)
