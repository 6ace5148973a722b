"""Reading a case system's export: CSV (comma, semicolon or tab separated, UTF-8 or
Windows-1252) or Excel (.xlsx), the first sheet, the first row the headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class UnreadableFile(ValueError):
    """The file is not a CSV or xlsx file this can read; the message says why, translated."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # each as long as the headers, cells stripped
    lines: list[int] = field(default_factory=list)  # each row's number as the file shows it
    # (row index, column index) of the cells an Excel sheet stored as a number, not as text
    numeric: set[tuple[int, int]] = field(default_factory=set)

    def numbered(self) -> list[tuple[int, list[str]]]:
        """(the row's number in the file: CSV line or Excel row, cells) for every row."""
        lines = self.lines or list(range(2, len(self.rows) + 2))
        return list(zip(lines, self.rows, strict=True))


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


# Not in text: \v, \f and the DOS end-of-file mark (\x1a) may be in an old export.
_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\n", "\r", "\v", "\f", "\x1a"}


def _decode(data: bytes) -> str:
    """UTF-8 or Windows-1252 text; a binary file (an image, a PDF, an old .xls) is refused
    with one message rather than read as columns of noise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > len(text) // 100:
            text = "\x00"  # mostly undecodable: not text
    if "\x00" in text or any(c in _CONTROL for c in text[:4096]):
        raise UnreadableFile(
            _(
                "The file is not a CSV or Excel (.xlsx) file: it holds binary content. "
                "Export the list from the case system as CSV or Excel and upload that."
            )
        )
    return text


Cells = tuple[int, list[str], set[int]]  # line, cells, the columns stored as numbers


def _csv_rows(data: bytes) -> Iterator[Cells]:
    """(the line the record starts on, its cells): a quoted cell may span lines."""
    text = _decode(data)
    first = text.split("\n", 1)[0]
    # The separator the header line uses most: Danish Excel writes ";" between columns.
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for row in reader:
        yield line, [c.strip() for c in row], set()
        line = reader.line_num + 1


def _xlsx_rows(data: bytes) -> Iterator[Cells]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors alike
        raise UnreadableFile(
            _("The file is not an Excel workbook (.xlsx) that can be read.")
        ) from error
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            numeric = {
                i for i, v in enumerate(values) if isinstance(v, (int, float)) and v is not True
            }
            yield number, [_cell(v) for v in values], numeric
    finally:
        book.close()


def is_xlsx(filename: str, data: bytes) -> bool:
    return filename.lower().endswith(".xlsx") or data[:2] == b"PK"


def read_table(filename: str, data: bytes) -> Table:
    rows_in = _xlsx_rows(data) if is_xlsx(filename, data) else _csv_rows(data)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    numeric: set[tuple[int, int]] = set()
    for line, row, numbers in rows_in:
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
        numeric.update((len(lines), column) for column in numbers)
        lines.append(line)
    if headers is None:
        raise UnreadableFile(_("The file is empty: the first row must name the columns."))
    return Table(headers=headers, rows=rows, lines=lines, numeric=numeric)
