"""Outside development a failure shows the project's own page in the user's language."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from jobbro.organisations.models import Role
from tests.factories import staff

pytestmark = pytest.mark.django_db


def _fail(*args: object, **kwargs: object) -> None:
    raise OperationalError("database is locked")


def test_a_server_error_shows_our_page_in_danish(job_centre, monkeypatch) -> None:
    monkeypatch.setattr("jobbro.core.views.selectors.open_job_order_ids_for", _fail)
    client = Client(raise_request_exception=False)
    client.force_login(staff(Role.BUSINESS_CONSULTANT, job_centre))
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert '<h1 class="mt-7">Noget gik galt</h1>' in page
    assert "intet af det blev gemt" in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_a_server_error_in_english(job_centre, monkeypatch) -> None:
    monkeypatch.setattr("jobbro.core.views.selectors.open_job_order_ids_for", _fail)
    client = Client(raise_request_exception=False)
    client.force_login(staff(Role.BUSINESS_CONSULTANT, job_centre))
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Something went wrong" in page


def test_missing_and_refused_pages_are_ours(job_centre, client_for) -> None:
    client = client_for(staff(Role.DATA_PROTECTION_OFFICER, job_centre))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "Siden findes ikke" in missing.content.decode()
    refused = client.get("/companies/")
    assert refused.status_code == 403
    assert "Din rolle giver ikke adgang til denne side." in refused.content.decode()


def test_an_expired_form_says_what_to_do(job_centre) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff(Role.BUSINESS_CONSULTANT, job_centre))
    response = client.post("/companies/new/", {"name": "Uden token"})
    assert response.status_code == 403
    assert "Siden var udløbet" in response.content.decode()
