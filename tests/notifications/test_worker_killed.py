"""Drill: the mail worker killed while it sends.

A real `db_worker` process sends over SMTP to a loopback server that takes the mail but
holds back its answer; the worker is killed (SIGKILL) while it waits. The task is left
"running" and the notification unsent. `send_reminders` (cron, every 15 minutes) then marks
the task failed and queues the mail again, and a new worker sends it: no mail is lost, and
both deliveries carry the same Message-ID, so a mail system that drops duplicates by
Message-ID shows one (SMTP cannot tell us whether the first arrived: at least once).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = """
from jobbro.settings.test import *  # noqa: F403

TASKS = {{"default": {{"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = {port}
"""
QUEUE = """
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import mail_address
mail_address(kind=NotificationKind.SURVEY, to="lone@byg.dk",
             template="core/mail/company_follow_up_due", context={}, link="/")
"""
AGE = """
import datetime as dt
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from jobbro.notifications.models import Notification
past = timezone.now() - dt.timedelta(hours=1)
Notification.objects.update(created_at=past)
DBTaskResult.objects.update(started_at=past)
"""
STATE = """
from django_tasks_db.models import DBTaskResult
from jobbro.notifications.models import Notification
print(sorted(r.status for r in DBTaskResult.objects.all()))
print([n.sent_at is not None for n in Notification.objects.all()])
"""


class HoldingInbox:
    """Takes each mail; holds back the answer to the first until released."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.first_arrived = threading.Event()
        self.release = asyncio.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content)
        if len(self.messages) == 1:
            self.first_arrived.set()
            await self.release.wait()
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp() -> Iterator[tuple[HoldingInbox, int]]:
    inbox = HoldingInbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.loop.call_soon_threadsafe(inbox.release.set)
        controller.stop()


def _env(tmp_path: Path, port: int) -> dict[str, str]:
    (tmp_path / "drill_settings.py").write_text(SETTINGS.format(port=port))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="drill_settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'drill.sqlite3'}",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT / "src"), str(ROOT)]),
    )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _state(env: dict[str, str]) -> list[str]:
    return _manage(env, "shell", "-c", STATE).strip().split("\n")[-2:]


@pytest.mark.django_db(databases=[])
def test_a_mail_worker_killed_mid_send_loses_no_mail_and_leaves_no_task_running(
    smtp: tuple[HoldingInbox, int], tmp_path: Path
) -> None:
    inbox, port = smtp
    env = _env(tmp_path, port)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "shell", "-c", QUEUE)

    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-startup-delay"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert inbox.first_arrived.wait(timeout=120), "the worker never sent"
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _state(env) == ["['RUNNING']", "[False]"]

    # Half an hour later, cron's send_reminders: the task is failed, the mail queued again.
    _manage(env, "shell", "-c", AGE)
    out = _manage(env, "send_reminders")
    assert "tasks left by a stopped worker: 1" in out
    assert "failed mails tried again: 1" in out
    _manage(env, "db_worker", "--batch", "--no-startup-delay")

    assert _state(env) == ["['FAILED', 'SUCCESSFUL']", "[True]"]
    first, second = (message_from_bytes(m) for m in inbox.messages)
    assert first["Message-ID"] == second["Message-ID"]
    assert first["Message-ID"].startswith("<notification-")
    assert second["To"] == "lone@byg.dk"
