from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobbro.organisations.models import Role, User
from tests.factories import staff

PASSWORD = "pw-for-tests-1"


def totp_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now for the device (or a step later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def english() -> Callable[[Client], Client]:
    def switch(client: Client) -> Client:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return switch


@pytest.fixture
def worker(db: object) -> User:
    return staff(Role.BUSINESS_CONSULTANT, username="bc", email="bc@herlev.dk")


@pytest.fixture
def require_2fa(settings: object) -> None:
    settings.JOBBRO_REQUIRE_2FA = True  # type: ignore[attr-defined]


def confirmed_device_for(user: User) -> TOTPDevice:
    # django-otp's model, not the project's: tests/factories covers the jobbro apps only.
    return TOTPDevice.objects.create(user=user, name="Jobbro", confirmed=True)
