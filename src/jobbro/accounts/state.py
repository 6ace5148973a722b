"""What the session remembers about how its user logged in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

# Unix time of the session's latest request, for the inactivity timeout.
LAST_SEEN = "jobbro_last_seen"
# Set at login when the user has a confirmed TOTP device: a code is due even where
# JOBBRO_REQUIRE_2FA is off.
OTP_DUE = "jobbro_otp_due"
# The TOTP secret shown on the enrolment page, until the user confirms it with a code.
ENROLMENT_KEY = "jobbro_totp_enrolment_key"
# Set at login through the municipality's IdP, which did its own multi-factor check.
IDP_MFA = "jobbro_idp_mfa"


def two_factor_needed(request: HttpRequest) -> bool:
    return bool(settings.JOBBRO_REQUIRE_2FA or request.session.get(OTP_DUE))


def two_factor_done(request: HttpRequest) -> bool:
    user: Any = request.user
    if request.session.get(IDP_MFA):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())
