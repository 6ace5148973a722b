"""Paging by cursor, problems in the client's language, the rate limit, pruning keys."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from jobbro.api.models import IdempotentWrite
from jobbro.organisations.models import JobCentre
from tests.api.conftest import Caller
from tests.factories.companies import new_company

pytestmark = pytest.mark.django_db


def _companies(centre: JobCentre, count: int) -> list[int]:
    home = centre.municipalities.get()
    return [new_company(cooperation=centre.cooperation, municipality=home).pk for _ in range(count)]


def test_the_cursor_gives_every_item_once(writer: Caller, centre_a: JobCentre) -> None:
    made = _companies(centre_a, 7)
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        query = f"?limit=3&cursor={cursor}" if cursor else "?limit=3"
        body = writer.get(f"/api/v1/companies/{query}").json()
        seen += [c["id"] for c in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
        # Rows added meanwhile come at the end, never twice and never skipped.
        if pages == 1:
            made += _companies(centre_a, 1)
    assert seen == sorted(made)
    assert pages == 3


def test_a_tampered_cursor_is_a_400_problem(writer: Caller, centre_a: JobCentre) -> None:
    _companies(centre_a, 3)
    cursor = writer.get("/api/v1/companies/?limit=1").json()["next_cursor"]
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    response = writer.get(f"/api/v1/companies/?cursor={tampered}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    # A cursor of another list is refused alike.
    other = writer.get(f"/api/v1/job-orders/?cursor={cursor}")
    assert other.status_code == 400


def test_problems_are_danish_by_default_and_english_on_request(writer: Caller) -> None:
    danish = writer.get("/api/v1/companies/999999")
    assert danish.status_code == 404
    body = danish.json()
    assert body["type"] == "urn:jobbro:problem:not-found"
    assert body["title"] == "Ikke fundet"
    assert body["status"] == 404
    assert danish["Content-Language"] == "da"
    english = writer.get("/api/v1/companies/999999", language="en-GB,en;q=0.9")
    assert english.json()["title"] == "Not found"
    assert english.json()["detail"] == "There is nothing here, or you may not see it."
    assert english["Content-Language"] == "en"


def test_field_errors_are_listed(writer: Caller) -> None:
    response = writer.call("POST", "/api/v1/companies/", {"name": "Uden CVR"}, language="da")
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "Ugyldige oplysninger"
    fields = {e["field"] for e in body["errors"]}
    assert {"cvr", "street", "municipality"} <= fields


@override_settings(JOBBRO_API_RATE_LIMIT="3/m")
def test_beyond_the_rate_limit_is_429_with_retry_after(writer: Caller, reader: Caller) -> None:
    for _ in range(3):
        assert writer.get("/api/v1/companies/").status_code == 200
    refused = writer.get("/api/v1/companies/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["type"] == "urn:jobbro:problem:too-many-requests"
    # The limit is per client.
    assert reader.get("/api/v1/companies/").status_code == 200


def test_prune_removes_old_idempotency_keys_only(writer: Caller, company: object) -> None:
    writer.call(
        "PATCH", f"/api/v1/companies/{company.pk}", {"notes": "a"}, **{"Idempotency-Key": "k1"}
    )  # type: ignore[attr-defined]
    writer.call(
        "PATCH", f"/api/v1/companies/{company.pk}", {"notes": "b"}, **{"Idempotency-Key": "k2"}
    )  # type: ignore[attr-defined]
    IdempotentWrite.objects.filter(key="k1").update(
        created_at=timezone.now() - dt.timedelta(days=8)
    )
    call_command("prune_idempotency_keys")
    assert list(IdempotentWrite.objects.values_list("key", flat=True)) == ["k2"]


def test_a_body_beyond_the_upload_limit_is_a_413_problem(writer: Caller, company: object) -> None:
    from django.conf import settings

    too_big = "æ" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = writer.call("POST", "/api/v1/companies/", {"name": "Stort firma", "notes": too_big})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 413
    assert body["type"] == "urn:jobbro:problem:too-large"
    assert body["title"] == "For stor forespørgsel"
    assert body["detail"] == "Forespørgslen er for stor: højst 2,5 MB."


def test_schema_errors_speak_the_requests_language(writer: Caller, job_order: object) -> None:
    body = {"name": "x" * 201, "cvr": "abc", "employees": "mange", "founded": "31-12-2020"}
    danish = writer.call("POST", "/api/v1/companies/", body)
    assert danish.status_code == 422
    messages = {e["field"]: e["message"] for e in danish.json()["errors"]}
    assert messages["name"] == "Højst 200 tegn."
    assert messages["street"] == "Feltet skal udfyldes."
    patch = writer.call(
        "PATCH",
        f"/api/v1/job-orders/{job_order.pk}",  # type: ignore[attr-defined]
        {"version": "en", "positions": 0, "start_date": "i morgen", "title": ""},
    )
    messages = {e["field"]: e["message"] for e in patch.json()["errors"]}
    assert messages == {
        "version": "Skriv et helt tal.",
        "positions": "Mindst 1.",
        "start_date": "Skriv en dato som ÅÅÅÅ-MM-DD.",
        "title": "Mindst 1 tegn.",
    }
    english = writer.call("POST", "/api/v1/companies/", {"name": "Firma"}, language="en")
    messages = {e["field"]: e["message"] for e in english.json()["errors"]}
    assert messages["street"] == "This field is required."
