"""A job consultant imports the case system's export from the page, in Danish.

Jobcenter Herlev's job consultant opens Kandidater → Import, uploads a small CSV as the case
system writes it (semicolons, Danish headers, a quoted list of languages), reads the dry
run's report (two to be created, nothing written yet), imports it, sees the progress finish
and finds the new candidate in the candidate list. A broken file (an unknown municipality, an
impossible CPR number) is refused whole with a report that names row, column and problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.candidates.models import Candidate
from jobbro.case_imports.models import ImportRun
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Language
from tests.factories import JobCentreFactory, MunicipalityFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADER = "Sags-id;CPR;Fornavn;Efternavn;E-mail;Kommune;Ledig fra;Samtykke;Sprog"
GOOD = [
    HEADER,
    'S-1;010190-1234;Anna;Hansen;anna@example.dk;Herlev;01-02-2026;ja;"dansk C2; engelsk B1"',
    "S-2;020285-4321;Bo;Jensen;;Herlev;15.03.2026;nej;dansk C2",
]
BROKEN = [
    HEADER,
    "S-1;010190-1234;Anna;Hansen;anna@example.dk;Atlantis;01-02-2026;ja;dansk C2",
    "S-2;310285-4321;Bo;Jensen;;Herlev;15.03.2026;nej;dansk C2",
]


def world() -> None:
    town = MunicipalityFactory(code="163", name="Herlev", latitude=55.7237, longitude=12.4402)
    herlev = JobCentreFactory(name="Jobcenter Herlev", municipalities=[town])
    staff(Role.JOB_CONSULTANT, herlev, username="jk", password=PASSWORD)
    # Reference data a flushing test may have removed.
    Language.objects.get_or_create(code="da", defaults={"label_da": "dansk", "label_en": "Danish"})
    Language.objects.get_or_create(
        code="en", defaults={"label_da": "engelsk", "label_en": "English"}
    )


def upload(page: Page, path: Path) -> None:
    page.goto("/candidates/")
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.locator("h1")).to_have_text("Import fra sagssystemet")
    page.get_by_label("Fil", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Læs filen (prøvekørsel)").click()


def test_import_from_the_page(page: Page, screenshot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    world()
    log_in(page, "jk")
    good = tmp_path / "borgere.csv"
    good.write_text("\n".join(GOOD) + "\n", encoding="utf-8")
    upload(page, good)

    # The dry run's report: two to be created, nothing written.
    expect(page.get_by_test_id("import-status")).to_contain_text(
        "Filen kan importeres. Intet er skrevet endnu."
    )
    expect(page.get_by_test_id("count-created")).to_have_text("2")
    expect(page.get_by_test_id("import-changes")).to_contain_text("S-1")
    expect(page.get_by_test_id("import-changes")).to_contain_text("oprettet")
    assert not Candidate.objects.exists()
    assert_no_axe_violations(page)
    screenshot("case-import-1-dry-run")

    # Imported: the progress finishes, the counts say so.
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("import-status")).to_contain_text("Filen er importeret.")
    expect(page.get_by_test_id("progress-bar")).to_have_count(0)
    expect(page.get_by_test_id("count-created")).to_have_text("2")
    assert Candidate.objects.filter(case_id__in=["S-1", "S-2"]).count() == 2
    assert ImportRun.objects.filter(dry_run=False, status="done").count() == 1
    screenshot("case-import-2-imported")

    # The candidate is there.
    page.goto("/candidates/")
    expect(page.locator("body")).to_contain_text("Anna Hansen")
    page.get_by_role("link", name="Anna Hansen").click()
    expect(page.locator("h1")).to_have_text("Anna Hansen")
    expect(page.locator("body")).to_contain_text("Engelsk: B1")


def test_a_broken_file_is_refused_with_a_readable_report(  # type: ignore[no-untyped-def]
    page: Page, screenshot, tmp_path: Path
) -> None:
    world()
    log_in(page, "jk")
    broken = tmp_path / "borgere.csv"
    broken.write_text("\n".join(BROKEN) + "\n", encoding="utf-8")
    upload(page, broken)
    expect(page.get_by_test_id("import-status")).to_contain_text("Filen er afvist: 2 fejl.")
    issues = page.get_by_test_id("import-issues")
    expect(issues).to_contain_text("Ukendt kommune: Atlantis")
    expect(issues.locator("tr", has_text="Atlantis")).to_contain_text("2")
    expect(issues.locator("tr", has_text="CPR")).to_contain_text(
        "Et CPR-nummer har ti cifre, og de første seks er en gyldig dato (DDMMÅÅ)."
    )
    expect(page.get_by_test_id("confirm-import")).to_have_count(0)
    assert not Candidate.objects.exists()
    assert_no_axe_violations(page)
    screenshot("case-import-3-refused")
