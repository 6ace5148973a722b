import pytest

from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_login_then_start_page_in_both_languages(page, screenshot) -> None:
    staff(Role.BUSINESS_CONSULTANT, username="bc", password="demo-Password-1")
    page.goto("/")
    assert page.locator("h1").inner_text() == "Log ind"
    page.fill("#id_username", "bc")
    page.fill("#id_password", "demo-Password-1")
    page.click("button[type=submit].button-primary")
    assert page.locator("h1").inner_text() == "Mit arbejde"
    screenshot("login-start-da")
    page.click("[data-testid=lang-en]")
    assert page.locator("h1").inner_text() == "My work"
    screenshot("login-start-en")
