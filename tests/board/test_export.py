"""The board leaves as .xlsx and PDF: the page's sections, counts under 5 as "<5"."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobbro.organisations.models import Role
from tests.candidates.pdf_pages import text_of
from tests.factories import staff

pytestmark = pytest.mark.django_db


# The week's figures that count no people, and so stay exact.
NOT_PEOPLE = {"kommende arrangementer", "stillingstyper svære at besætte", "jobordrer står stille"}


def rows_of(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[c.value for c in row if c.value is not None] for row in sheet.iter_rows()]
    return [row for row in rows if row]


def test_the_week_as_a_spreadsheet_with_small_counts_hidden(world, client_for):
    client = client_for(staff(Role.BUSINESS_CONSULTANT, world.herlev))
    response = client.get(reverse("board:board"), {"week": "2026-W10", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tavlemoede-2026-W10.xlsx"'
    rows = rows_of(response.content)
    assert rows[0] == ["Tavlemøde, uge 10 2026"]
    assert rows[1][0].startswith("Hovedstadens Rekrutteringsservice, 02.03.2026 til 08.03.2026")
    assert rows[1][0].endswith("09.03.2026 00:00")  # the week's end in Danish time, not UTC
    assert ["nye stillinger", "<5"] in rows  # 4 positions
    # Job orders, events and occupations are no people: their counts stay exact.
    assert ["jobordrer står stille", 4] in rows
    # o1: 3 positions, 37 hours; the hours are no count and stay, as a number.
    assert ["Byg A/S", "Tømrer til metrobyggeri", "tømrer", "Ordinært job", "<5", 37,
            "20.03.2026", "Jobcenter Herlev"] in rows  # fmt: skip
    # Carpenter: 2 orders, 4 positions, 3 filled, 75 % of fewer than five, median of 3 hires.
    assert ["tømrer", "<5", "<5", "<5", "<5", "<5"] in rows
    # historic: 21 days waiting; days describe the order and stay exact.
    assert ["Rent ApS", "Tømrer til metrobyggeri", "<5", "31.03.2026", "–", "–", "<5", 21,
            "Jobcenter Gladsaxe"] in rows  # fmt: skip
    assert not any("Nord A/S" in str(cell) for row in rows for cell in row)
    people = [row for row in rows if row[0] not in NOT_PEOPLE]
    assert all(cell not in ("1", "3", 1, 3) for row in people for cell in row)


def test_in_english_for_one_job_centre(world, client_for):
    client = client_for(staff(Role.MANAGER, world.gladsaxe))
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("board:board"),
        {"week": "2026-W10", "job_centre": world.gladsaxe.pk, "export": "xlsx"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Disposition"] == 'attachment; filename="board-meeting-2026-W10.xlsx"'
    rows = rows_of(response.content)
    assert rows[0] == ["Board meeting, week 10 2026"]
    assert rows[1][0].startswith("Jobcenter Gladsaxe")
    assert ["Stuck job orders"] in rows


def test_a_bad_week_exports_nothing(world, client_for):
    client = client_for(staff(Role.SECRETARIAT, world.herlev))
    response = client.get(reverse("board:board"), {"week": "2026-W99", "export": "pdf"})
    assert response["Content-Type"].startswith("text/html")
    assert "Det år har ikke den uge." in response.content.decode()


@pytest.mark.pdf
def test_the_week_as_a_pdf(world, client_for):
    client = client_for(staff(Role.TEAM_LEADER, world.herlev))
    response = client.get(reverse("board:board"), {"week": "2026-W10", "export": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = text_of(response.content)
    for expected in ("Tavlemøde, uge 10 2026", "Svære at besætte", "rengøringsassistent", "<5"):
        assert expected in text
    assert "Nord A/S" not in text


def test_the_export_lists_the_longest_stuck_as_the_page_does(world, client_for, monkeypatch):
    monkeypatch.setattr("jobbro.board.selectors.STUCK_LISTED", 2)
    client = client_for(staff(Role.MANAGER, world.herlev))
    response = client.get(reverse("board:board"), {"week": "2026-W10", "export": "xlsx"})
    rows = rows_of(response.content)
    assert sum(1 for row in rows if "Tømrer til metrobyggeri" in row and 21 in row) == 1
    assert any(
        "De 2, der har stået længst fast, af 4 er vist" in str(cell) for row in rows for cell in row
    )
