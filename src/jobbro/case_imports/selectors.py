"""Reads of the imports: who may import what, the runs, the titles waiting."""

from __future__ import annotations

from django.db.models import QuerySet

from jobbro.organisations import access
from jobbro.organisations.models import JobCentre, Role, User

from .models import ImportKind, ImportRun, PendingTitleLink

ROLES_FOR: dict[str, tuple[Role, ...]] = {
    ImportKind.CANDIDATES: access.CANDIDATE_EDITORS,
    ImportKind.COMPANIES: access.COMPANY_EDITORS,
    ImportKind.JOB_ORDERS: access.JOB_ORDER_EDITORS,
}


def may_import(user: User, job_centre: JobCentre, kind: str) -> bool:
    """Candidates: the job centre's job consultants (who create its candidates); companies and
    job orders: its business consultants and the secretariat's staff there."""
    return user.memberships.filter(job_centre=job_centre, role__in=list(ROLES_FOR[kind])).exists()


def import_choices(user: User) -> list[tuple[JobCentre, list[str]]]:
    """The job centres the user may import into, each with the kinds."""
    found: dict[int, tuple[JobCentre, list[str]]] = {}
    for membership in user.memberships.select_related("job_centre"):
        for kind, roles in ROLES_FOR.items():
            if membership.role in roles:
                centre = membership.job_centre
                kinds = found.setdefault(centre.pk, (centre, []))[1]
                if kind not in kinds:
                    kinds.append(kind)
    return sorted(found.values(), key=lambda pair: pair[0].name)


def runs_for(user: User) -> QuerySet[ImportRun]:
    """The runs of the job centres the user may import into (without the file)."""
    centres = [centre.pk for centre, _kinds in import_choices(user)]
    return (
        ImportRun.objects.filter(job_centre_id__in=centres)
        .select_related("job_centre", "user")
        .defer("data", "report")
    )


def run_for(user: User, pk: int) -> ImportRun | None:
    run = ImportRun.objects.select_related("job_centre", "user").filter(pk=pk).first()
    if run is None or not may_import(user, run.job_centre, run.kind):
        return None
    return run


def pending_for(user: User) -> QuerySet[PendingTitleLink]:
    """The open titles of the candidates of the job centres where the user edits candidates."""
    centres = user.memberships.filter(role__in=list(access.CANDIDATE_EDITORS)).values(
        "job_centre_id"
    )
    return PendingTitleLink.objects.filter(
        job_centre_id__in=centres, resolved_at=None, candidate__anonymised_at=None
    ).select_related("candidate", "job_centre")


def import_of(dry_run: ImportRun) -> ImportRun | None:
    """The import that confirmed this dry run, if any."""
    return ImportRun.objects.filter(dry_run_of=dry_run).first()
