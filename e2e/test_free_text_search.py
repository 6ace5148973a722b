"""The free search read from one sentence, in a real browser.

A job consultant at Jobcenter Hvidovre types, in Danish, "rengøringsassistent der taler
polsk i Hvidovre inden for 15 km": she sees what it is read as (each chip with the words it
came from) and the one cleaner who speaks Polish nearby; she removes the language and the
cleaner without Polish appears too. In English she types "warehouse worker with forklift
certificate B near Glostrup", sees the one with the certificate, and removes the certificate;
"truckcertifikat" alone (A or B?) and "kranbevis" are said, not guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.organisations.models import Municipality, Role
from jobbro.organisations.reference import load_municipalities
from jobbro.taxonomy.models import Language, Occupation, Qualification
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import CandidateFactory, JobCentreFactory, staff
from tests.taxonomy.esco_subset import write_subset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LABELS = ("building cleaner", "room attendant", "warehouse worker", "forklift operator")


@pytest.fixture
def esco(tmp_path: Path) -> Iterator[None]:
    """ESCO occupations (a subset), the certificates and languages, and the municipalities
    (an earlier test of the suite may have emptied the database)."""
    load_municipalities(Municipality)
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, LABELS)), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


def candidate(centre, first: str, last: str, occupation: str, lives_in: str):  # type: ignore[no-untyped-def]
    person = CandidateFactory(
        job_centre=centre,
        first_name=first,
        last_name=last,
        municipality=Municipality.objects.get(name=lives_in),
    )
    person.cv.wished_occupations.add(Occupation.objects.get(label_en=occupation))
    return person


def test_one_sentence_is_read_as_the_search(page: Page, screenshot, esco: None) -> None:  # type: ignore[no-untyped-def]
    hvidovre = JobCentreFactory(
        name="Jobcenter Hvidovre", municipalities=[Municipality.objects.get(name="Hvidovre")]
    )
    staff(Role.JOB_CONSULTANT, hvidovre, username="rp", password=PASSWORD)
    polish = Language.objects.get(code="pl")
    agnieszka = candidate(hvidovre, "Agnieszka", "Nowak", "building cleaner", "Hvidovre")
    agnieszka.cv.languages.create(language=polish, level="B2")
    candidate(hvidovre, "Jens", "Holm", "building cleaner", "Rødovre")
    far = candidate(hvidovre, "Marek", "Zielinski", "building cleaner", "Aalborg")
    far.cv.languages.create(language=polish, level="C2")
    ole = candidate(hvidovre, "Ole", "Lager", "warehouse worker", "Glostrup")
    ole.cv.qualifications.create(qualification=Qualification.objects.get(code="truck-b"))
    candidate(hvidovre, "Per", "Plukker", "warehouse worker", "Albertslund")

    # Danish: one sentence, read as chips; only the cleaner who speaks Polish nearby.
    log_in(page, "rp")
    page.goto("/search/")
    page.get_by_label("Beskriv hvad du søger").fill(
        "rengøringsassistent der taler polsk i Hvidovre inden for 15 km"
    )
    page.get_by_test_id("run-search").click()
    chips = page.get_by_test_id("chip")
    expect(chips).to_have_count(4)
    expect(chips.nth(0)).to_contain_text("rengøringsassistent")
    expect(chips.nth(1)).to_contain_text("polsk, uanset niveau")
    expect(chips.nth(1)).to_contain_text("fra “polsk”")
    expect(chips.nth(2)).to_contain_text("Nær Hvidovre")
    expect(chips.nth(2)).to_contain_text("fra “i Hvidovre”")
    expect(chips.nth(3)).to_contain_text("Inden for 15 km")
    rows = page.get_by_test_id("search-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Agnieszka Nowak")
    expect(page.get_by_test_id("result-count")).to_contain_text("1 kandidat opfyldte")
    screenshot("free-text-1-read-da")

    # Without the language the cleaner nearby who speaks no Polish is found too.
    chips.nth(1).get_by_role("link", name="Fjern “polsk, uanset niveau”").click()
    expect(page.get_by_test_id("chip")).to_have_count(3)
    expect(page.get_by_test_id("search-row")).to_have_count(2)
    expect(page.get_by_test_id("search-row").filter(has_text="Jens Holm")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Marek")
    screenshot("free-text-2-language-removed-da")

    # English: the certificate the sentence names is a must-have.
    page.get_by_test_id("lang-en").click()
    page.get_by_role("link", name="New search").click()
    page.get_by_label("Describe what you look for").fill(
        "warehouse worker with forklift certificate B near Glostrup"
    )
    page.get_by_test_id("run-search").click()
    chips = page.get_by_test_id("chip")
    expect(chips).to_have_count(3)
    expect(chips.nth(0)).to_contain_text("warehouse worker")
    expect(chips.nth(1)).to_contain_text("Forklift certificate B")
    expect(chips.nth(2)).to_contain_text("Near Glostrup")
    expect(page.get_by_test_id("search-row")).to_have_count(1)
    expect(page.get_by_test_id("search-row").first).to_contain_text("Ole Lager")
    screenshot("free-text-3-read-en")
    chips.nth(1).get_by_role("link", name="Remove “Forklift certificate B”").click()
    expect(page.get_by_test_id("search-row")).to_have_count(2)
    expect(page.get_by_test_id("search-row").nth(1)).to_contain_text("Per Plukker")
    screenshot("free-text-4-certificate-removed-en")

    # What cannot be searched is said, not guessed.
    page.get_by_role("link", name="New search").click()
    page.get_by_label("Describe what you look for").fill(
        "cleaner with kranbevis, truckcertifikat, no licence"
    )
    page.get_by_test_id("run-search").click()
    notes = page.get_by_test_id("reading-notes")
    expect(notes).to_contain_text("“kranbevis” can mean")
    expect(notes).to_contain_text(
        "“truckcertifikat” can mean Forklift certificate A or Forklift certificate B"
    )
    expect(notes).to_contain_text("“licence” is not searched")
    expect(page.get_by_test_id("chip")).to_have_count(1)
    screenshot("free-text-5-notes-en")
