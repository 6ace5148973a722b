"""Tokens: issued hashed, accepted while not revoked, scoped to read or write."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.api.models import ApiClient
from jobbro.api.services import client_revoke, hash_secret
from jobbro.companies.models import Company
from jobbro.organisations.models import User
from tests.api.conftest import Caller

pytestmark = pytest.mark.django_db


def test_a_good_token_reads_and_is_noted_as_used(writer: Caller, company: Company) -> None:
    response = writer.get("/api/v1/companies/")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["items"]] == ["Tømrerfirmaet Ågård ApS"]
    assert ApiClient.objects.get(pk=writer.client.pk).last_used_at is not None


def test_only_a_hash_of_the_secret_is_stored(writer: Caller) -> None:
    _jbo, prefix, secret = writer.token.split("_")
    stored = ApiClient.objects.get(prefix=prefix)
    assert stored.secret_hash == hash_secret(secret)
    assert secret not in stored.secret_hash
    # The service account cannot sign in.
    assert not stored.user.is_active
    assert not stored.user.has_usable_password()


@pytest.mark.parametrize(
    "token",
    ["", "jbo_nope_nope", "Bearer", "jbo__", "wrong"],
)
def test_a_wrong_token_is_401_problem(writer: Caller, token: str) -> None:
    response = Caller(token=token).get("/api/v1/companies/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_with_a_changed_secret_is_refused(writer: Caller) -> None:
    forged = writer.token[:-3] + ("aaa" if not writer.token.endswith("aaa") else "bbb")
    assert Caller(token=forged).get("/api/v1/companies/").status_code == 401


def test_a_revoked_token_is_refused_at_once(writer: Caller, secretariat: User) -> None:
    assert writer.get("/api/v1/companies/").status_code == 200
    client_revoke(actor=secretariat, client=writer.client)
    assert writer.get("/api/v1/companies/").status_code == 401


def test_a_read_only_client_may_not_write(reader: Caller, company: Company) -> None:
    response = reader.call("PATCH", f"/api/v1/companies/{company.pk}", {"name": "Nyt navn"})
    assert response.status_code == 403
    assert response.json()["status"] == 403
    company.refresh_from_db()
    assert company.name == "Tømrerfirmaet Ågård ApS"


def test_signed_in_staff_use_their_session(consultant: User, company: Company) -> None:
    client = Client()
    client.force_login(consultant)
    assert client.get("/api/v1/companies/").status_code == 200
    # The taxonomy suggestions keep answering the pages' scripts.
    assert client.get(reverse("api:taxonomy_occupations"), {"q": "tø"}).status_code == 200


def test_the_schema_needs_a_token_or_a_session(writer: Caller) -> None:
    assert Caller(token="").get("/api/v1/openapi.json").status_code == 401
    schema = writer.get("/api/v1/openapi.json").json()
    assert "/api/v1/companies/" in schema["paths"]


def test_a_wrong_token_beside_a_session_is_still_refused(consultant: User) -> None:
    """A caller that sends a token means to be that client: no falling back to a session."""
    client = Client()
    client.force_login(consultant)
    response = client.get("/api/v1/companies/", HTTP_AUTHORIZATION="Bearer jbo_0000_nope")
    assert response.status_code == 401
