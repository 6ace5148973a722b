"""Sessions end after inactivity and when the browser closes; the login page says why."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jobbro.organisations.models import User

pytestmark = pytest.mark.django_db


def idle_for(client: Client, seconds: float) -> None:
    session = client.session
    session["jobbro_last_seen"] = time.time() - seconds
    session.save()


def test_the_defaults() -> None:
    assert settings.JOBBRO_SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_a_recently_used_session_continues(worker: User, client_for) -> None:
    client = client_for(worker)
    idle_for(client, 29 * 60)
    assert client.get("/companies/").status_code == 200


def test_an_idle_session_ends_with_a_message(worker: User, client_for) -> None:
    client = client_for(worker)
    idle_for(client, 31 * 60)
    response = client.get("/companies/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/companies/"
    page = client.get(response["Location"]).content.decode()
    assert "Du er blevet logget ud, fordi du ikke har brugt Jobbro" in page
    assert "_auth_user_id" not in client.session
    # The message is shown once.
    assert "logget ud, fordi" not in client.get(reverse("login")).content.decode()


def test_each_request_restarts_the_clock(worker: User, client_for, settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOBBRO_SESSION_IDLE_SECONDS = 90
    client = client_for(worker)
    idle_for(client, 80)
    assert client.get("/companies/").status_code == 200
    assert time.time() - client.session["jobbro_last_seen"] < 5


def test_htmx_requests_load_the_login_page_in_full(worker: User, client_for) -> None:
    client = client_for(worker)
    idle_for(client, 31 * 60)
    response = client.get("/companies/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_a_form_sent_by_htmx_after_the_session_ended_is_left_as_it_was(
    worker: User, client_for
) -> None:
    """401 and no redirect: htmx would swap the login page into the form and lose the text."""
    client = client_for(worker)
    idle_for(client, 31 * 60)
    response = client.post("/companies/new/", {"name": "Halvfærdig"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 401 and "HX-Redirect" not in response
    # Without htmx, and with no session at all, the login page as usual.
    anonymous = Client().post("/companies/new/", {"name": "Halvfærdig"}, HTTP_HX_REQUEST="true")
    assert anonymous.status_code == 401
    assert Client().get("/companies/")["Location"].startswith(reverse("login"))


def test_the_session_cookie_ends_with_the_browser(worker: User) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "bc", "password": "pw-for-tests-1"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert cookie["httponly"]


def test_the_clock_is_written_at_most_once_a_minute(worker: User, client_for) -> None:
    """Each page view wrote the session row; now a view within the minute writes nothing
    (a database write per click under load), and the timeout is 30 to 31 minutes."""
    client = client_for(worker)
    idle_for(client, 20)
    seen = client.session["jobbro_last_seen"]
    response = client.get("/companies/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the session was not saved
    assert client.session["jobbro_last_seen"] == seen
    idle_for(client, 61)
    client.get("/companies/")
    assert time.time() - client.session["jobbro_last_seen"] < 5
