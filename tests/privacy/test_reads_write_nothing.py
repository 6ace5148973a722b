"""GET writes nothing but the access log, and no page shows or links a CPR number.

Every URL pattern, opened with GET by every staff role (the world of tests/urls_world.py):
a connection wrapper records every INSERT, UPDATE and DELETE, and only the access log may
appear. The session table is the session store, not application data; the idle timeout
touches it on each request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern

from jobbro.candidates.models import Candidate
from tests import pdf_support
from tests.candidates.pdf_pages import text_of
from tests.urls_world import APP_PATTERNS, build_world, url_of

ALLOWED_TABLES = {"privacy_accesslogentry", "django_session"}
# The citizen's own data export (GDPR art. 15, JSON and PDF) carries the CPR number by
# design; the "show CPR" action is a POST and never answers a GET. A PDF is read as text.
SHOWS_CPR = {"privacy:export", "privacy:export_pdf_da", "privacy:export_pdf_en"}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    return build_world()


class WriteRecorder:
    def __init__(self) -> None:
        self.tables: list[str] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        match = WRITE.match(sql)
        if match:
            self.tables.append(match.group(2).lower())
        return execute(sql, params, many, context)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), APP_PATTERNS, ids=[n for n, _ in APP_PATTERNS])
def test_get_writes_only_the_access_log(
    name: str,
    pattern: URLPattern,
    world: dict[str, Any],
) -> None:
    url = url_of(name, pattern, world)
    cpr = Candidate.objects.get(pk=world["candidates"]).cpr
    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        recorder = WriteRecorder()
        with connection.execute_wrapper(recorder):
            response = client.get(url)
        others = sorted(set(recorder.tables) - ALLOWED_TABLES)
        assert not others, f"GET {name} as {role} wrote to {others}"
        assert cpr not in response.get("Location", "")
        if name in SHOWS_CPR:
            continue
        body = response.content.decode("utf-8", errors="replace")
        if response.get("Content-Type") == "application/pdf" and not pdf_support.MISSING:
            body = text_of(response.content)  # a PDF's text is compressed in its bytes
        assert cpr not in body and f"{cpr[:6]}-{cpr[6:]}" not in body, f"{name} shows the CPR"
