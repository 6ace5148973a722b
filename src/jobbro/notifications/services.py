"""Notify staff and companies by mail; the background worker sends (see tasks.py).

A notification row and its task are written in the caller's transaction: when the caller's
write rolls back, no mail goes out, and when it commits, a worker sends even if the web
process stops right after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobbro.organisations.models import User

from .models import USER_KINDS, Notification, NotificationKind, NotificationSettings
from .tasks import render, send_notification


def notify(
    *,
    kind: NotificationKind,
    users: Iterable[User],
    template: str,
    context: Mapping[str, Any],
    link: str,
    key: str = "",
) -> int:
    """Mail each user who wants this kind and has an address; returns how many were queued.

    `key` makes the mail once-only per user (a reminder, an overdue warning); `template`
    names `<template>_subject.txt` and `<template>.txt`, rendered in the user's language.
    """
    recipients = {u.pk: u for u in users if u.email and u.is_active}
    choices = {
        s.user_id: s for s in NotificationSettings.objects.filter(user_id__in=list(recipients))
    }
    queued = 0
    for user in recipients.values():
        choice = choices.get(user.pk)
        if choice is not None and not choice.wants(kind):
            continue
        language = choice.language if choice is not None else settings.LANGUAGE_CODE
        if _queue(
            user=user,
            address=user.email,
            kind=kind,
            key=key,
            language=language,
            template=template,
            context=context,
            link=link,
        ):
            queued += 1
    return queued


def mail_address(
    *,
    kind: NotificationKind,
    to: str,
    template: str,
    context: Mapping[str, Any],
    link: str,
    language: str = settings.LANGUAGE_CODE,
    key: str = "",
) -> bool:
    """Mail someone outside the service, such as a company's contact person."""
    return _queue(
        user=None,
        address=to,
        kind=kind,
        key=key,
        language=language,
        template=template,
        context=context,
        link=link,
    )


def _queue(
    *,
    user: User | None,
    address: str,
    kind: NotificationKind,
    key: str,
    language: str,
    template: str,
    context: Mapping[str, Any],
    link: str,
) -> bool:
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                address=address,
                kind=kind,
                key=key,
                language=language,
                template=template,
                context=dict(context),
                link=link,
            )
    except IntegrityError:
        if not key:
            raise
        return False  # mailed before under this key
    send_notification.enqueue(notification.pk)
    return True


@dataclass(frozen=True)
class MailPreview:
    subject: str
    body: str


def mail_preview(
    *,
    kind: NotificationKind,
    template: str,
    context: Mapping[str, Any],
    link: str,
    language: str = settings.LANGUAGE_CODE,
) -> MailPreview:
    """A mail as it would read, rendered by the worker's own code, neither saved nor sent;
    `link` stands in for the address, so a preview never shows someone's real link."""
    unsent = Notification(kind=kind, template=template, context=dict(context), language=language)
    subject, body = render(unsent, link=link)
    return MailPreview(subject, body)


def settings_for(user: User) -> NotificationSettings:
    """The user's choices, unsaved defaults when they have made none."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


@transaction.atomic
def settings_update(*, user: User, language: str, kinds: Iterable[str]) -> NotificationSettings:
    wanted = set(kinds)
    values: dict[str, Any] = {"language": language}
    values.update({str(kind): kind in wanted for kind in USER_KINDS})
    choice, _created = NotificationSettings.objects.update_or_create(user=user, defaults=values)
    return choice


# Permanent failures (tasks.is_temporary) before a mail is given up.
MAX_ATTEMPTS = 5
# A mail still unsent after this long failed, or its worker died while sending it.
STALE_AFTER = dt.timedelta(minutes=15)
# How long an unsent mail is tried again, through temporary failures such as a mail
# server's full spool disk: as long as mail servers keep a mail queued (RFC 5321 4.5.4.1).
RETRY_FOR = dt.timedelta(days=5)


def retry_failed(*, since: dt.datetime, now: dt.datetime | None = None) -> int:
    """Queue again the mails since `since` that are not sent after STALE_AFTER and have
    failed permanently fewer than MAX_ATTEMPTS times; the task's row lock makes a duplicate
    harmless."""
    now = now or timezone.now()
    failed = list(
        Notification.objects.filter(
            sent_at__isnull=True,
            created_at__gte=since,
            created_at__lt=now - STALE_AFTER,
            attempts__lt=MAX_ATTEMPTS,
        ).values_list("pk", flat=True)
    )
    for pk in failed:
        send_notification.enqueue(pk)
    return len(failed)
