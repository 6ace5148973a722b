"""The occupation combobox of the job order form in a real browser: it names its suggestion
box and says when the box is open (aria-expanded), as a screen reader needs; the form passes
axe, in Danish and English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Skill
from jobbro.taxonomy.suggest.index import clear_cache
from tests.factories import (
    CompanyFactory,
    JobCentreFactory,
    OccupationFactory,
    SkillFactory,
    staff,
)

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


@pytest.fixture
def welding() -> Iterator[list[Skill]]:
    skills = [
        SkillFactory(label_da="svejse", label_en="weld"),
        SkillFactory(label_da="svejse rør", label_en="weld pipes"),
        SkillFactory(label_da="svejsning under vand", label_en="underwater welding"),
    ]
    clear_cache()
    yield skills
    clear_cache()


def test_requirement_skill_combobox_works_from_the_keyboard(
    page: Page,
    screenshot,  # type: ignore[no-untyped-def]
    welding: list[Skill],
) -> None:
    """The WAI-ARIA combobox pattern: arrows move the active option, Enter picks it and
    never submits the form, Escape closes the list, Tab leaves it closed."""
    centre = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    company = CompanyFactory(cooperation=centre.cooperation, name="Herlev Byg ApS")
    log_in(page, "bc")

    for language in ("da", "en"):
        if language == "en":
            page.get_by_test_id("lang-en").click()
        page.goto(f"/job-orders/new/?company={company.pk}")
        # A marker a form submission (a new page) would lose.
        page.evaluate("window.notSubmitted = true")
        page.select_option("select[name=req-0-kind]", "skill")
        combobox = page.locator("input[name=req-0-skill_query]")
        expect(combobox).to_have_attribute("role", "combobox")
        box = page.locator(f"#{combobox.get_attribute('aria-controls')}")
        options = box.get_by_role("option")

        # Enter before a choice keeps the user on the form.
        combobox.press_sequentially("svejs", delay=30)
        expect(options.nth(2)).to_be_visible()
        last = options.nth(options.count() - 1)
        combobox.press("Enter")
        expect(combobox).not_to_have_attribute("aria-activedescendant", re.compile("."))

        combobox.press("ArrowDown")
        expect(options.nth(0)).to_have_attribute("aria-selected", "true")
        expect(combobox).to_have_attribute(
            "aria-activedescendant", options.nth(0).get_attribute("id") or "-"
        )
        combobox.press("ArrowDown")
        second = options.nth(1)
        second_id = second.get_attribute("id")
        assert second_id
        expect(combobox).to_have_attribute("aria-activedescendant", second_id)
        expect(second).to_have_attribute("aria-selected", "true")
        expect(second).to_have_class(re.compile("jobbro-suggestion--active"))
        expect(options.nth(0)).to_have_attribute("aria-selected", "false")
        # Up wraps from the first to the last, and Down back to the first.
        combobox.press("ArrowUp")
        combobox.press("ArrowUp")
        expect(last).to_have_attribute("aria-selected", "true")
        combobox.press("ArrowDown")
        combobox.press("ArrowDown")
        expect(second).to_have_attribute("aria-selected", "true")
        assert_no_axe_violations(page)
        screenshot(f"combobox-keyboard-{language}")
        picked_id = second.get_attribute("data-pick-id")
        picked_label = second.get_attribute("data-pick-label")

        combobox.press("Enter")
        expect(page.locator("input[name=req-0-skill]")).to_have_value(picked_id or "-")
        expect(combobox).to_have_value(picked_label or "-")
        expect(combobox).to_have_attribute("aria-expanded", "false")
        expect(combobox).not_to_have_attribute("aria-activedescendant", re.compile("."))
        expect(combobox).to_be_focused()
        assert page.evaluate("window.notSubmitted === true")
        expect(page.get_by_test_id("error-summary")).to_have_count(0)

        # Escape closes the list; Tab leaves the field and the list closes behind it.
        combobox.fill("")
        combobox.press_sequentially("svejs", delay=30)
        expect(options.first).to_be_visible()
        combobox.press("ArrowDown")
        combobox.press("Escape")
        expect(combobox).to_have_attribute("aria-expanded", "false")
        expect(options).to_have_count(0)
        expect(combobox).not_to_have_attribute("aria-activedescendant", re.compile("."))
        combobox.press_sequentially("e", delay=30)
        expect(options.first).to_be_visible()
        combobox.press("Tab")
        expect(combobox).not_to_be_focused()
        expect(options).to_have_count(0)
        expect(combobox).to_have_attribute("aria-expanded", "false")
        assert page.evaluate("window.notSubmitted === true")


def test_title_chips_are_picked_from_the_keyboard(
    page: Page,
    occupations: None,
) -> None:
    centre = JobCentreFactory(name="Jobcenter Herlev")
    staff(Role.BUSINESS_CONSULTANT, centre, username="bc", password=PASSWORD)
    company = CompanyFactory(cooperation=centre.cooperation, name="Herlev Byg ApS")
    log_in(page, "bc")
    page.goto(f"/job-orders/new/?company={company.pk}")
    page.evaluate("window.notSubmitted = true")
    title = page.get_by_role("combobox", name="Stillingsbetegnelse")
    expect(title).to_have_attribute("aria-expanded", "false")
    title.press_sequentially("tømrersvend", delay=30)
    chips = page.get_by_test_id("title-suggestions").get_by_role("option")
    expect(chips.first).to_contain_text("tømrer")
    expect(title).to_have_attribute("aria-expanded", "true")
    title.press("ArrowDown")
    expect(title).to_have_attribute("aria-activedescendant", chips.first.get_attribute("id") or "-")
    assert_no_axe_violations(page)
    title.press("Enter")
    expect(page.get_by_label("Erhverv", exact=True)).to_have_value("tømrer")
    expect(title).to_have_value("tømrersvend")
    expect(title).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("window.notSubmitted === true")
