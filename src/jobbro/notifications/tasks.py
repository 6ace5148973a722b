"""The background worker's side: render a notification in its language and send it.

Delivery is at least once. A worker killed after the mail server took a mail but before the
notification was marked sent leaves it unsent, and `retry_failed` sends it again: SMTP has
no way to ask whether a mail arrived. Every attempt carries the same Message-ID, so mail
systems that drop duplicates by Message-ID deliver it once.

A temporary failure (the mail server's 4xx reply, such as 452 when its spool disk is full;
a server down or unreachable; a full local disk) is not the mail's fault: it is tried again
for as long as mail servers keep trying (`services.RETRY_FOR`) and is not counted as a
failed attempt. A permanent one (a 5xx reply, a template that does not render) counts, and
the mail is given up after `services.MAX_ATTEMPTS`.
"""

from __future__ import annotations

import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django_tasks import task

from .models import Notification


def render(notification: Notification, *, link: str | None = None) -> tuple[str, str]:
    """Subject and body of a notification, in the recipient's language; `link` stands in for
    the address in a preview, which must not show anyone's real personal link."""
    address = link if link is not None else settings.JOBBRO_BASE_URL + notification.link
    context = {**notification.context, "link": address}
    # Mails are plain text: "Hansen & Søn" must not arrive as "Hansen &amp; Søn".
    plain = {k: mark_safe(v) if isinstance(v, str) else v for k, v in context.items()}  # noqa: S308
    with translation.override(notification.language):
        subject = render_to_string(f"{notification.template}_subject.txt", plain)
        body = render_to_string(f"{notification.template}.txt", plain)
    return " ".join(subject.split()), body


def message_id(notification: Notification) -> str:
    """The notification's Message-ID, the same at every attempt."""
    domain = urlsplit(settings.JOBBRO_BASE_URL).hostname or "jobbro.invalid"
    return f"<notification-{notification.pk}@{domain}>"


def is_temporary(error: BaseException) -> bool:
    """Whether the mail system may get over `error` by itself (RFC 5321's 4xx replies)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    # Refused, reset or timed-out connections and a full disk (ENOSPC); smtplib's own
    # errors are OSErrors too, so the replies above are sorted out first.
    return isinstance(error, OSError)


@task()
def send_notification(notification_id: int) -> None:
    try:
        with transaction.atomic():
            # The row lock makes a second worker with the same task wait, then find it sent.
            notification = Notification.objects.select_for_update().get(pk=notification_id)
            if notification.sent_at is not None:
                return
            subject, body = render(notification)
            EmailMessage(
                subject=subject,
                body=body,
                to=[notification.address],
                headers={"Message-ID": message_id(notification)},
            ).send()
            notification.subject = subject
            notification.sent_at = timezone.now()
            notification.error = ""
            notification.save(update_fields=["subject", "sent_at", "error"])
    except Exception as error:
        # Recorded for the admin and for send_reminders' retry; the worker logs the task failed.
        failed = 0 if is_temporary(error) else 1
        Notification.objects.filter(pk=notification_id).update(
            error=f"{type(error).__name__}: {error}"[:1000], attempts=F("attempts") + failed
        )
        raise
