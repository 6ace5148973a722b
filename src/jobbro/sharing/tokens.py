"""An anonymous hit's handle: names the candidate to the server only.

"Ask for the CV" must say which candidate without putting the candidate's id in the page:
a signed value would still carry it readably, so the id is encrypted (Fernet, a key derived
from SECRET_KEY), bound to the user it was shown to, and valid for a day.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"jobbro.sharing.hit:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def hit_token(*, candidate_id: int, user_id: int) -> str:
    return _fernet().encrypt(f"{candidate_id}:{user_id}".encode()).decode()


def candidate_of_token(token: str, *, user_id: int) -> int | None:
    """The candidate id, or None for a token that is forged, expired or someone else's."""
    try:
        plain = _fernet().decrypt(token.encode(), ttl=MAX_AGE_SECONDS).decode()
    except (InvalidToken, ValueError, UnicodeError):
        return None
    candidate, _, user = plain.partition(":")
    if not candidate.isdigit() or user != str(user_id):
        return None
    return int(candidate)
