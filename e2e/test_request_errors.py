"""A partial update that fails tells the user, in their language; nothing is left unsaid."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.companies.models import Interaction
from jobbro.organisations.models import Role
from tests.factories import CompanyFactory, InteractionFactory, JobCentreFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _follow_up_due() -> Interaction:
    herlev = JobCentreFactory(name="Jobcenter Herlev")
    consultant = staff(Role.BUSINESS_CONSULTANT, herlev, username="bc", password=PASSWORD)
    company = CompanyFactory(
        cooperation=herlev.cooperation, municipality=herlev.municipalities.get()
    )
    return InteractionFactory(
        company=company,
        consultant=consultant,
        job_centre=herlev,
        occurred_at=timezone.now() - dt.timedelta(days=7),
        follow_up_on=timezone.localdate(),
    )


def _broken(**kwargs: object) -> None:
    raise OperationalError("database is locked")


def test_a_server_error_on_a_click_is_shown(page: Page, screenshot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    follow_up = _follow_up_due()
    monkeypatch.setattr("jobbro.companies.services.follow_up_done", _broken)
    log_in(page, "bc")
    page.goto("/companies/agenda/")
    page.get_by_role("button", name="Markér som udført").click()
    alert = page.get_by_test_id("request-error")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Noget gik galt, og det blev ikke gemt.")
    screenshot("request-error-server")
    follow_up.refresh_from_db()
    assert follow_up.follow_up_done_at is None
    alert.get_by_role("button", name="Luk").click()
    expect(alert).to_have_count(0)


def test_a_lost_connection_is_shown_in_english(page: Page) -> None:
    _follow_up_due()
    log_in(page, "bc")
    page.get_by_test_id("lang-en").click()
    page.goto("/companies/agenda/")
    page.route("**/done/", lambda route: route.abort())
    page.get_by_role("button", name="Mark done").click()
    expect(page.get_by_test_id("request-error")).to_contain_text(
        "Jobbro could not be reached, so nothing was saved."
    )
