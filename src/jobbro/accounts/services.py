"""Writes for two-factor authentication: enrolment, confirmation and an administrator's reset."""

from __future__ import annotations

import time
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from jobbro.organisations.models import User

DEVICE_NAME = "Jobbro"


def enrolment_key() -> str:
    """A fresh TOTP secret (hex, as TOTPDevice stores it) for the enrolment page to show."""
    return str(default_key())


def enrolment_preview(*, user: User, key: str) -> TOTPDevice:
    """An unsaved device for the key: its QR code URL and secret, nothing written yet."""
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=False)


@transaction.atomic
def enrolment_confirm(*, user: User, key: str, token: str) -> TOTPDevice | None:
    """Save a confirmed device when the code matches the key the user scanned, else None.

    Refused when the user already has a confirmed device: a second one would let anyone
    with the password replace the owner's phone.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()  # one enrolment at a time
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return None
    device = enrolment_preview(user=user, key=key)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not token.isdigit() or not totp.verify(int(token), device.tolerance):
        return None
    device.confirmed = True
    device.last_t = totp.t()  # the code just used cannot log in again
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    return device


@transaction.atomic
def two_factor_reset(*, user: User) -> int:
    """Remove every TOTP device of the user, who enrols anew at the next login."""
    deleted, _per_model = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def device_secret(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(data: str) -> str:
    """An SVG QR code: inline markup, so no data: URLs or scripts under the CSP."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=12,
        border=2,
    )
    return str(image.to_string(encoding="unicode"))
