"""The real path: a write queues a task in the database, the worker sends it by SMTP.

An SMTP server (aiosmtpd) listens on loopback; `db_worker --batch` is the command a
deployment runs, here run until the queue is empty.
"""

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from jobbro.core.reminders import notify_due_follow_ups
from jobbro.joborders.models import FollowUp
from jobbro.notifications.models import Notification
from jobbro.organisations.models import User

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Any] = []

    def handle_message(self, message: Any) -> None:
        self.messages.append(message)


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # a free port: the controller checks it by connecting
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_the_worker_sends_queued_mail_over_smtp(
    smtp_server: tuple[Inbox, int], due_follow_up: FollowUp, onboarding: User
) -> None:
    inbox, port = smtp_server
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
    ):
        assert notify_due_follow_ups() == 1
        assert inbox.messages == []  # queued, not sent by the web process
        assert DBTaskResult.objects.get().status == "READY"

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    [received] = inbox.messages
    parsed = message_from_bytes(received.as_bytes())
    assert parsed["To"] == onboarding.email
    assert str(make_header(decode_header(parsed["Subject"]))) == (
        "Opfølgning forfalder: Tømrer hos Byg A/S"
    )
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Notification.objects.get().sent_at is not None
