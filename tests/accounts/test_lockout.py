"""django-axes: five wrong passwords for one user from one address lock that pair."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from jobbro.organisations.models import User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def attempt(client: Client, username: str, password: str, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_four_wrong_passwords_still_allow_the_right_one(worker: User) -> None:
    client = Client()
    for _ in range(4):
        response = attempt(client, "bc", "wrong-password")
        assert response.status_code == 200
        assert "Brugernavn eller adgangskode er forkert" in response.content.decode()
    assert attempt(client, "bc", PASSWORD).status_code == 302
    # A successful login forgets the failures.
    assert not AccessAttempt.objects.filter(username="bc").exists()


def test_the_fifth_wrong_password_locks_with_a_danish_explanation(worker: User) -> None:
    client = Client()
    for _ in range(4):
        attempt(client, "bc", "wrong-password")
    response = attempt(client, "bc", "wrong-password")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Login spærret" in body
    assert "30 minutter" in body
    # Now even the right password is refused …
    locked = attempt(client, "bc", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_in_english(worker: User, english) -> None:
    client = english(Client())
    for _ in range(5):
        response = attempt(client, "bc", "wrong-password")
    assert "Login locked" in response.content.decode()
    assert "5 times in a row" in response.content.decode()


def test_the_lock_is_per_username_and_address(worker: User) -> None:
    other = User.objects.create_user("hr", password=PASSWORD)
    client = Client()
    for _ in range(5):
        attempt(client, "bc", "wrong-password")
    assert attempt(client, "bc", PASSWORD, ip="10.0.0.2").status_code == 302
    assert attempt(Client(), other.username, PASSWORD).status_code == 302


def test_an_administrator_unlocks_in_the_user_admin(worker: User) -> None:
    client = Client()
    for _ in range(5):
        attempt(client, "bc", "wrong-password")
    admin = User.objects.create_superuser("root", "root@example.dk", "x")
    admin_client = Client()
    admin_client.force_login(admin)
    response = admin_client.post(
        reverse("admin:organisations_user_changelist"),
        {"action": "unlock_login", "_selected_action": [worker.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert not AccessAttempt.objects.filter(username="bc").exists()
    assert attempt(client, "bc", PASSWORD).status_code == 302


def test_the_admin_login_is_locked_too(worker: User) -> None:
    client = Client()
    for _ in range(5):
        response = client.post(
            reverse("admin:login"),
            {"username": "bc", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.1",
        )
    assert response.status_code == 429
