"""The background worker's side: run an import that a page queued."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import_task(run_id: int) -> None:
    from .services import run_import

    run_import(run_id)
