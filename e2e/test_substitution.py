"""Substitution labour in a real browser, in Danish: a business consultant breaks a job
order for a carpenter into tasks, two of which need no trade, and ranks candidates for
those tasks. A candidate without the trade, who holds the tasks' skills and the site's
safety course, is listed with why: task by task, each skill held or missing. The same
candidate is not on the ordinary list for the whole job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    OccupationFactory,
    QualificationFactory,
    RequirementFactory,
    SkillFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("fresh_matching_index"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def fresh_suggestions() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


def _world() -> JobOrder:
    herlev_town = MunicipalityFactory(
        code="163", name="Herlev", latitude=55.7237, longitude=12.4402
    )
    herlev = JobCentreFactory(name="Jobcenter Herlev", municipalities=[herlev_town])
    consultant = staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    formwork = SkillFactory(label_da="opsætte forskalling", label_en="install formwork")
    SkillFactory(label_da="rengøre byggepladser", label_en="clean construction sites")
    SkillFactory(label_da="sortere byggeaffald", label_en="sort construction waste")
    SkillFactory(label_da="bære byggematerialer", label_en="carry building materials")
    course = QualificationFactory(
        code="site-safety",
        label_da="Sikkerhedskursus for byggepladser",
        label_en="Construction site safety course",
    )
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev_town, name="Byg og Anlæg A/S"
    )
    order = JobOrderFactory(
        company=company,
        job_centre=herlev,
        created_by=consultant,
        occupation=carpenter,
        title="Tømrer til metrobyggeriet",
        positions=3,
        workplace_municipality=herlev_town,
        start_date=dt.date.today() + dt.timedelta(days=30),
        deadline=dt.date.today() + dt.timedelta(days=20),
    )
    RequirementFactory(
        job_order=order, importance="must", kind="qualification", qualification=course
    )
    RequirementFactory(job_order=order, importance="must", kind="skill", skill=formwork)
    # Bo has no trade but cleans and sorts, and holds the course.
    bo = CandidateFactory(
        job_centre=herlev, municipality=herlev_town, first_name="Bo", last_name="Ufaglært"
    )
    bo.cv.skills.set(
        SkillFactory._meta.model.objects.filter(
            label_da__in=["rengøre byggepladser", "sortere byggeaffald"]
        )
    )
    bo.cv.qualifications.create(qualification=course)
    # Anna is a carpenter with the course and the formwork.
    anna = CandidateFactory(
        job_centre=herlev, municipality=herlev_town, first_name="Anna", last_name="Tømrer"
    )
    anna.cv.skills.set([formwork])
    anna.cv.qualifications.create(qualification=course)
    ExperienceFactory(
        cv=anna.cv,
        occupation=carpenter,
        title="Tømrer",
        start_date=dt.date(2018, 1, 1),
        end_date=dt.date(2025, 1, 1),
    )
    return order


def _pick(page: Page, row: int, words: str, label: str) -> None:
    picker = page.get_by_test_id(f"picker-task-{row}-skills")
    search = picker.locator("input[type=search]")
    search.fill("")
    search.press_sequentially(words, delay=20)
    box = picker.get_by_label(label)
    expect(box).to_be_visible()
    box.check()


def test_a_consultant_breaks_the_order_into_tasks_and_finds_a_substitute(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    fresh_suggestions: None,
) -> None:
    order = _world()
    log_in(page, "bc")
    page.goto(f"/job-orders/{order.pk}/")
    # The ordinary list for the whole job: the carpenter, not Bo.
    page.get_by_test_id("find-candidates").click()
    expect(page.get_by_test_id("hits")).to_contain_text("Anna Tømrer")
    expect(page.get_by_test_id("hits")).not_to_contain_text("Bo Ufaglært")
    # No tasks yet: the list offers no search for them.
    expect(page.locator("input[name=search_for]")).to_have_count(0)

    page.goto(f"/job-orders/{order.pk}/")
    page.get_by_test_id("edit-tasks").click()
    expect(page.get_by_role("heading", name="Opdel jobbet i opgaver")).to_be_visible()
    expect(page.get_by_test_id("order-positions")).to_have_text("3 stillinger at fordele")
    page.get_by_label("Opgave", exact=True).first.fill("Oprydning på pladsen")
    _pick(page, 0, "rengøre", "rengøre byggepladser")
    _pick(page, 0, "sortere", "sortere byggeaffald")
    _pick(page, 0, "bære", "bære byggematerialer")
    page.locator("input[name='task-0-positions']").fill("2")
    page.locator("input[name='task-0-hours_per_week']").fill("30")

    page.get_by_role("button", name="Tilføj opgave").click()
    page.locator("input[name='task-1-title']").fill("Forskalling")
    _pick(page, 1, "forskalling", "opsætte forskalling")
    page.locator("input[name='task-1-needs_trade']").check()
    assert_no_axe_violations(page)
    screenshot("job-order-tasks-da")
    page.get_by_role("button", name="Gem opgaver").click()

    expect(page.get_by_text("Opgaverne er gemt.")).to_be_visible()
    tasks = page.get_by_test_id("tasks")
    expect(tasks).to_contain_text("Oprydning på pladsen")
    expect(tasks).to_contain_text("sortere byggeaffald")
    expect(tasks).to_contain_text("Forskalling")
    assert_no_axe_violations(page)
    screenshot("job-order-with-tasks-da")

    page.get_by_test_id("find-for-tasks").click()
    expect(page.get_by_label("opgaverne uden faguddannelse")).to_be_checked()
    expect(page.get_by_test_id("for-tasks")).to_contain_text(
        "Rangeret til opgaverne uden faguddannelse"
    )
    hits = page.get_by_test_id("hits")
    expect(hits).to_contain_text("Bo Ufaglært")
    expect(hits).not_to_contain_text("Anna Tømrer")  # the carpenter holds no task skill
    why = hits.get_by_test_id("why-task").first
    expect(why).to_contain_text("Opgaven “Oprydning på pladsen”:")
    expect(why).to_contain_text("✓ rengøre byggepladser")
    expect(why).to_contain_text("✓ sortere byggeaffald")
    expect(why).to_contain_text("✗ bære byggematerialer")
    expect(hits).to_contain_text("Faguddannelsen kræves ikke")
    expect(hits).to_contain_text("Sikkerhedskursus for byggepladser")  # still a must-have
    assert_no_axe_violations(page)
    screenshot("ranked-for-tasks-da")

    # Back to the whole job: the toggle swaps the list in place.
    page.get_by_label("hele jobbet, med faguddannelsen").check()
    expect(page.get_by_test_id("hits")).to_contain_text("Anna Tømrer")
    expect(page.get_by_test_id("hits")).not_to_contain_text("Bo Ufaglært")

    # The same search in English.
    page.get_by_label("opgaverne uden faguddannelse").check()
    expect(page.get_by_test_id("hits")).to_contain_text("Bo Ufaglært")
    page.click("[data-testid=lang-en]")
    expect(page.get_by_label("the tasks without the trade")).to_be_checked()
    hits = page.get_by_test_id("hits")
    expect(hits.get_by_test_id("why-task").first).to_contain_text("Task “Oprydning på pladsen”:")
    expect(hits).to_contain_text("The trade is not required: ranked by the skills of the tasks")
    expect(hits).to_contain_text("Construction site safety course")
    expect(page.get_by_text("The job is broken into tasks")).to_be_visible()
    screenshot("ranked-for-tasks-en")
