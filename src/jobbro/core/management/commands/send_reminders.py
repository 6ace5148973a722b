"""Queue the periodic mails (cron every 15 minutes); `db_worker` sends them."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobbro.case_imports.services import fail_abandoned_runs, forget_unconfirmed_dry_runs
from jobbro.notifications.services import RETRY_FOR, retry_failed

from ...abandoned_tasks import ABANDONED_AFTER, fail_abandoned_tasks
from ...reminders import reminder_jobs


class Command(BaseCommand):
    help = "Queue reminder mails that are due; each goes out once. Run it every 15 minutes."

    def handle(self, *args: Any, **options: Any) -> None:
        for name, job in reminder_jobs():
            self.stdout.write(f"{name}: {job()} mails queued")
        # First the tasks a dead worker left running, so their mails count as failed.
        self.stdout.write(f"tasks left by a stopped worker: {fail_abandoned_tasks()}")
        stopped = fail_abandoned_runs(older_than=ABANDONED_AFTER)
        self.stdout.write(f"imports left by a stopped worker: {stopped}")
        self.stdout.write(f"dry runs' files deleted: {forget_unconfirmed_dry_runs()}")
        retried = retry_failed(since=timezone.now() - RETRY_FOR)
        self.stdout.write(f"failed mails tried again: {retried}")
