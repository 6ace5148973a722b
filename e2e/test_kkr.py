"""The KKR progress scheme in a real browser, in Danish and English: the secretariat adds a
recommendation, a manager reports the year for the municipality the job centre serves
(refused first without a remark), the steering group reads the overview, a cell's history
and prints it; axe finds nothing on any page."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.kkr.models import Assessment, Recommendation
from jobbro.organisations.models import Municipality, Role, User
from tests.factories import (
    AssessmentFactory,
    JobCentreFactory,
    MunicipalityFactory,
    RecommendationFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
YEAR = timezone.localdate().year


def _world() -> None:
    herlev = JobCentreFactory(
        name="Jobcenter Herlev", municipalities=[MunicipalityFactory(code="163", name="Herlev")]
    )
    gladsaxe = JobCentreFactory(
        name="Jobcenter Gladsaxe",
        cooperation=herlev.cooperation,
        municipalities=[MunicipalityFactory(code="159", name="Gladsaxe")],
    )
    staff(Role.SECRETARIAT, herlev, username="sekretariat", password=PASSWORD)
    staff(Role.MANAGER, herlev, username="leder", password=PASSWORD, first_name="Henrik")
    staff(Role.STEERING_GROUP, gladsaxe, username="styregruppe", password=PASSWORD)
    RecommendationFactory(
        cooperation=herlev.cooperation,
        number="1.1",
        order=1,
        area="Virksomhedsrettede indsatser",
        text="Alle kommuner skal være en del af et formaliseret virksomhedsberedskab.",
    )


def _switch_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username)


def test_the_scheme_from_recommendation_to_printed_overview_in_danish(
    page: Page, screenshot
) -> None:  # type: ignore[no-untyped-def]
    _world()
    log_in(page, "sekretariat")
    page.get_by_role("link", name="Samarbejdet").first.click()
    page.get_by_test_id("section-menu").get_by_role("link", name="KKR-fremdriftsskema").click()
    expect(page.locator("h1")).to_have_text(f"KKR-fremdriftsskema {YEAR}")
    page.get_by_test_id("section-menu").get_by_role("link", name="KKR-anbefalinger").click()
    page.get_by_test_id("add-recommendation").click()
    page.get_by_label("Nummer").fill("1.2")
    page.get_by_label("Område").fill("Virksomhedsrettede indsatser")
    page.get_by_label("Anbefaling").fill(
        "Fælles overblik over og brug af virksomhedscentre på tværs af kommunegrænser."
    )
    page.get_by_label("Kan (KAN)").check()
    page.get_by_label("Rækkefølge").fill("2")
    assert_no_axe_violations(page)
    page.get_by_test_id("save-recommendation").click()
    expect(page.get_by_text("Anbefaling 1.2 er tilføjet.")).to_be_visible()
    expect(page.get_by_test_id("recommendations")).to_contain_text("KAN Fælles overblik")
    assert_no_axe_violations(page)
    screenshot("kkr-recommendations-da")

    _switch_user(page, "leder")
    page.goto("/kkr/")
    page.get_by_role("link", name="Indberet for Herlev").click()
    expect(page.locator("h1")).to_have_text(f"KKR-indberetning for Herlev {YEAR}")
    expect(page.get_by_role("link", name="Indberet for Gladsaxe")).to_have_count(0)
    form = page.get_by_test_id("report-form")
    form.locator("[data-recommendation='1.1']").get_by_label("Rød").check()
    form.locator("[data-recommendation='1.2']").get_by_label("Grøn").check()
    page.get_by_test_id("save-report").click()
    expect(page.get_by_text("Skriv en bemærkning: en gul eller rød vurdering")).to_be_visible()
    assert not Assessment.objects.exists()
    assert_no_axe_violations(page)
    screenshot("kkr-report-refused-da")
    page.get_by_label("Bemærkning til 1.1").fill("Ikke påbegyndt; prioriteres i næste års plan.")
    page.get_by_test_id("save-report").click()
    expect(page.get_by_text(f"2 vurderinger for Herlev i {YEAR} er gemt.")).to_be_visible()
    herlev_1_1 = page.locator("tr[data-recommendation='1.1'] td[data-municipality='Herlev']")
    expect(herlev_1_1).to_contain_text("Rød")
    expect(herlev_1_1).to_contain_text("Ikke påbegyndt")

    _switch_user(page, "styregruppe")
    page.goto("/kkr/")
    matrix = page.get_by_test_id("kkr-overview")
    expect(
        matrix.locator("tr[data-recommendation='1.2'] td[data-municipality='Herlev']")
    ).to_have_text("Grøn Historik for 1.2 i Herlev")
    expect(matrix.locator("td[data-municipality='Gladsaxe']").first).to_contain_text(
        "Ikke indberettet"
    )
    expect(page.get_by_test_id("report-links")).to_have_count(0)
    expect(page.get_by_test_id("print")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("kkr-overview-da")
    page.emulate_media(media="print")
    expect(page.get_by_test_id("print")).to_be_hidden()
    expect(page.locator("header").first).to_be_hidden()
    screenshot("kkr-overview-print-da")
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Historik for 1.1 i Herlev").click()
    expect(page.locator("h1")).to_have_text("Historik for anbefaling 1.1 for Herlev")
    expect(page.get_by_test_id("history")).to_contain_text("Ikke påbegyndt")
    expect(page.get_by_test_id("history")).to_contain_text("Jobcenter Herlev")
    assert_no_axe_violations(page)
    screenshot("kkr-history-da")


def test_a_manager_reports_and_the_steering_group_reads_in_english(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    _world()
    log_in(page, "leder")
    page.click("[data-testid=lang-en]")
    page.goto("/kkr/")
    expect(page.locator("h1")).to_have_text(f"KKR progress scheme {YEAR}")
    page.get_by_role("link", name="Enter the report for Herlev").click()
    form = page.get_by_test_id("report-form")
    form.locator("[data-recommendation='1.1']").get_by_label("Yellow").check()
    page.get_by_test_id("save-report").click()
    expect(page.get_by_text("Write a remark: a yellow or red assessment")).to_be_visible()
    page.get_by_label("Remark on 1.1").fill("Begun with Gladsaxe; agreement due in spring.")
    page.get_by_test_id("save-report").click()
    expect(page.get_by_text(f"1 assessment for Herlev in {YEAR} was saved.")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("kkr-report-en")

    _switch_user(page, "styregruppe")
    page.click("[data-testid=lang-en]")
    page.goto("/kkr/")
    cell = page.locator("tr[data-recommendation='1.1'] td[data-municipality='Herlev']")
    expect(cell).to_contain_text("Yellow")
    expect(cell).to_contain_text("agreement due in spring")
    assert_no_axe_violations(page)
    screenshot("kkr-overview-en")
    page.emulate_media(media="print")
    screenshot("kkr-overview-print-en")


def test_a_past_year_is_read_not_reported_on(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    _world()
    closed = YEAR - 2  # closed whatever the day: at most last year is open
    herlev = Municipality.objects.get(name="Herlev")
    manager = User.objects.get(username="leder")
    AssessmentFactory(
        recommendation=Recommendation.objects.get(number="1.1"),
        municipality=herlev,
        year=closed,
        status="yellow",
        remark="Aftale med Gladsaxe på vej.",
        job_centre=manager.memberships.get(role=Role.MANAGER).job_centre,
        updated_by=manager,
    )
    log_in(page, "leder")
    page.goto(f"/kkr/?year={closed}")
    expect(
        page.get_by_role("heading", name=f"Indberetningen for {closed} er lukket")
    ).to_be_visible()
    page.get_by_role("link", name="Se indberetningen for Herlev").click()
    expect(page.get_by_test_id("closed-year")).to_contain_text(
        f"Indberetningen for {closed} lukkede den 31. marts {closed + 1}"
    )
    expect(page.get_by_test_id("report-form")).to_have_count(0)
    report = page.get_by_test_id("closed-report")
    expect(report).to_contain_text("Aftale med Gladsaxe på vej.")
    assert_no_axe_violations(page)
    screenshot("kkr-closed-year-da")
    report.get_by_role("link", name="Historik").click()
    expect(page.get_by_test_id("history")).to_contain_text("Aftale med Gladsaxe på vej.")
