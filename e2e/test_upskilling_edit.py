"""Editing a course team and a course in the browser, in Danish.

Jobcenter Næstved hosts a SOSU-ready team of three seats; Køge has reserved all three and
enrolled one. Næstved's manager opens the team, follows "Redigér kursusholdet", tries two
seats (refused in Danish: Køge holds three) and then moves the team to Slagelse with five
seats, a later end and a new price. Køge's manager sees no edit link and is refused the page.
The secretariat then adds a certificate to the course with the taxonomy picker and saves the
form again unchanged: nothing is lost. Every page axe clean.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Qualification
from jobbro.taxonomy.suggest.index import clear_cache
from jobbro.upskilling.models import Course, Team
from tests.factories import (
    CandidateFactory,
    CooperationFactory,
    CourseFactory,
    EnrolmentFactory,
    JobCentreFactory,
    MunicipalityFactory,
    ProviderFactory,
    ReservationFactory,
    TeamFactory,
    staff,
)
from tests.taxonomy.esco_subset import write_subset

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def world() -> Team:
    towns = {
        name: MunicipalityFactory(code=code, name=name)
        for code, name in [("370", "Næstved"), ("259", "Køge")]
    }
    jrs = CooperationFactory(name="Jobcentrenes Rekrutteringsservice Sjælland", short_name="JRS")
    centres = {
        name: JobCentreFactory(name=f"Jobcenter {name}", cooperation=jrs, municipalities=[town])
        for name, town in towns.items()
    }
    staff(Role.MANAGER, centres["Næstved"], username="leder-na", password=PASSWORD)
    staff(Role.MANAGER, centres["Køge"], username="leder-ko", password=PASSWORD)
    staff(Role.SECRETARIAT, centres["Næstved"], username="sek", password=PASSWORD)
    course = CourseFactory(
        title="SOSU-klar",
        weeks=20,
        provider=ProviderFactory(
            cooperation=jrs, name="ZBC Næstved", municipality=towns["Næstved"]
        ),
    )
    team = TeamFactory(
        course=course,
        host=centres["Næstved"],
        starts_on=dt.date(2027, 1, 4),
        ends_on=dt.date(2027, 5, 21),
        place="ZBC Næstved",
        seats=3,
        price=2000,
    )
    ReservationFactory(team=team, job_centre=centres["Køge"], seats=3)
    EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=centres["Køge"]))
    return team


def test_the_hosts_manager_edits_the_team_in_danish(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
) -> None:
    team = world()
    log_in(page, "leder-na")
    page.goto(f"/upskilling/teams/{team.pk}/")
    page.get_by_role("link", name="Redigér kursusholdet").click()
    expect(page.locator("h1")).to_contain_text("Redigér SOSU-klar 04.01.2027, ZBC Næstved")
    expect(page.get_by_label("Pladser", exact=True)).to_have_value("3")
    assert_no_axe_violations(page)

    # Two seats: Køge holds three, so the team cannot shrink below them.
    page.get_by_label("Pladser", exact=True).fill("2")
    page.get_by_label("Sted", exact=True).fill("ZBC Slagelse")
    page.get_by_test_id("setup-save").click()
    expect(page.locator(".form-error-message")).to_contain_text(
        "Jobcentrene har reserveret 3 pladser og besat 1 af dem; holdet kan ikke have færre "
        "end 3 pladser."
    )
    assert Team.objects.get(pk=team.pk).place == "ZBC Næstved"
    assert_no_axe_violations(page)
    screenshot("upskilling-edit-1-team-seats-refused-da")

    # Five seats, Slagelse, a later end and a new price.
    page.get_by_label("Pladser", exact=True).fill("5")
    page.get_by_label("Slutter", exact=True).fill("2027-06-18")
    page.get_by_label("Pris pr. deltager (kr.)", exact=True).fill("2600")
    page.get_by_test_id("setup-save").click()
    expect(page).to_have_url(re.compile(rf"/upskilling/teams/{team.pk}/$"))
    expect(page.locator("body")).to_contain_text("Ændringerne er gemt.")
    facts = page.get_by_test_id("team-facts")
    expect(facts).to_contain_text("ZBC Slagelse")
    expect(facts).to_contain_text("18.06.2027")
    expect(facts).to_contain_text("2.600 kr.")
    expect(page.get_by_test_id("seat-summary")).to_contain_text("5 pladser: 3 reserveret, 2 ledige")
    assert_no_axe_violations(page)
    screenshot("upskilling-edit-2-team-saved-da")
    team.refresh_from_db()
    assert (team.seats, team.place, team.price, team.ends_on) == (
        5,
        "ZBC Slagelse",
        2600,
        dt.date(2027, 6, 18),
    )

    # Køge's manager has seats on the team but does not run it: no link, and refused.
    page.context.clear_cookies()
    log_in(page, "leder-ko")
    page.goto(f"/upskilling/teams/{team.pk}/")
    expect(page.get_by_test_id("team-facts")).to_be_visible()
    expect(page.get_by_role("link", name="Redigér kursusholdet")).to_have_count(0)
    response = page.goto(f"/upskilling/teams/{team.pk}/edit/")
    assert response is not None and response.status == 403


@pytest.fixture
def esco(tmp_path: Path) -> Iterator[None]:
    """Real ESCO occupations and their skills (a subset), and the project's certificates."""
    labels = ("home care aide", "healthcare assistant")
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, labels)), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


def test_a_certificate_is_added_to_the_course_with_the_picker(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    esco: None,
) -> None:
    team = world()
    course = team.course
    log_in(page, "sek")
    page.goto(f"/upskilling/courses/{course.pk}/")
    page.get_by_role("link", name="Redigér kurset").click()
    picker = page.get_by_test_id("picker-skills")
    picker.locator("input[type=search]").press_sequentially("sosu", delay=30)
    helper = Qualification.objects.get(code="sosu-helper")
    certificate = picker.locator(f"input[value='{helper.pk}'][name=qualifications]")
    expect(certificate).to_be_visible()
    certificate.check()
    assert_no_axe_violations(page)
    screenshot("upskilling-edit-3-course-picker-da")
    page.get_by_test_id("setup-save").click()
    expect(page.locator("body")).to_contain_text("Ændringerne er gemt.")
    expect(page.get_by_test_id("gains")).to_contain_text(helper.label_da)
    assert list(Course.objects.get(pk=course.pk).qualifications.all()) == [helper]

    # Saved again unchanged: the certificate stays ticked and nothing is lost.
    page.get_by_role("link", name="Redigér kurset").click()
    expect(picker.locator(f"input[value='{helper.pk}'][name=qualifications]")).to_be_checked()
    page.get_by_test_id("setup-save").click()
    expect(page.locator("body")).to_contain_text("Intet blev ændret.")
    assert list(Course.objects.get(pk=course.pk).qualifications.all()) == [helper]
