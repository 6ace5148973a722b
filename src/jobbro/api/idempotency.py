"""Writes with an `Idempotency-Key` header happen once.

The first request with a key does the write and stores its answer; a repeat with the same
key and the same request (method, path and body) gets the stored answer and changes
nothing; the same key with another request is refused (422). Keys belong to the calling
client (its service account) or signed-in user; `manage.py prune_idempotency_keys` removes
old ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema

from .auth import actor, client_of
from .errors import ApiProblem
from .models import IdempotentWrite

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode() if request.method else b"")
    digest.update(b"\n" + request.path.encode() + b"\n")
    digest.update(request.body)
    return digest.hexdigest()


def _answer(status: int, body: Any) -> HttpResponse:
    """The JSON answer as sent the first time (already in the operation's schema)."""
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def _replay(stored: IdempotentWrite, print_: str) -> HttpResponse:
    if stored.fingerprint != print_:
        raise ApiProblem(
            422,
            _("This Idempotency-Key was used for another request. Use a new key for a new write."),
            slug="idempotency-key-reused",
        )
    return _answer(stored.status, stored.response)


def once(
    request: HttpRequest, status: int, out: type[Schema], write: Callable[[], Any]
) -> HttpResponse:
    """Do `write` (in one transaction) and answer its result as `out`, once per key."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        with transaction.atomic():
            return _answer(status, out.model_validate(write()).model_dump(mode="json"))
    if len(key) > MAX_KEY_LENGTH:
        raise ApiProblem(
            422,
            _("An Idempotency-Key has at most %(count)s characters.") % {"count": MAX_KEY_LENGTH},
            errors=[{"field": HEADER, "message": _("Too long.")}],
        )
    user = actor(request)
    print_ = fingerprint(request)
    stored = IdempotentWrite.objects.filter(user=user, key=key).first()
    if stored is not None:
        return _replay(stored, print_)
    try:
        with transaction.atomic():
            body = out.model_validate(write()).model_dump(mode="json")
            IdempotentWrite.objects.create(
                user=user,
                client=client_of(request),
                key=key,
                fingerprint=print_,
                status=status,
                response=body,
            )
    except IntegrityError:
        # The same key arrived twice at once: the other request did the write.
        stored = IdempotentWrite.objects.filter(user=user, key=key).first()
        if stored is None:
            raise
        return _replay(stored, print_)
    return _answer(status, body)
