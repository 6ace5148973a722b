"""Project pages and public job postings in a real browser, in Danish and English: a
consultant publishes a job order from its form, a manager saves a project unchanged and
loses nothing; anyone reads the published posting."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.joborders.models import JobOrder, Project
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
    # The consultant publishes the order from its form: first without a text for the
    # public (refused, nothing saved), then with one; nothing else on the order changes.
    before_publishing = JobOrder.objects.values().get(pk=job_order.pk)
    log_in(page, "bc")
    page.goto(f"/job-orders/{job_order.pk}/edit/")
    page.get_by_role("checkbox", name="Publicér som stillingsopslag").check()
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_text("Skriv en beskrivelse til opslaget")).to_be_visible()
    assert JobOrder.objects.get(pk=job_order.pk).published is False
    expect(page.get_by_role("checkbox", name="Publicér som stillingsopslag")).to_be_checked()
    page.get_by_label("Beskrivelse til opslaget").fill(
        "Vi søger en tømrer til forskalling på metrobyggeriet."
    )
    screenshot("publishing-da")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("h1")).to_contain_text("Tømrer til metrobyggeriet")
    job_order.refresh_from_db()
    assert job_order.published and job_order.posting_key
    after_publishing = JobOrder.objects.values().get(pk=job_order.pk)
    publication = {"published", "published_at", "posting_key", "public_description"}
    publication |= {"updated_at", "version"}
    assert {k: v for k, v in after_publishing.items() if k not in publication} == {
        k: v for k, v in before_publishing.items() if k not in publication
    }
    page.goto(f"/job-orders/{job_order.pk}/edit/")
    expect(page.get_by_test_id("posting-link")).to_be_visible()
    page.context.clear_cookies()

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
