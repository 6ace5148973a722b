"""Mail settings in a real browser: from the header, choose the mails, in both languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD
from jobbro.notifications.models import NotificationSettings
from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_consultant_turns_off_answers_and_reads_mails_in_english(page: Page, screenshot) -> None:  # type: ignore[no-untyped-def]
    user = staff(Role.BUSINESS_CONSULTANT, username="bo", email="bo@jobcenter.example")
    user.set_password(PASSWORD)
    user.save()

    page.goto("/login/")
    page.fill("#id_username", "bo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].button-primary")
    page.get_by_test_id("mail-settings").click()

    expect(page.get_by_role("heading", name="Mailindstillinger")).to_be_visible()
    expect(page.get_by_text("bo@jobcenter.example")).to_be_visible()
    answers = page.get_by_label("Svar på forespørgsler om kandidater eller CV’er, jeg har sendt")
    expect(answers).to_be_checked()
    answers.uncheck()
    page.get_by_label("Engelsk").check()
    screenshot("mail-settings-da")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_text("Dine mailindstillinger er gemt.")).to_be_visible()
    choice = NotificationSettings.objects.get(user=user)
    assert (choice.language, choice.request_answer, choice.new_request) == ("en", False, True)

    page.get_by_test_id("lang-en").click()
    expect(page.get_by_role("heading", name="Mail settings")).to_be_visible()
    expect(
        page.get_by_label("Answers to requests for candidates or CVs I sent")
    ).not_to_be_checked()
    expect(
        page.get_by_label(
            "New requests for candidates or CVs from other job centres, and reminders"
        )
    ).to_be_checked()
    expect(page.get_by_text("No mails yet.")).to_be_visible()
    screenshot("mail-settings-en")
