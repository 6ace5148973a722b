"""Writes with an `Idempotency-Key` header happen once.

The first request with a key claims it (a row committed on its own, unique per caller and
key) before it writes, then stores its answer with the write; a repeat with the same key
and the same request (method, path and body) gets the stored answer and changes nothing,
or, while the first is still being handled, a 409 problem to retry later; the same key
with another request is refused (422). A refused write releases its key. The request that
holds a claim locks its row while it writes; on PostgreSQL a claim whose row nobody locks
belongs to a request that died (a web process killed mid-write: its transaction rolled
back), and a repeat takes it over at once. Without row locks (SQLite) such a claim is
taken over once STALE_CLAIM old. Keys belong to
the calling client (its service account) or signed-in user; `manage.py
prune_idempotency_keys` removes old ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema

from .auth import actor, client_of
from .errors import ApiProblem
from .models import IdempotentWrite

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
# A claim this old whose request never finished (a crashed worker) may be taken over.
STALE_CLAIM = dt.timedelta(minutes=10)


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


def _in_progress() -> ApiProblem:
    return ApiProblem(
        409,
        _(
            "A request with this Idempotency-Key is in progress. "
            "Try again in a moment to get its answer."
        ),
        slug="idempotency-key-in-progress",
        headers={"Retry-After": "1"},
    )


def _replay(stored: IdempotentWrite, print_: str) -> HttpResponse:
    if stored.fingerprint != print_:
        raise ApiProblem(
            422,
            _("This Idempotency-Key was used for another request. Use a new key for a new write."),
            slug="idempotency-key-reused",
        )
    if stored.status is None:
        raise _in_progress()
    return _answer(stored.status, stored.response)


def _claim(request: HttpRequest, key: str, print_: str) -> IdempotentWrite | None:
    """Claim the key, committed at once so concurrent requests see it; None when another
    request has it (then its answer or its claim is stored)."""
    user = actor(request)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                return IdempotentWrite.objects.create(
                    user=user, client=client_of(request), key=key, fingerprint=print_
                )
        except IntegrityError:
            # A claim left by a request that died is released after a while.
            stale = timezone.now() - STALE_CLAIM
            taken = IdempotentWrite.objects.filter(
                user=user, key=key, status__isnull=True, created_at__lt=stale
            ).delete()[0]
            if not taken:
                return None
    return None


def _orphaned(stored: IdempotentWrite) -> bool:
    """Whether an unfinished claim has no live request: none holds its row lock."""
    if not connection.features.has_select_for_update_nowait:
        return False  # no row locks to tell by: STALE_CLAIM decides (_claim)
    try:
        with transaction.atomic():
            return (
                IdempotentWrite.objects.select_for_update(nowait=True)
                .filter(pk=stored.pk, status__isnull=True)
                .exists()
            )
    except DatabaseError:  # locked: its request is writing
        return False


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
    print_ = fingerprint(request)
    claim = _claim(request, key, print_)
    if claim is None:
        stored = IdempotentWrite.objects.filter(user=actor(request), key=key).first()
        if stored is None:  # released by a refused write meanwhile: the caller may retry
            raise _in_progress()
        if stored.fingerprint != print_ or stored.status is not None or not _orphaned(stored):
            return _replay(stored, print_)
        claim = stored  # its request died: this one writes instead
    try:
        with transaction.atomic():
            # Held until the write commits: the claim's request is alive while it is locked.
            held = IdempotentWrite.objects.select_for_update().filter(pk=claim.pk).first()
            if held is None:  # a repeat took the claim over, and its write was refused
                raise _in_progress()
            if held.status is not None:  # a repeat took it over and wrote meanwhile
                return _answer(held.status, held.response)
            body = out.model_validate(write()).model_dump(mode="json")
            held.status = status
            held.response = body
            held.save(update_fields=["status", "response"])
    except BaseException:
        # A refused (or failed) write stores no key: the same key may be tried again.
        IdempotentWrite.objects.filter(pk=claim.pk, status__isnull=True).delete()
        raise
    return _answer(status, body)
