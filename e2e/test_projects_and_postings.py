"""Project pages and public job postings in a real browser, in Danish and English: a
manager saves a project unchanged and loses nothing; anyone reads a published posting."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.joborders import services
from jobbro.joborders.models import Project
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    ProjectFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_project_page_and_a_public_posting(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    centre = JobCentreFactory(name="Jobcenter Herlev")
    consultant = staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    staff(Role.MANAGER, centre, username="leder", password=PASSWORD)
    company = CompanyFactory(
        cooperation=centre.cooperation,
        municipality=centre.municipalities.get(),
        name="Herlev Byg ApS",
    )
    start = timezone.localdate()
    project = ProjectFactory(
        cooperation=centre.cooperation,
        name="Metro M5",
        description="Metrolinjen til Lynetteholm.",
        start_date=start,
        end_date=start.replace(year=start.year + 3),
    )
    job_order = JobOrderFactory(
        company=company,
        job_centre=centre,
        created_by=consultant,
        occupation=OccupationFactory(label_da="tømrer", label_en="carpenter"),
        title="Tømrer til metrobyggeriet",
        project=project,
    )
    services.job_order_update(
        actor=consultant,
        job_order=job_order,
        published=True,
        public_description="Vi søger en tømrer til forskalling på metrobyggeriet.",
    )
    job_order.refresh_from_db()

    # The manager opens the project and saves it unchanged: nothing is lost.
    log_in(page, "leder")
    page.goto(f"/job-orders/projects/{project.pk}/")
    expect(page.locator("h1")).to_contain_text("Metro M5")
    expect(page.get_by_role("link", name="Tømrer til metrobyggeriet")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("project-da")
    before = Project.objects.values().get(pk=project.pk)
    page.goto(f"/job-orders/projects/{project.pk}/edit/")
    screenshot("project-form-da")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Metro M5")
    after = Project.objects.values().get(pk=project.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    page.get_by_test_id("lang-en").click()
    expect(page.get_by_role("link", name="Tømrer til metrobyggeriet")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("project-en")

    # Anyone, signed out, reads the posting in either language.
    page.context.clear_cookies()
    page.goto("/jobs/")
    page.get_by_role("link", name="Tømrer til metrobyggeriet").click()
    expect(page.locator("h1")).to_contain_text("Tømrer til metrobyggeriet")
    expect(page.get_by_text("forskalling på metrobyggeriet")).to_be_visible()
    assert_no_axe_violations(page)
    screenshot("posting-da")
    page.get_by_test_id("lang-en").click()
    expect(page.locator("h1")).to_contain_text("Tømrer til metrobyggeriet")
    assert_no_axe_violations(page)
    screenshot("posting-en")
