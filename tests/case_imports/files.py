"""Small case-system exports as the tests write them: Danish headers, ";" between columns
(as Danish Excel writes CSV), lists inside a cell quoted."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

HEADER = [
    "Sags-id",
    "CPR",
    "Fornavn",
    "Efternavn",
    "E-mail",
    "Telefon",
    "Kommune",
    "Ledig fra",
    "Samtykke",
    "Målgrupper",
    "Ønskede job",
    "Tidligere job",
    "Uddannelse",
    "Certifikater",
    "Kørekort",
    "Sprog",
]
ANNA = [
    "S-1001",
    "010190-1234",
    "Anna",
    "Hansen",
    "anna@example.dk",
    "20304050",
    "Herlev",
    "01-02-2026",
    "ja",
    "Unge under 30 år",
    "Tømrer",
    "Tømrerlærling (2012-2016)",
    "Tømrer (erhvervsuddannelse, 2016)",
    "Truckcertifikat B",
    "B",
    "dansk C2; engelsk B1",
]
BO = [
    "S-1002",
    "020285-4321",
    "Bo",
    "Jensen",
    "",
    "",
    "Gladsaxe",
    "15.03.2026",
    "nej",
    "",
    "Lagermedarbejder",
    "",
    "",
    "",
    "",
    "dansk C2",
]


def changed(row: list[str], **values: str) -> list[str]:
    """The row with some columns (by Danish header) changed."""
    out = list(row)
    for header, value in values.items():
        out[HEADER.index(header.replace("_", " "))] = value
    return out


def csv_bytes(*rows: list[str], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(*rows: list[str], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
