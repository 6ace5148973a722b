"""The downloadable report: what a user typed is never run by the spreadsheet opening it."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from jobbro.case_imports.models import ImportKind, RunStatus
from jobbro.case_imports.report import report_csv, report_xlsx
from jobbro.case_imports.services import create_run, run_import
from jobbro.tabular import csv_safe

from .files import ANNA, HEADER, csv_bytes

pytestmark = pytest.mark.usefixtures("esco")

EVIL = ['=HYPERLINK("http://evil")', "+1+2", "-3+4", "@SUM(1)"]


def _refused(herlev, consultant):
    header = HEADER + EVIL
    made = create_run(
        job_centre=herlev,
        kind=ImportKind.CANDIDATES,
        filename="x.csv",
        data=csv_bytes(ANNA + [""] * len(EVIL), header=header),
        user=consultant,
        dry_run=True,
    )
    result = run_import(made.pk)
    assert result.status == RunStatus.REFUSED
    return result


def test_the_csv_report_writes_formulas_as_text(herlev, consultant):
    result = _refused(herlev, consultant)
    text = report_csv(result.report).decode("utf-8-sig")
    columns = [row[1] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")]
    for value in EVIL:
        assert "'" + value in columns
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in columns)


def test_the_xlsx_report_stores_formulas_as_text(herlev, consultant):
    result = _refused(herlev, consultant)
    sheet = load_workbook(io.BytesIO(report_xlsx(result.report))).worksheets[0]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value}
    for value in EVIL:
        assert value in cells
        assert cells[value].data_type == "s"
    assert all(c.data_type == "s" for c in cells.values())


def test_a_tab_or_carriage_return_first_is_escaped_too():
    assert csv_safe("\t=1") == "'\t=1"
    assert csv_safe("\r=1") == "'\r=1"
    assert csv_safe("Anna =1") == "Anna =1"


def _issue_rows(result) -> list[tuple[int, str]]:
    return [(i["row"], i["column"]) for i in result.report["issues"]]


def _run(herlev, consultant, data, name):
    made = create_run(
        job_centre=herlev,
        kind=ImportKind.CANDIDATES,
        filename=name,
        data=data,
        user=consultant,
        dry_run=True,
    )
    return run_import(made.pk)


def test_csv_row_numbers_count_empty_lines_and_multiline_cells(herlev, consultant):
    bad = list(ANNA)
    bad[HEADER.index("Kommune")] = "Atlantis"
    bad[HEADER.index("CPR")] = "020290-1234"
    header = ";".join(HEADER)
    first = ";".join(f'"{v}"' for v in ANNA).replace('"Anna"', '"An\nna"')  # lines 3-4
    second = ";".join(f'"{v}"' for v in bad).replace("S-1001", "S-9")
    data = f"{header}\n\n{first}\n\n\n{second}\n"
    result = _run(herlev, consultant, data.encode(), "x.csv")
    assert _issue_rows(result) == [(7, "Kommune")]


def test_xlsx_row_numbers_are_excels(herlev, consultant):
    from .files import xlsx_bytes

    bad = list(ANNA)
    bad[HEADER.index("Kommune")] = "Atlantis"
    result = _run(herlev, consultant, xlsx_bytes([""] * len(HEADER), [""] * 3, bad), "x.xlsx")
    assert _issue_rows(result) == [(4, "Kommune")]


@pytest.mark.parametrize("same", ["Sags-id", "CPR"])
def test_a_duplicate_is_said_when_the_first_row_is_wrong_too(herlev, consultant, same):
    from .files import BO, changed

    first = changed(ANNA, Kommune="Atlantis")
    second = list(BO)
    second[HEADER.index(same)] = ANNA[HEADER.index(same)]
    result = _run(herlev, consultant, csv_bytes(first, second), "x.csv")
    messages = [(i["row"], i["column"], i["message"]) for i in result.report["issues"]]
    assert (2, "Kommune", "Ukendt kommune: Atlantis") in messages
    assert (3, same, "Samme person som i række 2.") in messages


def test_a_cpr_number_excel_stored_as_a_number_gets_its_leading_zero(herlev, consultant):
    from jobbro.candidates.models import Candidate

    from .files import xlsx_bytes

    anna = list(ANNA)
    anna[HEADER.index("CPR")] = 101801239  # 0101801239 as Excel keeps it in a number column
    made = create_run(
        job_centre=herlev,
        kind=ImportKind.CANDIDATES,
        filename="x.xlsx",
        data=xlsx_bytes(anna),
        user=consultant,
        dry_run=False,
    )
    result = run_import(made.pk)
    assert result.status == RunStatus.DONE, result.report["issues"]
    assert Candidate.objects.get(case_id="S-1001").cpr == "0101801239"


def test_a_cpr_number_still_wrong_says_the_zero_may_be_missing(herlev, consultant):
    from .files import xlsx_bytes

    anna = list(ANNA)
    anna[HEADER.index("CPR")] = 991801239  # 0991801239: month 18 does not exist
    result = _run(herlev, consultant, xlsx_bytes(anna), "x.xlsx")
    (issue,) = result.report["issues"]
    assert issue["column"] == "CPR"
    assert "Det foranstillede 0 mangler måske" in issue["message"]
    csv_row = list(ANNA)
    csv_row[HEADER.index("CPR")] = "101801239"
    result = _run(herlev, consultant, csv_bytes(csv_row), "x.csv")
    (issue,) = result.report["issues"]
    assert "Det foranstillede 0 mangler måske" in issue["message"]


def test_the_report_names_the_column_and_use_of_a_waiting_title_in_danish(herlev, consultant):
    from .files import changed

    anna = changed(ANNA, Ønskede_job="Kvantefysiker", Tidligere_job="Kvantefysiker (2010-2020)")
    result = _run(herlev, consultant, csv_bytes(anna), "x.csv")
    assert result.status == RunStatus.DONE, result.report["issues"]
    text = report_csv(result.report).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    waiting = [(r[1], r[2]) for r in rows if "Kvantefysiker" in r[2]]
    assert waiting == [
        (
            "Ønskede job",
            "Venter på, at en person vælger stillingsbetegnelsen (ønsket job): Kvantefysiker",
        ),
        (
            "Tidligere job",
            "Venter på, at en person vælger stillingsbetegnelsen (tidligere job): Kvantefysiker",
        ),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31-02-2025", "Datoen findes ikke: 31-02-2025"),
        ("2025-02-30", "Datoen findes ikke: 2025-02-30"),
        ("1. marts", "Datoen kan ikke læses: 1. marts"),
    ],
)
def test_a_date_that_does_not_exist_is_said_so(herlev, consultant, value, message):
    from .files import changed

    result = _run(herlev, consultant, csv_bytes(changed(ANNA, Ledig_fra=value)), "x.csv")
    (issue,) = result.report["issues"]
    assert issue["column"] == "Ledig fra"
    assert issue["message"].startswith(message)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.mark.parametrize("data", [PNG, b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n\x00\x01\x02" * 20])
def test_a_binary_file_named_csv_is_refused_with_one_message(herlev, consultant, data):
    result = _run(herlev, consultant, data, "borgere.csv")
    assert result.status == RunStatus.REFUSED
    (issue,) = result.report["issues"]
    assert issue["message"].startswith("Filen er ikke en CSV- eller Excel-fil (.xlsx)")


def test_a_windows_1252_csv_is_still_read(herlev, consultant):
    result = _run(herlev, consultant, csv_bytes(ANNA).decode().encode("cp1252"), "x.csv")
    assert result.status == RunStatus.DONE, result.report["issues"]


@pytest.mark.parametrize(
    ("consent", "given", "column", "message"),
    [
        ("ja", "01-01-2999", "Samtykke givet", "Samtykke kan ikke være givet i fremtiden"),
        ("ja", "01-01-1980", "Samtykke givet", "Samtykke kan ikke være givet, før personen"),
        ("01-01-2999", "", "Samtykke", "Samtykke kan ikke være givet i fremtiden"),
    ],
)
def test_an_implausible_consent_date_is_refused(
    herlev, consultant, consent, given, column, message
):
    header = [*HEADER, "Samtykke givet"]
    anna = [*ANNA, given]  # born 01-01-1990
    anna[HEADER.index("Samtykke")] = consent
    result = _run(herlev, consultant, csv_bytes(anna, header=header), "x.csv")
    assert result.status == RunStatus.REFUSED
    (issue,) = result.report["issues"]
    assert issue["column"] == column
    assert issue["message"].startswith(message)
