"""Background tasks whose worker died while running them.

The database task backend marks a task running when a worker claims it and finished when
the worker ends it; a worker killed in between (a deployment, the out-of-memory killer, a
lost host) leaves it "running" for ever. A task still running long after any task takes is
marked failed, so the queue's state tells the truth; the work itself is redone by its own
retry (mails: `notifications.services.retry_failed`; imports: run the file again).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# Far longer than any task runs: a mail gives up after EMAIL_TIMEOUT (30 s), a case-system
# file of 50,000 rows imports in about a minute.
ABANDONED_AFTER = dt.timedelta(minutes=30)


class WorkerStoppedError(Exception):
    """Recorded as the failure of a task whose worker stopped while running it."""


def fail_abandoned_tasks(*, now: dt.datetime | None = None) -> int:
    """Mark failed the tasks running since before ABANDONED_AFTER; returns how many."""
    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    abandoned = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    count = 0
    for result in abandoned:
        workers = ", ".join(result.worker_ids) or "unknown"
        result.set_failed(
            WorkerStoppedError(
                f"the worker ({workers}) stopped while running this task, "
                f"started {result.started_at:%Y-%m-%d %H:%M:%S %Z}"
            )
        )
        count += 1
    return count
