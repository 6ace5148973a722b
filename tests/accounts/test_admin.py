"""Recovery by an administrator: reset a lost authenticator; device secrets stay hidden."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobbro.organisations.models import User

from .conftest import confirmed_device_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db: object) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.dk", "x"))
    return client


def test_reset_two_factor_sends_the_user_back_to_enrolment(
    admin_client_: Client, worker: User, settings: object
) -> None:
    confirmed_device_for(worker)
    response = admin_client_.post(
        reverse("admin:organisations_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [worker.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 bruger skal opsætte totrinsbekræftelse igen" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=worker).exists()
    settings.JOBBRO_REQUIRE_2FA = True  # type: ignore[attr-defined]
    client = Client()
    client.post(reverse("login"), {"username": "bc", "password": "pw-for-tests-1"})
    assert client.get("/")["Location"].startswith(reverse("accounts:enrol"))


def test_the_actions_are_offered_in_the_user_admin(admin_client_: Client) -> None:
    body = admin_client_.get(reverse("admin:organisations_user_changelist")).content.decode()
    assert 'value="unlock_login"' in body
    assert 'value="reset_two_factor"' in body


def test_the_device_admin_does_not_show_the_secret(admin_client_: Client, worker: User) -> None:
    device = confirmed_device_for(worker)
    url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    assert device.key not in admin_client_.get(url).content.decode()


def test_the_admin_login_alone_does_not_open_the_admin(worker: User, settings: object) -> None:
    settings.JOBBRO_REQUIRE_2FA = True  # type: ignore[attr-defined]
    root = User.objects.create_superuser("root", "root@example.dk", "pw-for-tests-1")
    client = Client()
    client.post(reverse("admin:login"), {"username": root.username, "password": "pw-for-tests-1"})
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("accounts:enrol"))
