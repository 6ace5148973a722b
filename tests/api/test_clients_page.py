"""The secretariat's page: issue a token (shown once), list, revoke; nobody else opens it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.api.models import ApiClient, Scope
from jobbro.organisations.models import JobCentre, Role, User
from tests.api.conftest import Caller
from tests.factories import CooperationFactory, JobCentreFactory, staff

pytestmark = pytest.mark.django_db


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_issues_a_token_shown_once(secretariat: User, centre_a: JobCentre) -> None:
    client = _signed_in(secretariat)
    url = reverse("api_clients:list")
    posted = client.post(
        url, {"name": "Albertslunds sagssystem", "job_centre": centre_a.pk, "scope": Scope.READ}
    )
    # Post/redirect/get: reloading the page after issuing issues no second token.
    assert posted.status_code == 302 and posted["Location"] == url
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "det vises kun denne ene gang" in page
    (token,) = re.findall(r"jbo_[0-9a-f]+_[A-Za-z0-9-]+", page)
    stored = ApiClient.objects.get()
    assert stored.created_by == secretariat
    assert stored.scope == Scope.READ
    assert Caller(token=token).get("/api/v1/companies/").status_code == 200
    # Shown once: the list afterwards has the prefix only.
    again = client.get(url)
    assert "no-store" in again["Cache-Control"]
    assert token not in again.content.decode()
    assert f"jbo_{stored.prefix}_" in again.content.decode()
    assert token not in str(dict(client.session))
    assert ApiClient.objects.count() == 1


def test_the_secretariat_revokes_a_token(secretariat: User, reader: Caller) -> None:
    client = _signed_in(secretariat)
    response = client.post(reverse("api_clients:revoke", args=[reader.client.pk]), follow=True)
    assert response.status_code == 200
    assert reader.get("/api/v1/companies/").status_code == 401
    assert ApiClient.objects.get(pk=reader.client.pk).revoked_by == secretariat


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SECRETARIAT])
def test_other_roles_are_refused(role: Role, centre_a: JobCentre, reader: Caller) -> None:
    client = _signed_in(staff(role, centre_a))
    assert client.get(reverse("api_clients:list")).status_code == 403
    assert client.post(reverse("api_clients:revoke", args=[reader.client.pk])).status_code == 403


def test_another_cooperations_secretariat_sees_none_of_it(reader: Caller) -> None:
    cooperation = CooperationFactory(name="Nordsjællands Rekrutteringsservice", short_name="NRS")
    other = staff(Role.SECRETARIAT, JobCentreFactory(cooperation=cooperation))
    client = _signed_in(other)
    assert reader.client.name not in client.get(reverse("api_clients:list")).content.decode()
    assert client.post(reverse("api_clients:revoke", args=[reader.client.pk])).status_code == 404
