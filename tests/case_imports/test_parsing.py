"""Reading the cells and the files: dates, lists, titles with years, languages, headers."""

from __future__ import annotations

import datetime as dt

import pytest

from jobbro.case_imports.columns import CANDIDATE_COLUMNS, column_lookup, header_key
from jobbro.case_imports.reading import UnreadableFile, read_table
from jobbro.case_imports.values import (
    DatedTitle,
    parse_date,
    parse_dated_title,
    parse_language,
    parse_parenthesis,
    split_list,
)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("01-02-2026", dt.date(2026, 2, 1)),
        ("01.02.2026", dt.date(2026, 2, 1)),
        ("01/02/2026", dt.date(2026, 2, 1)),
        ("2026-02-01", dt.date(2026, 2, 1)),
        ("2026-02-01T00:00:00", dt.date(2026, 2, 1)),
        ("31-02-2026", None),
        ("1. februar 2026", None),
        ("", None),
    ],
)
def test_dates(text, date):
    assert parse_date(text) == date


def test_lists_split_on_semicolons():
    assert split_list("dansk C2; engelsk B1;;") == ["dansk C2", "engelsk B1"]
    assert split_list("Souschef, køkken") == ["Souschef, køkken"]
    assert split_list("  ") == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Lagermedarbejder (2015-2019)", DatedTitle("Lagermedarbejder", 2015, 2019)),
        ("Kok (2019-)", DatedTitle("Kok", 2019, None, ongoing=True)),
        ("Kok (2019–2021)", DatedTitle("Kok", 2019, 2021)),
        ("Tømrer (2018)", DatedTitle("Tømrer", 2018, 2018)),
        ("Souschef, køkken (2010-2012)", DatedTitle("Souschef, køkken", 2010, 2012)),
        ("Pædagog", DatedTitle("Pædagog", None, None)),
        ("Kok (2021-2019)", None),
        ("Kok (19-21)", None),
    ],
)
def test_titles_with_years(text, title):
    assert parse_dated_title(text) == title


def test_education_and_languages():
    assert parse_parenthesis("Tømrer (erhvervsuddannelse, 2012)") == (
        "Tømrer",
        ["erhvervsuddannelse", "2012"],
    )
    assert parse_language("dansk C2") == ("dansk", "C2")
    assert parse_language("engelsk: b1") == ("engelsk", "B1")
    assert parse_language("English (B2)") == ("English", "B2")
    assert parse_language("dansk") is None


def test_danish_headers_and_english_aliases():
    lookup = column_lookup(CANDIDATE_COLUMNS)
    assert lookup[header_key("Sags-id")].key == "case_id"
    assert lookup[header_key("SAGS ID")].key == "case_id"
    assert lookup[header_key("Case ID")].key == "case_id"
    assert lookup[header_key("Ønskede job")].key == "wished"
    assert lookup[header_key("Wished occupations")].key == "wished"
    assert lookup[header_key("Kørekort")].key == "licences"
    assert header_key("Ledig_fra") == header_key("ledig fra")


def test_csv_separators_and_encodings():
    semicolon = b'Sags-id;Sprog\nS-1;"dansk C2; engelsk B1"\n\n'
    assert read_table("a.csv", semicolon).rows == [["S-1", "dansk C2; engelsk B1"]]
    comma = "Sags-id,Fornavn\r\nS-1,Søren\r\n".encode("cp1252")
    assert read_table("a.csv", comma).rows == [["S-1", "Søren"]]
    bom = "\ufeffSags-id\tFornavn\nS-1\tÅse\n".encode()
    table = read_table("a.csv", bom)
    assert (table.headers, table.rows) == (["Sags-id", "Fornavn"], [["S-1", "Åse"]])


def test_an_empty_or_broken_file():
    with pytest.raises(UnreadableFile):
        read_table("a.csv", b"\n\n")
    with pytest.raises(UnreadableFile):
        read_table("a.xlsx", b"PK not really a workbook")
