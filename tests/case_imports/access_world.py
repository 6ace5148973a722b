"""Objects the access matrix needs for the import pages' own URLs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jobbro.case_imports.models import ImportRun, PendingTitleLink, RunStatus

if TYPE_CHECKING:
    from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    run = ImportRun.objects.create(
        kind="candidates",
        job_centre=base.centre,
        filename="borgere.csv",
        data=b"",
        status=RunStatus.DONE,
        report={"issues": [], "changes": [], "missing": [], "pending": [], "counts": {}},
    )
    pending = PendingTitleLink.objects.create(
        job_centre=base.centre, candidate=base.candidate, use="wished", title="Souschef, køkken"
    )
    return {"case_imports": run.pk, "case_imports:title": pending.pk}
