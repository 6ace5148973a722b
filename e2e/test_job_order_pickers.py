"""The job order form's occupation and requirement pickers in a real browser: Danish words
suggest occupations, skills and certificates to tick (radios, so the keyboard works as it
does anywhere), the job title searches the occupation too, and nothing submits the form on
the way; the form passes axe, in Danish and English."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Error, Page, Route, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Occupation, Qualification
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import CompanyFactory, JobCentreFactory, staff
from tests.taxonomy.esco_subset import write_subset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LABELS = ("carpenter", "cook", "home care aide", "healthcare assistant")


@pytest.fixture
def esco(tmp_path: Path) -> Iterator[None]:
    """Real ESCO occupations and their skills (a subset), and the project's certificates."""
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, LABELS)), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


def _new_job_order(page: Page) -> None:
    centre = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    company = CompanyFactory(cooperation=centre.cooperation, name="Herlev Plejecenter")
    log_in(page, "bc")
    page.goto(f"/job-orders/new/?company={company.pk}")
    # A marker a form submission (a new page) would lose.
    page.evaluate("window.notSubmitted = true")


def test_the_occupation_is_ticked_from_the_title_or_its_own_search(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    esco: None,
) -> None:
    _new_job_order(page)
    picker = page.get_by_test_id("picker-occupation")
    assert_no_axe_violations(page)

    # The title as the company says it suggests the occupation; the title stays as typed.
    title = page.get_by_label("Stillingsbetegnelse")
    title.press_sequentially("sosu-hjælper", delay=30)
    helper = picker.get_by_label("social- og sundhedshjælper")
    expect(helper).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("job-order-picker-title-da")
    helper.check()
    expect(title).to_have_value("sosu-hjælper")

    # Its own search box: "tømrer" finds the carpenter; one occupation, so it replaces the
    # other. Enter searches and never submits the form.
    search = page.get_by_label("Erhverv", exact=True)
    search.press_sequentially("tømrer", delay=30)
    search.press("Enter")
    carpenter = picker.get_by_label("tømrer")
    expect(carpenter).to_be_visible()
    expect(picker.get_by_label("social- og sundhedshjælper")).to_be_checked()
    carpenter.check()
    expect(picker.get_by_label("social- og sundhedshjælper")).not_to_be_checked()
    assert page.evaluate("window.notSubmitted === true")
    expect(page.get_by_test_id("error-summary")).to_have_count(0)

    # In English, the English words.
    page.get_by_test_id("lang-en").click()
    page.evaluate("window.notSubmitted = true")
    page.get_by_label("Occupation", exact=True).press_sequentially("cook", delay=30)
    expect(picker.get_by_label("cook", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("job-order-picker-occupation-en")


def test_a_tick_stands_when_the_titles_matches_come_late(page: Page, esco: None) -> None:
    """Matches for the job title still on their way when the user ticks from the search box
    must not replace the options and drop the tick (the form would then be refused)."""
    _new_job_order(page)
    held: list[Route] = []

    def hold_title_matches(route: Route) -> None:
        if "q=" in route.request.url:
            route.continue_()
        else:
            held.append(route)

    page.route("**/suggest/occupations/**", hold_title_matches)
    page.get_by_label("Stillingsbetegnelse").fill("Tømrer til nyt plejecenter")
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "the job title asked for matches"
    page.get_by_label("Erhverv", exact=True).fill("tømrer")
    picker = page.get_by_test_id("picker-occupation")
    picker.get_by_label(re.compile("tømrer")).first.check()
    for route in held:
        with contextlib.suppress(Error):  # htmx abandoned it: nothing left to answer
            route.continue_()
    page.wait_for_timeout(600)
    expect(picker.locator("input:checked")).to_have_count(1)


def test_requirements_are_picked_from_danish_words_and_the_keyboard(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    esco: None,
) -> None:
    _new_job_order(page)
    page.get_by_label("Stillingsbetegnelse").fill("Kok til plejecentret")
    page.get_by_label("Erhverv", exact=True).press_sequentially("kok", delay=30)
    page.get_by_test_id("picker-occupation").get_by_label("kok (cook)").check()

    # A skill: typed, then chosen from the keyboard (Tab to the matches, Space ticks).
    page.select_option("select[name=req-0-kind]", "skill")
    skills = page.get_by_test_id("picker-req-0-skill")
    search = skills.locator("input[type=search]")
    search.press_sequentially("tilberede", delay=30)
    search.press("Enter")
    first = skills.locator("input[type=radio]").first
    expect(first).to_be_visible()
    search.press("Tab")
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    picked = first.get_attribute("value")
    assert_no_axe_violations(page)
    screenshot("job-order-picker-skill-da")

    # "sosu" offers the certificate; ticking it makes the row a certificate requirement.
    page.get_by_role("button", name="Tilføj krav").click()
    page.select_option("select[name=req-1-kind]", "skill")
    certificates = page.get_by_test_id("picker-req-1-skill")
    certificates.locator("input[type=search]").press_sequentially("sosu", delay=30)
    helper = Qualification.objects.get(code="sosu-helper")
    certificate = certificates.locator(f"input[value=q{helper.pk}]")
    expect(certificates.locator(f"label[for=req-1-skill_q{helper.pk}]")).to_contain_text(
        "Certifikat"
    )
    certificate.click()
    expect(page.locator("select[name=req-1-kind]")).to_have_value("qualification")
    expect(page.locator("select[name=req-1-qualification]")).to_have_value(str(helper.pk))
    expect(page.locator("select[name=req-1-qualification]")).to_be_visible()
    assert page.evaluate("window.notSubmitted === true")

    page.get_by_label("Stillinger", exact=True).fill("1")
    start = timezone.localdate() + dt.timedelta(days=30)
    page.get_by_label("Startdato").fill(start.isoformat())
    page.get_by_label("Ansøgningsfrist").fill((start - dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Opret jobordre").click()
    expect(page.locator("h1")).to_contain_text("Kok til plejecentret")
    job_order = JobOrder.objects.get()
    assert job_order.occupation == Occupation.objects.get(label_en="cook")
    rows = sorted(job_order.requirements.values_list("kind", "skill_id", "qualification_id"))
    assert rows == [("qualification", None, helper.pk), ("skill", int(picked or 0), None)]
