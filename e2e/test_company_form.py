"""The new-company form in a real browser: the CVR fill-in keeps to the content security
policy (also after the notes box was resized, which gives it a style attribute that htmx's
settling used to copy), and the page passes axe, in Danish and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, assert_no_axe_violations, log_in
from jobbro.companies.models import Industry
from jobbro.companies.reference import load_industries
from jobbro.organisations.models import Role
from tests.factories import IndustryFactory, JobCentreFactory, MunicipalityFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCAFFOLDERS = "37137359"  # in the recorded sample: Stilladsgruppen Øresund ApS, Herlev

# Every page of the context records what its content security policy blocked.
RECORD_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} at ${where}`);
});
"""


def test_cvr_fill_in_keeps_to_the_content_security_policy(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    herlev = MunicipalityFactory(code="163", name="Herlev")
    staff(
        Role.BUSINESS_CONSULTANT,
        JobCentreFactory(name="Jobcenter Herlev", municipalities=[herlev]),
        username="karen",
        password=PASSWORD,
    )
    IndustryFactory(code="439920", label_da="Stilladsarbejde", label_en="Scaffolding")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_CSP)
    log_in(page, "karen")

    for language, filled in (("da", "Udfyldt fra CVR-registret"), ("en", "Filled from the CVR")):
        if language == "en":
            page.get_by_test_id("lang-en").click()
        page.goto("/companies/new/")
        assert_no_axe_violations(page)
        # The consultant drags the notes box bigger first; the browser gives it a style.
        notes = page.locator("#id_notes")
        notes.scroll_into_view_if_needed()
        box = notes.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] - 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] + 40, box["y"] + box["height"] + 80, steps=5)
        page.mouse.up()
        assert "height" in (notes.get_attribute("style") or "")
        page.get_by_label("CVR").first.fill(SCAFFOLDERS)
        page.get_by_test_id("cvr-fetch").click()
        expect(page.get_by_test_id("cvr-notice")).to_contain_text(filled)
        expect(page.locator("#id_name")).to_have_value("Stilladsgruppen Øresund ApS")
        page.wait_for_load_state("networkidle")
        screenshot(f"company-form-cvr-filled-{language}")

        assert page.evaluate("window.cspViolations") == []
        assert not [text for text in console if "Content Security Policy" in text]
        assert_no_axe_violations(page)


@pytest.fixture
def db25() -> None:
    """The reference list, as the data migration loads it: a transactional test run before
    this one may have flushed the migration's rows."""
    load_industries(Industry)


def test_the_industry_picker_finds_a_code_among_all_db25_codes(page: Page, db25: None) -> None:
    staff(
        Role.BUSINESS_CONSULTANT,
        JobCentreFactory(name="Jobcenter Herlev"),
        username="karen",
        password=PASSWORD,
    )
    log_in(page, "karen")

    for language, section, painting in (
        ("da", "F · Bygge- og anlægsvirksomhed", "433410 Maleraktiviteter"),
        ("en", "F · Construction", "433410 Painting"),
    ):
        if language == "en":
            page.get_by_test_id("lang-en").click()
        page.goto("/companies/new/")
        picker = page.locator("#id_industry")
        expect(picker.locator("optgroup")).to_have_count(22)
        expect(picker.locator(f'optgroup[label="{section}"]')).to_contain_text(painting)
        # A consultant who knows the code types it on the closed list.
        picker.focus()
        page.keyboard.type("433410")
        expect(picker.locator("option:checked")).to_have_text(painting)
        assert_no_axe_violations(page)
