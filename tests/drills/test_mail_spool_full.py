"""Drill: the mail spool's disk is full (issue 16, point 4).

Production sends over SMTP. A mail server whose spool disk is full answers a mail with
"452 4.3.1 Insufficient system storage": a temporary failure. Here an SMTP server on
loopback (aiosmtpd) answers so while "full" and takes mail once "freed"; a real `db_worker`
process sends a queued mail to it. While the disk is full the mail stays unsent, with the
reply recorded and no failed attempt counted, the worker keeps running without hammering
the server, and each run of `send_reminders` (cron, every 15 minutes) queues it again.
Once the disk is freed the next run delivers it, once.

In development the file backend writes mail to var/mail; on a full disk it raises ENOSPC,
the same temporary failure: shown on a 64 KiB tmpfs (needs root to mount, else skipped).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from email import message_from_bytes
from pathlib import Path
from typing import Any

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from jobbro.notifications.models import Notification, NotificationKind
from jobbro.notifications.services import RETRY_FOR, STALE_AFTER, mail_address, retry_failed
from tests.drills.processes import ROOT, free_port, suite_database_url

SETTINGS = """
from jobbro.settings.test import *  # noqa: F403

TASKS = {{"default": {{"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = {port}
"""
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A quarter of an hour passes, then cron runs send_reminders.
CRON = """
import datetime as dt
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from jobbro.notifications.models import Notification
Notification.objects.update(created_at=timezone.now() - dt.timedelta(minutes=16))
call_command("send_reminders")
"""
FULL = "452 4.3.1 Insufficient system storage"


class Spool:
    """An SMTP server whose spool disk is full until `freed`: it refuses each mail's DATA."""

    def __init__(self) -> None:
        self.full = True
        self.refused = 0
        self.messages: list[bytes] = []
        self.changed = threading.Condition()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.changed:
            if self.full:
                self.refused += 1
                answer = FULL
            else:
                self.messages.append(envelope.content)
                answer = "250 Message accepted for delivery"
            self.changed.notify_all()
        return answer

    def wait(self, *, refused: int = 0, delivered: int = 0, timeout: float = 60) -> None:
        with self.changed:
            assert self.changed.wait_for(
                lambda: self.refused >= refused and len(self.messages) >= delivered, timeout
            ), f"refused {self.refused}, delivered {len(self.messages)}"


@pytest.fixture
def spool() -> Iterator[tuple[Spool, int]]:
    server = Spool()
    port = free_port()
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield server, port
    finally:
        controller.stop()


def _database_url(tmp_path: Path) -> str:
    """The database for the drill's processes, migrated already (a fresh migrate takes
    minutes): on PostgreSQL the test database itself (the test commits), on SQLite a file
    copy of the in-memory test database."""
    if connection.vendor == "postgresql":
        return suite_database_url()
    connection.ensure_connection()
    copy = sqlite3.connect(tmp_path / "drill.sqlite3")
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return f"sqlite:///{tmp_path / 'drill.sqlite3'}"


def _env(tmp_path: Path, port: int) -> dict[str, str]:
    (tmp_path / "drill_settings.py").write_text(SETTINGS.format(port=port))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="drill_settings",
        DATABASE_URL=_database_url(tmp_path),
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


def _state(url: str) -> tuple[list[str], list[tuple[bool, int, str]]]:
    """The tasks' states and the mails' (sent, failed attempts, error), read as the
    processes wrote them."""
    tasks = "SELECT status FROM django_tasks_database_dbtaskresult ORDER BY status"
    mails = "SELECT sent_at IS NOT NULL, attempts, error FROM notifications_notification"
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
            statuses, rows = db.execute(tasks).fetchall(), db.execute(mails).fetchall()
    else:
        with psycopg.connect(url) as db:
            statuses, rows = db.execute(tasks).fetchall(), db.execute(mails).fetchall()
    return [r[0] for r in statuses], [(bool(r[0]), r[1], r[2][:40]) for r in rows]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_full_mail_spool_delays_the_mail_and_loses_none(
    spool: tuple[Spool, int], tmp_path: Path
) -> None:
    server, port = spool
    with override_settings(TASKS=DATABASE_TASKS):  # queued for the worker, as a page does
        mail_address(
            kind=NotificationKind.SURVEY,
            to="lone@byg.dk",
            template="core/mail/company_follow_up_due",
            context={},
            link="/",
        )
    env = _env(tmp_path, port)
    url = env["DATABASE_URL"]

    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-startup-delay"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        server.wait(refused=1, timeout=120)
        time.sleep(3)  # the worker polls on: no retry loop against the full server, no crash
        assert (server.refused, worker.poll()) == (1, None)
        unsent = [(False, 0, "SMTPDataError: (452, b'4.3.1 Insufficien")]
        assert _state(url) == (["FAILED"], unsent)

        # Still full at the next cron run: queued again, refused again, still not counted.
        assert "failed mails tried again: 1" in _manage(env, "shell", "-c", CRON)
        server.wait(refused=2)
        time.sleep(1)  # the worker records the failure after the server's answer
        assert _state(url) == (["FAILED", "FAILED"], unsent)

        # The disk is freed; the next cron run delivers the mail, once.
        with server.changed:
            server.full = False
        assert "failed mails tried again: 1" in _manage(env, "shell", "-c", CRON)
        server.wait(delivered=1)
        time.sleep(1)
        assert _state(url) == (["FAILED", "FAILED", "SUCCESSFUL"], [(True, 0, "")])
        assert "failed mails tried again: 0" in _manage(env, "shell", "-c", CRON)
        assert worker.poll() is None
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    [delivered] = server.messages
    message = message_from_bytes(delivered)
    assert message["To"] == "lone@byg.dk"
    assert message["Message-ID"].startswith("<notification-")
    assert server.refused == 2


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, filled to the last byte."""
    mount = tmp_path / "mail"
    mount.mkdir()
    mounted = subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a small tmpfs needs root: {mounted.stderr.decode().strip()}")
    try:
        filler = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(filler, b"x" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
        finally:
            os.close(filler)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)  # noqa: S603, S607


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_full_local_disk_delays_the_mail_and_loses_none(full_disk: Path) -> None:
    with override_settings(
        TASKS=DATABASE_TASKS,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(full_disk),
    ):
        mail_address(
            kind=NotificationKind.SURVEY,
            to="lone@byg.dk",
            template="core/mail/company_follow_up_due",
            context={},
            link="/",
        )
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        notification = Notification.objects.get()
        assert (notification.sent_at, notification.attempts) == (None, 0)
        assert "No space left on device" in notification.error

        (full_disk / "filler").unlink()
        later = timezone.now() + STALE_AFTER
        assert retry_failed(since=timezone.now() - RETRY_FOR, now=later) == 1
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    notification.refresh_from_db()
    assert notification.sent_at is not None
    written = b"".join(p.read_bytes() for p in full_disk.iterdir())
    assert written.count(b"\nTo: lone@byg.dk\n") == 1
    assert f"<notification-{notification.pk}@".encode() in written
