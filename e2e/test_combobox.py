"""The occupation combobox of the job order form in a real browser: it names its suggestion
box and says when the box is open (aria-expanded), as a screen reader needs; the form passes
axe, in Danish and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.organisations.models import Role
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import CompanyFactory, JobCentreFactory, OccupationFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def occupations() -> Iterator[None]:
    OccupationFactory(label_da="tømrer", label_en="carpenter")
    OccupationFactory(label_da="murer", label_en="bricklayer")
    clear_cache()
    yield
    clear_cache()


def test_occupation_combobox_says_when_its_suggestions_are_open(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    occupations: None,
) -> None:
    centre = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    company = CompanyFactory(cooperation=centre.cooperation, name="Herlev Byg ApS")
    log_in(page, "bc")

    for language, label, typed in (("da", "Erhverv", "tømr"), ("en", "Occupation", "carp")):
        if language == "en":
            page.get_by_test_id("lang-en").click()
        page.goto(f"/job-orders/new/?company={company.pk}")
        combobox = page.get_by_role("combobox", name=label)
        expect(combobox).to_have_attribute("aria-expanded", "false")
        box = page.locator(f"#{combobox.get_attribute('aria-controls')}")
        expect(box).to_have_count(1)
        assert_no_axe_violations(page)

        combobox.press_sequentially(typed, delay=30)
        expect(box.get_by_role("option").first).to_be_visible()
        expect(combobox).to_have_attribute("aria-expanded", "true")
        assert_no_axe_violations(page)
        screenshot(f"combobox-open-{language}")

        # Escape closes the suggestions; typing opens them again; a choice closes them.
        combobox.press("Escape")
        expect(combobox).to_have_attribute("aria-expanded", "false")
        combobox.press_sequentially("e", delay=30)
        expect(combobox).to_have_attribute("aria-expanded", "true")
        box.get_by_role("option").first.click()
        expect(combobox).to_have_attribute("aria-expanded", "false")
        expect(combobox).to_have_value("tømrer" if language == "da" else "carpenter")
