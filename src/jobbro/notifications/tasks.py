"""The background worker's side: render a notification in its language and send it."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Notification


def render(notification: Notification) -> tuple[str, str]:
    """Subject and body of a notification, in the recipient's language."""
    context = {**notification.context, "link": settings.JOBBRO_BASE_URL + notification.link}
    with translation.override(notification.language):
        subject = render_to_string(f"{notification.template}_subject.txt", context)
        body = render_to_string(f"{notification.template}.txt", context)
    return " ".join(subject.split()), body


@task()
def send_notification(notification_id: int) -> None:
    notification = Notification.objects.get(pk=notification_id)
    if notification.sent_at is not None:
        return  # a task run twice sends once
    subject, body = render(notification)
    try:
        EmailMessage(subject=subject, body=body, to=[notification.address]).send()
    except OSError as error:
        # Recorded for the admin to see; the task fails too, so the worker logs it.
        Notification.objects.filter(pk=notification_id).update(subject=subject, error=str(error))
        raise
    Notification.objects.filter(pk=notification_id).update(
        subject=subject, sent_at=timezone.now(), error=""
    )
