"""The secretariat issues an API token in Danish, sees it once and revokes it; the API's
docs page (Swagger UI from the app's own static files) renders its operations with no
content-security-policy error and nothing loaded from elsewhere."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from e2e.helpers import PASSWORD, log_in
from jobbro.organisations.models import Role
from tests.factories import JobCentreFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_issue_see_once_and_revoke_a_token_then_read_the_docs(
    page: Page,
    live_server,
    screenshot,  # type: ignore[no-untyped-def]
) -> None:
    centre = JobCentreFactory(name="Jobcenter Albertslund")
    centre.cooperation.secretariat = centre
    centre.cooperation.save()
    staff(Role.SECRETARIAT, centre, username="sekretariat", password=PASSWORD)
    problems: list[str] = []
    elsewhere: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    def on_request(request: Request) -> None:
        if not request.url.startswith(live_server.url) and not request.url.startswith("data:"):
            elsewhere.append(request.url)

    page.on("console", on_console)
    page.on("request", on_request)
    log_in(page, "sekretariat")
    page.goto("/cooperation/api-clients/")
    expect(page.get_by_role("heading", name="API-klienter", level=1)).to_be_visible()
    page.get_by_label("Systemets navn").fill("Albertslunds sagssystem")
    page.get_by_label("Jobcenter").select_option(label="Jobcenter Albertslund")
    page.get_by_label("Adgang").select_option(label="læse og skrive")
    page.get_by_test_id("issue-token").click()

    shown = page.get_by_test_id("issued-token")
    expect(shown).to_contain_text("vises kun denne ene gang")
    token = page.get_by_test_id("token").inner_text()
    assert re.fullmatch(r"jbo_[0-9a-f]{8}_[A-Za-z0-9-]+", token)
    screenshot("api_clients_issued_da")

    # Seen once: opened again, the page shows the client but not its token.
    page.goto("/cooperation/api-clients/")
    expect(page.get_by_test_id("api-client")).to_contain_text("Albertslunds sagssystem")
    assert token not in page.content()

    # The token works until it is revoked.
    def call() -> int:
        response = page.request.get(
            "/api/v1/companies/", headers={"Authorization": f"Bearer {token}"}
        )
        return response.status

    assert call() == 200
    page.get_by_test_id("revoke").click()
    expect(page.get_by_test_id("revoked")).to_contain_text("tilbagekaldt")
    assert call() == 401

    # The docs: Swagger UI lists the operations, served by the app itself.
    page.goto("/api/v1/docs")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() > 20
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/candidates/").first
    ).to_be_visible()
    screenshot("api_docs")
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    assert not problems, problems
    assert not elsewhere, elsewhere
