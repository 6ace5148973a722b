"""Single sign-on: off unless configured; IdP users map to existing users by e-mail."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from jobbro.accounts.conf import OIDC_BACKEND, oidc_settings
from jobbro.accounts.oidc import user_for_claims
from jobbro.organisations.models import User

pytestmark = pytest.mark.django_db

ENV = {
    "OIDC_RP_CLIENT_ID": "jobbro",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.herlev.dk/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.herlev.dk/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.herlev.dk/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.herlev.dk/jwks",
    "JOBBRO_OIDC_PROVIDER_NAME": "Herlev Kommune",
}


@pytest.fixture
def sso(settings: Any) -> dict[str, Any]:
    configured = oidc_settings(ENV)
    for name, value in configured.items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    return configured


def test_off_without_a_client_id() -> None:
    assert oidc_settings({}) == {}
    assert oidc_settings({"OIDC_OP_TOKEN_ENDPOINT": "https://idp/token"}) == {}


def test_a_client_id_without_endpoints_fails_at_start_up() -> None:
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_TOKEN_ENDPOINT"):
        oidc_settings({k: v for k, v in ENV.items() if k != "OIDC_OP_TOKEN_ENDPOINT"})


def test_configured_never_creates_users_and_uses_pkce() -> None:
    configured = oidc_settings(ENV)
    assert configured["OIDC_CREATE_USER"] is False
    assert configured["OIDC_USE_PKCE"] is True
    assert configured["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert configured["JOBBRO_OIDC_SATISFIES_2FA"] is True
    assert (
        oidc_settings({**ENV, "JOBBRO_OIDC_SATISFIES_2FA": "false"})["JOBBRO_OIDC_SATISFIES_2FA"]
        is False
    )


def test_the_login_page_has_no_sso_button_when_off() -> None:
    body = Client().get(reverse("login")).content.decode()
    assert "oidc-login" not in body
    assert Client().get(reverse("oidc_authentication_init")).status_code == 404
    assert Client().get(reverse("oidc_authentication_callback")).status_code == 404


@pytest.mark.usefixtures("sso")
def test_the_login_page_offers_the_municipality_idp_when_on() -> None:
    body = Client().get(reverse("login")).content.decode()
    assert "Log ind med Herlev Kommune" in body


@pytest.mark.usefixtures("sso")
def test_the_button_sends_the_browser_to_the_idp() -> None:
    response = Client().get(reverse("oidc_authentication_init"), {"next": "/companies/"})
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == ENV["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    query = parse_qs(url.query)
    assert query["client_id"] == ["jobbro"]
    assert query["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert "code_challenge" in query


@pytest.mark.usefixtures("sso")
def test_a_failed_idp_login_explains_itself(english) -> None:
    client = english(Client())
    response = client.get(reverse("oidc_authentication_callback"), {"error": "access_denied"})
    assert response["Location"] == reverse("login")
    page = client.get(reverse("login")).content.decode()
    assert "does not belong to a Jobbro user" in page


def test_a_password_login_works_with_sso_configured(sso: dict[str, Any], worker: User) -> None:
    response = Client().post(reverse("login"), {"username": "bc", "password": "pw-for-tests-1"})
    assert response.status_code == 302


class TestUserForClaims:
    def test_the_verified_email_names_the_user(self, worker: User) -> None:
        assert user_for_claims({"email": "BC@Herlev.dk", "email_verified": True}) == worker
        assert user_for_claims({"email": "bc@herlev.dk"}) == worker

    def test_an_unverified_email_is_refused(self, worker: User) -> None:
        assert user_for_claims({"email": "bc@herlev.dk", "email_verified": False}) is None

    def test_no_email_no_user(self, worker: User) -> None:
        assert user_for_claims({"sub": "123"}) is None
        assert user_for_claims({"email": "  "}) is None

    def test_users_without_membership_are_not_created_or_matched(self, db: object) -> None:
        User.objects.create_user("loner", email="loner@herlev.dk")
        assert user_for_claims({"email": "loner@herlev.dk"}) is None
        assert user_for_claims({"email": "stranger@herlev.dk"}) is None
        assert not User.objects.filter(email="stranger@herlev.dk").exists()

    def test_inactive_users_are_refused(self, worker: User) -> None:
        worker.is_active = False
        worker.save()
        assert user_for_claims({"email": "bc@herlev.dk"}) is None

    def test_two_users_with_one_address_are_refused(self, worker: User) -> None:
        from jobbro.organisations.models import Role
        from tests.factories import staff

        staff(Role.MANAGER, email="bc@herlev.dk")
        assert user_for_claims({"email": "bc@herlev.dk"}) is None


def test_the_backend_maps_the_userinfo(sso: dict[str, Any], worker: User, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from jobbro.accounts.oidc import JobbroOIDCBackend

    backend = JobbroOIDCBackend()
    monkeypatch.setattr(
        backend, "get_userinfo", lambda *_: {"email": "bc@herlev.dk", "email_verified": True}
    )
    assert backend.get_or_create_user("access", "id", {}) == worker
    monkeypatch.setattr(backend, "get_userinfo", lambda *_: {"email": "nobody@herlev.dk"})
    assert backend.get_or_create_user("access", "id", {}) is None


def test_an_idp_login_counts_as_two_factor(sso: dict[str, Any], worker: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOBBRO_REQUIRE_2FA = True
    client = Client()
    client.force_login(worker, backend=OIDC_BACKEND)
    assert client.get("/companies/").status_code == 200
    settings.JOBBRO_OIDC_SATISFIES_2FA = False
    strict = Client()
    strict.force_login(worker, backend=OIDC_BACKEND)
    assert strict.get("/companies/")["Location"].startswith(reverse("accounts:enrol"))
