"""Writes for two-factor authentication: enrolment, confirmation and an administrator's reset."""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobbro.organisations.models import User

DEVICE_NAME = "Jobbro"


@transaction.atomic
def enrolment_device(*, user: User) -> TOTPDevice:
    """The user's unconfirmed device, created once, so reloading keeps the scanned secret."""
    pending = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False)
    device = pending.order_by("pk").first()
    if device is None:
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    pending.exclude(pk=device.pk).delete()
    return device


@transaction.atomic
def enrolment_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the device when the code from the user's app matches; False when it does not."""
    if device.confirmed or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


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
