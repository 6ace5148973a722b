"""The background worker's side: rebuild the summary's stale days (kpis.refresh)."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_kpi_summary(cooperation_id: int) -> None:
    from .summary import refresh_stale

    refresh_stale(cooperation_id)
