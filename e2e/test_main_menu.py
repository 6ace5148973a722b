"""The main menu at a laptop's width, for every role: each item lies inside the header,
none runs past its edge nor over another, in Danish and English; the screenshots show it."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.organisations.models import Role
from tests.factories import JobCentreFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (1280, 1300, 1440)

# Each item's box, the menu's, and the header's content column (where the rule ends).
MEASURE = """() => {
  const box = el => el.getBoundingClientRect().toJSON();
  const nav = document.querySelector('.navigation-menu');
  const column = nav.querySelector('.navigation-menu-inner');
  const style = getComputedStyle(column);
  const inner = box(column);
  return {
    column: {left: inner.left + parseFloat(style.paddingLeft),
             right: inner.right - parseFloat(style.paddingRight)},
    menu: box(nav),
    page: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth,
    items: [...nav.querySelectorAll('.mainmenu > li > a > span')].map(a => ({
      label: a.textContent.trim(), ...box(a)})),
  };
}"""


def _check(found: dict[str, Any], where: str) -> None:
    assert found["scroll"] <= found["page"], f"{where}: the page scrolls sideways"
    items = found["items"]
    assert items, where
    for item in items:
        assert item["left"] >= found["column"]["left"] - 1, f"{where}: {item['label']} left"
        assert item["right"] <= found["column"]["right"] + 1, f"{where}: {item['label']} runs past"
        assert item["bottom"] <= found["menu"]["bottom"] + 1, f"{where}: {item['label']} below"
        assert item["top"] >= found["menu"]["top"] - 1, f"{where}: {item['label']} above"
    for one, other in itertools.pairwise(items):
        same_row = abs(one["top"] - other["top"]) < 2
        if same_row:
            assert one["right"] <= other["left"] + 1, f"{where}: {one['label']} overlaps"


@pytest.mark.parametrize("role", list(Role))
def test_the_main_menu_fits_the_header(page: Page, screenshot, role: Role) -> None:  # type: ignore[no-untyped-def]
    centre = JobCentreFactory(name="Jobcenter Høje-Taastrup")
    staff(
        role,
        centre,
        username="bruger",
        password=PASSWORD,
        first_name="Mette-Marie",
        last_name="Frederiksen-Østergaard",
    )
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    log_in(page, "bruger")
    expect(page.locator(".mainmenu")).to_be_visible()
    for language in ("da", "en"):
        if language == "en":
            page.click("[data-testid=lang-en]")
            expect(page.locator("html")).to_have_attribute("lang", "en")
        page.set_viewport_size({"width": 1300, "height": 900})
        screenshot(f"main-menu-{role.value}-{language}-1300")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            _check(page.evaluate(MEASURE), f"{role.value} {language} {width}px")
