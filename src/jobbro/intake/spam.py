"""Spam protection of the public web form without a CAPTCHA (which fails WCAG).

Three checks, each invisible to a person: a honeypot field that people never see or fill,
a signed timestamp of when the form was shown (a submission within seconds is a script, one
older than a day is stale), and a per-address rate limit on submissions (the view). The
token also carries a random nonce, spent with the inquiry it registers
(`services.web_inquiry_register`): each shown form registers at most one inquiry.
A browser's autofill can be as fast as a script, so a submission within seconds is not
refused but shown again with what was written (the view): a script learns nothing from
that it could not learn from the form, and the timestamp still has to be seconds old.
"""

from __future__ import annotations

import secrets
import time
from enum import Enum

from django.core import signing

SALT = "jobbro.intake.web-form"
MIN_SECONDS = 3
MAX_SECONDS = 24 * 60 * 60


class Verdict(Enum):
    OK = "ok"
    TOO_FAST = "too_fast"
    STALE = "stale"
    FORGED = "forged"


def form_token(now: float | None = None) -> str:
    """The signed moment the form was shown and a nonce of its own, for its hidden field."""
    shown = now if now is not None else time.time()
    return signing.dumps([shown, secrets.token_urlsafe(16)], salt=SALT, compress=True)


def _load(token: str) -> tuple[float, str] | None:
    try:
        shown, nonce = signing.loads(token, salt=SALT)
        return float(shown), str(nonce)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def token_nonce(token: str) -> str:
    """The nonce of a token `check_token` accepted."""
    loaded = _load(token)
    if loaded is None:
        raise ValueError("not a form token")
    return loaded[1]


def check_token(token: str, now: float | None = None) -> Verdict:
    now = now if now is not None else time.time()
    loaded = _load(token)
    if loaded is None:
        return Verdict.FORGED
    age = now - loaded[0]
    if age < MIN_SECONDS:
        return Verdict.TOO_FAST
    if age > MAX_SECONDS:
        return Verdict.STALE
    return Verdict.OK
