"""Reading a case system's export: CSV (comma, semicolon or tab separated, UTF-8 or
Windows-1252) or Excel (.xlsx), the first sheet, the first row the headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _


class UnreadableFile(ValueError):
    """The file is not a CSV or xlsx file this can read; the message says why, translated."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # each as long as the headers, cells stripped


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    # The separator the header line uses most: Danish Excel writes ";" between columns.
    delimiter = max((",", ";", "\t"), key=first.count)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [c.strip() for c in row]


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors alike
        raise UnreadableFile(
            _("The file is not an Excel workbook (.xlsx) that can be read.")
        ) from error
    try:
        sheet = book.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell(v) for v in values]
    finally:
        book.close()


def is_xlsx(filename: str, data: bytes) -> bool:
    return filename.lower().endswith(".xlsx") or data[:2] == b"PK"


def read_table(filename: str, data: bytes) -> Table:
    rows_in = _xlsx_rows(data) if is_xlsx(filename, data) else _csv_rows(data)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    for row in rows_in:
        if headers is None:
            if not any(row):
                continue
            while row and not row[-1]:
                row = row[:-1]
            headers = row
            continue
        if not any(row):
            continue  # blank lines, trailing empty rows of a sheet
        if len(row) < len(headers):
            row = row + [""] * (len(headers) - len(row))
        rows.append(row[: len(headers)] if not any(row[len(headers) :]) else row)
    if headers is None:
        raise UnreadableFile(_("The file is empty: the first row must name the columns."))
    return Table(headers=headers, rows=rows)
