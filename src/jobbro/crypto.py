"""CPR numbers at rest: Fernet-encrypted, plus a keyed hash for exact lookup.

Two keys from the settings, never the same: JOBBRO_CPR_KEY encrypts (Fernet keys, comma
separated: the first encrypts, all decrypt, so a key can be rotated), JOBBRO_CPR_HASH_KEY
keys the HMAC-SHA256 that finds a candidate by CPR and keeps CPR numbers unique without
storing them in the clear. Production settings refuse to start without both.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


def dev_key(purpose: str) -> str:
    """A fixed, public key for development and tests only: derived, never random."""
    digest = hashlib.sha256(f"jobbro-dev-only-{purpose}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _setting(name: str) -> str:
    value = getattr(settings, name, "")
    if not value:
        raise ImproperlyConfigured(f"Set {name}; CPR numbers cannot be stored without it.")
    return str(value)


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = [k.strip() for k in _setting("JOBBRO_CPR_KEY").split(",") if k.strip()]
    return MultiFernet([Fernet(k.encode()) for k in keys])


@lru_cache(maxsize=1)
def _hash_key() -> bytes:
    return _setting("JOBBRO_CPR_HASH_KEY").encode()


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: object) -> None:
    if setting in ("JOBBRO_CPR_KEY", "JOBBRO_CPR_HASH_KEY"):
        _fernet.cache_clear()
        _hash_key.cache_clear()


def encrypt_cpr(cpr: str) -> str:
    return _fernet().encrypt(cpr.encode()).decode()


def decrypt_cpr(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never the token or a partial value in the message: it ends up in error reports.
        raise ImproperlyConfigured("A CPR number cannot be decrypted with the keys set.") from error


def hash_cpr(cpr: str) -> str:
    """The keyed hash: equal for equal CPR numbers, useless without the hash key."""
    normalised = cpr.replace("-", "").strip()
    return hmac.new(_hash_key(), normalised.encode(), hashlib.sha256).hexdigest()
