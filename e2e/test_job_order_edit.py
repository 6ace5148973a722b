"""Editing a job order in a real browser keeps every requirement the user did not remove."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    JobCentreFactory,
    JobOrderFactory,
    LanguageFactory,
    QualificationFactory,
    RequirementFactory,
    staff,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _order_with_three_requirements() -> JobOrder:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    consultant = staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get()
    )
    order = JobOrderFactory(company=company, job_centre=herlev, created_by=consultant)
    RequirementFactory(job_order=order, importance="must", kind="experience", min_years=3)
    RequirementFactory(
        job_order=order,
        importance="must",
        kind="qualification",
        qualification=QualificationFactory(label_da="Truckcertifikat B"),
    )
    RequirementFactory(
        job_order=order,
        importance="nice",
        kind="language",
        language=LanguageFactory(code="pl", label_da="polsk", label_en="Polish"),
        language_level="B1",
    )
    return order


def _rows(order: JobOrder) -> list[tuple[object, ...]]:
    return sorted(
        order.requirements.values_list(
            "importance", "kind", "qualification_id", "language_id", "language_level", "min_years"
        )
    )


def test_saving_unchanged_keeps_every_requirement(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    order = _order_with_three_requirements()
    before = _rows(order)
    log_in(page, "bc")
    page.goto(f"/job-orders/{order.pk}/edit/")
    screenshot("job-order-edit-unchanged")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.get_by_text("Ændringerne er gemt.")).to_be_visible()
    assert _rows(order) == before
    expect(page.get_by_text("Truckcertifikat B")).to_be_visible()
    expect(page.get_by_text("polsk", exact=False).first).to_be_visible()


def test_editing_one_requirement_keeps_the_other_two(page: Page) -> None:
    order = _order_with_three_requirements()
    before = _rows(order)
    log_in(page, "bc")
    page.goto(f"/job-orders/{order.pk}/edit/")
    years = page.locator("input[name$='-min_years']").first
    expect(years).to_have_value("3")
    years.fill("5")
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.get_by_text("Ændringerne er gemt.")).to_be_visible()
    expected = sorted((*r[:5], 5) if r[1] == "experience" else r for r in before)
    assert _rows(order) == expected
