"""What the scheduled sweep (`send_reminders`, every 15 minutes) does to imports: a run a
killed worker left "running" is marked failed and its file forgotten; a dry run's file
(CPR numbers) is deleted once confirmed, or after DRY_RUN_KEPT unconfirmed."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobbro.candidates.models import Candidate
from jobbro.case_imports.models import ImportKind, ImportRun, RunStatus
from jobbro.case_imports.services import (
    DRY_RUN_KEPT,
    confirm_import,
    create_run,
    fail_abandoned_runs,
    forget_unconfirmed_dry_runs,
    run_import,
)
from jobbro.case_imports.tasks import run_import_task

from .files import ANNA, BO, csv_bytes

pytestmark = pytest.mark.usefixtures("esco")
HALF_HOUR = dt.timedelta(minutes=30)
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _stopped_run(centre, user, *, minutes_ago: int) -> ImportRun:
    """A run as a worker killed mid-import leaves it."""
    run = create_run(
        job_centre=centre,
        kind=ImportKind.CANDIDATES,
        filename="borgere.csv",
        data=csv_bytes(ANNA, BO),
        user=user,
        dry_run=False,
    )
    ImportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        progress=60,
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
    return run


def _dry_run(centre, user, *, hours_ago: float) -> ImportRun:
    made = create_run(
        job_centre=centre,
        kind=ImportKind.CANDIDATES,
        filename="borgere.csv",
        data=csv_bytes(ANNA, BO),
        user=user,
    )
    run = run_import(made.pk)
    assert run.status == RunStatus.DONE and run.data
    ImportRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now() - dt.timedelta(hours=hours_ago)
    )
    return run


def test_a_run_a_killed_worker_left_running_is_failed_and_its_file_forgotten(
    client, herlev, consultant
):
    stopped = _stopped_run(herlev, consultant, minutes_ago=45)
    recent = _stopped_run(herlev, consultant, minutes_ago=5)

    assert fail_abandoned_runs(older_than=HALF_HOUR) == 1

    stopped.refresh_from_db()
    assert stopped.status == RunStatus.FAILED and stopped.finished_at is not None
    assert bytes(stopped.data) == b""  # the CPR numbers go with it
    assert not Candidate.objects.exists()
    recent.refresh_from_db()
    assert recent.status == RunStatus.RUNNING and recent.data
    client.force_login(consultant)
    page = client.get(reverse("case_imports:run", args=[stopped.pk])).content.decode()
    assert "Importen stoppede, før den var færdig. Intet er skrevet" in page
    assert "hx-trigger" not in page  # the page stops polling


@override_settings(TASKS=DB_TASKS)
def test_a_run_whose_task_is_still_queued_or_running_is_left_alone(herlev, consultant):
    waiting = _stopped_run(herlev, consultant, minutes_ago=90)
    run_import_task.enqueue(waiting.pk)  # the worker was busy: still queued

    assert fail_abandoned_runs(older_than=HALF_HOUR) == 0
    waiting.refresh_from_db()
    assert waiting.status == RunStatus.RUNNING


def test_an_unconfirmed_dry_run_keeps_its_file_for_a_day_only(client, herlev, consultant):
    old = _dry_run(herlev, consultant, hours_ago=DRY_RUN_KEPT.total_seconds() / 3600 + 1)
    fresh = _dry_run(herlev, consultant, hours_ago=1)

    assert forget_unconfirmed_dry_runs() == 1

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert bytes(old.data) == b"" and fresh.data
    client.force_login(consultant)
    page = client.get(reverse("case_imports:run", args=[old.pk])).content.decode()
    assert "Upload filen igen" in page or "Upload the file again" not in page
    assert 'data-testid="dry-run-forgotten"' in page
    assert 'data-testid="confirm-import"' not in page
    answer = client.post(reverse("case_imports:confirm", args=[old.pk]), follow=True)
    assert "Filen til denne prøvekørsel er slettet" in answer.content.decode()
    assert ImportRun.objects.count() == 2 and not Candidate.objects.exists()


def test_a_confirmed_dry_run_forgets_its_file_and_links_to_the_import(client, herlev, consultant):
    dry = _dry_run(herlev, consultant, hours_ago=0)
    imported = confirm_import(user=consultant, dry_run=dry)

    dry.refresh_from_db()
    assert bytes(dry.data) == b""
    client.force_login(consultant)
    page = client.get(reverse("case_imports:run", args=[dry.pk])).content.decode()
    assert reverse("case_imports:run", args=[imported.pk]) in page
    assert 'data-testid="dry-run-forgotten"' not in page


def test_the_quarter_hourly_command_runs_both_sweeps(herlev, consultant):
    _stopped_run(herlev, consultant, minutes_ago=45)
    _dry_run(herlev, consultant, hours_ago=30)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "imports left by a stopped worker: 1" in out.getvalue()
    assert "dry runs' files deleted: 1" in out.getvalue()
