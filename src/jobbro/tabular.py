"""Tabular files: reading the reference data every app ships as CSV in its `data/`, and
writing exports (CSV, .xlsx) a spreadsheet opens safely."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def read_csv(path: Path) -> list[dict[str, str]]:
    """Every row of a UTF-8 CSV file with a header line, as dictionaries."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- writing: spreadsheets must never run what a user typed (OWASP "CSV injection") ------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """A cell for a CSV file a spreadsheet may open: a value starting like a formula gets a
    leading apostrophe, so Excel and LibreOffice show it as text instead of running it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv_rows(writer: Any, rows: Iterable[Sequence[str]]) -> None:
    """Every row through `csv_safe`, to a `csv.writer`."""
    for row in rows:
        writer.writerow([csv_safe(str(value)) for value in row])


def xlsx_bytes(title: str, rows: Iterable[Sequence[str]]) -> bytes:
    """An .xlsx workbook of one sheet, every cell stored as text (never as a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = str(value)
            cell.data_type = TYPE_STRING  # set after the value: "=…" would make it a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
