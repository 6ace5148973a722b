"""The browser tests' live server answers requests made at once.

A browser fetches in parallel (Chromium's PDF viewer fetched a CV while the test did). On
SQLite every request shares the test's in-memory connection, and two requests writing
the access log at once failed with "no such savepoint" (conftest's one-request-at-a-time
server).
"""

from __future__ import annotations

import threading

import pytest
import requests
from playwright.sync_api import Page

from e2e.helpers import PASSWORD, log_in
from jobbro.accesslog.models import AccessLogEntry
from jobbro.organisations.models import Role
from tests.factories import CandidateFactory, JobCentreFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_requests_at_once_each_get_their_answer(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    gladsaxe = JobCentreFactory(name="Jobcenter Gladsaxe")
    staff(Role.JOB_CONSULTANT, gladsaxe, username="owner", password=PASSWORD)
    candidate = CandidateFactory(job_centre=gladsaxe)
    log_in(page, "owner")
    page.wait_for_url("**/")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    statuses: list[int] = []

    def read_the_candidate() -> None:
        for _ in range(10):
            answer = requests.get(
                f"{live_server.url}/candidates/{candidate.pk}/", cookies=cookies, timeout=30
            )
            statuses.append(answer.status_code)

    readers = [threading.Thread(target=read_the_candidate) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()

    assert statuses == [200] * 40
    # Each read was logged (the write that failed when two requests shared a savepoint).
    assert AccessLogEntry.objects.filter(candidate=candidate).count() >= 40
