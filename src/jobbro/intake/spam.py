"""Spam protection of the public web form without a CAPTCHA (which fails WCAG).

Three checks, each invisible to a person: a honeypot field that people never see or fill,
a signed timestamp of when the form was shown (a submission within seconds is a script, one
older than a day is a replay), and a per-address rate limit on submissions (the view).
A browser's autofill can be as fast as a script, so a submission within seconds is not
refused but shown again with what was written (the view): a script learns nothing from
that it could not learn from the form, and the timestamp still has to be seconds old.
"""

from __future__ import annotations

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
    """The signed moment the form was shown, for its hidden field."""
    return signing.dumps(now if now is not None else time.time(), salt=SALT, compress=True)


def check_token(token: str, now: float | None = None) -> Verdict:
    now = now if now is not None else time.time()
    try:
        shown = float(signing.loads(token, salt=SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return Verdict.FORGED
    age = now - shown
    if age < MIN_SECONDS:
        return Verdict.TOO_FAST
    if age > MAX_SECONDS:
        return Verdict.STALE
    return Verdict.OK
