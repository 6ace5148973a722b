"""Writes of the imports: start a run, run it (all of the file or nothing), resolve a title.

The page and the commands go through `run_import`: the file is read and every row checked
and compared first (committed progress on the run), then everything is written in one
transaction, so a worker killed mid-way leaves nothing half-written; the scheduled sweep
(`fail_abandoned_runs`) then marks the run failed and forgets its file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobbro.candidates.models import Cv, Experience
from jobbro.matching.services import note_candidates_changed
from jobbro.organisations.models import JobCentre, User
from jobbro.taxonomy.models import Occupation

from .candidates_import import apply_candidates, plan_candidates
from .models import ImportKind, ImportRun, PendingTitleLink, RunStatus, TitleUse
from .others_import import apply_companies, apply_job_orders, plan_companies, plan_job_orders
from .reading import UnreadableFile, read_table
from .report import Report
from .selectors import may_import
from .tasks import run_import_task

Echo = Callable[[str], None]

# A dry run's file holds CPR numbers: it waits this long for its confirmation, no longer.
DRY_RUN_KEPT = dt.timedelta(hours=24)


def create_run(
    *,
    job_centre: JobCentre,
    kind: str,
    filename: str,
    data: bytes,
    user: User | None = None,
    dry_run: bool = True,
    mark_missing: bool = False,
    language: str = "da",
) -> ImportRun:
    """Record a run (committed at once, so its status outlives a killed worker). A user must
    hold an importing role at the job centre; a command may run without one (the operator's
    scheduled load), except for job orders, which are always created as someone."""
    if user is not None and not may_import(user, job_centre, kind):
        raise PermissionDenied
    if kind == ImportKind.JOB_ORDERS and user is None:
        raise ValidationError(_("Job orders are imported as a user."), code="no_user")
    return ImportRun.objects.create(
        kind=kind,
        job_centre=job_centre,
        user=user,
        filename=filename[:255],
        data=data,
        dry_run=dry_run,
        mark_missing=mark_missing,
        language=language,
    )


def start_import(**kwargs: object) -> ImportRun:
    """A page's run: recorded, then left to the background worker. The task is queued in the
    caller's transaction (django-tasks' database backend), as notifications are."""
    run = create_run(**kwargs)  # type: ignore[arg-type]
    run_import_task.enqueue(run.pk)
    return run


def confirm_import(*, user: User, dry_run: ImportRun) -> ImportRun:
    """Import the file a dry run read, with the same choices."""
    if not dry_run.dry_run or dry_run.status != RunStatus.DONE:
        raise ValidationError(_("Only a dry run without errors can be confirmed."), code="not_dry")
    if not dry_run.data:
        raise ValidationError(
            _("The file of this dry run has been deleted. Upload the file again."),
            code="forgotten",
        )
    if ImportRun.objects.filter(dry_run_of=dry_run).exists():
        raise ValidationError(_("This dry run has been confirmed already."), code="confirmed")
    run = start_import(
        user=user,
        job_centre=dry_run.job_centre,
        kind=dry_run.kind,
        filename=dry_run.filename,
        data=bytes(dry_run.data),
        dry_run=False,
        mark_missing=dry_run.mark_missing,
        language=dry_run.language,
    )
    ImportRun.objects.filter(pk=run.pk).update(dry_run_of=dry_run)
    ImportRun.objects.filter(pk=dry_run.pk).update(data=b"")  # the import has its own copy
    return run


def forget_unconfirmed_dry_runs(*, now: dt.datetime | None = None) -> int:
    """Delete the files of dry runs not confirmed within DRY_RUN_KEPT; returns how many."""
    cutoff = (now or timezone.now()) - DRY_RUN_KEPT
    return (
        ImportRun.objects.filter(dry_run=True, finished_at__lt=cutoff)
        .exclude(data=b"")
        .update(data=b"")
    )


def fail_abandoned_runs(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Mark failed, and forget the file of, the runs left "running" by a worker or command
    that was killed: begun before `older_than` and with no task still queued or running for
    them. Returns how many. Nothing of such a run was written (one transaction)."""
    live_tasks = DBTaskResult.objects.filter(
        task_path=run_import_task.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    live = {args_kwargs["args"][0] for args_kwargs in live_tasks}
    cutoff = (now or timezone.now()) - older_than
    stopped = ImportRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=cutoff)
    count = 0
    for run in stopped.exclude(pk__in=live):
        with translation.override(run.language):
            report = Report()
            report.problem(
                0, "", _("The import stopped before it finished. Nothing has been written.")
            )
            _finish(run, report, RunStatus.FAILED)
        count += 1
    return count


def _save_progress(run: ImportRun, percent: int) -> None:
    if percent != run.progress:
        run.progress = percent
        ImportRun.objects.filter(pk=run.pk).update(progress=percent)


def run_import(run_id: int, *, echo: Echo | None = None) -> ImportRun:
    """Read, check and compare the run's file; unless it is a dry run or has errors, write it
    all in one transaction. The report says it in the run's language."""
    run = ImportRun.objects.select_related("job_centre", "user").get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, progress=0)
    with translation.override(run.language):
        return _run(run, echo=echo)


def _run(run: ImportRun, *, echo: Echo | None) -> ImportRun:
    def progress(phase: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        start, span = {"read": (0, 40), "titles": (40, 20), "write": (60, 40)}[phase]
        percent = start + int(share * span)
        if echo is not None:
            label = {"read": _("rows read"), "titles": _("job titles"), "write": _("written")}[
                phase
            ]
            echo(f"{label} {done}/{total}")
        if phase != "write":  # inside the write's transaction nobody else would see it
            _save_progress(run, percent)

    try:
        table = read_table(run.filename, bytes(run.data))
    except UnreadableFile as error:
        report = Report()
        report.problem(0, "", str(error))
        return _finish(run, report, RunStatus.REFUSED)
    if run.kind == ImportKind.CANDIDATES:
        plan = plan_candidates(
            table, job_centre=run.job_centre, mark_missing=run.mark_missing, progress=progress
        )
        report = plan.report
        if report.ok and not run.dry_run:
            _save_progress(run, 60)
            with transaction.atomic():
                apply_candidates(
                    plan, job_centre=run.job_centre, user=run.user, run_id=run.pk, progress=progress
                )
                return _finish(run, report, RunStatus.DONE)
    else:
        planner = plan_companies if run.kind == ImportKind.COMPANIES else plan_job_orders
        applier = apply_companies if run.kind == ImportKind.COMPANIES else apply_job_orders
        other = planner(table, job_centre=run.job_centre)
        report = other.report
        if report.ok and not run.dry_run:
            assert run.user is not None
            try:
                with transaction.atomic():
                    applier(other, job_centre=run.job_centre, user=run.user)
                    return _finish(run, report, RunStatus.DONE)
            except (ValidationError, PermissionDenied) as error:
                messages = (
                    error.messages if isinstance(error, ValidationError) else [_("Not allowed.")]
                )
                report.problem(0, "", " ".join(messages))
    return _finish(run, report, RunStatus.DONE if report.ok else RunStatus.REFUSED)


def _finish(run: ImportRun, report: Report, status: str) -> ImportRun:
    counts = report.counts
    run.status = status
    run.progress = 100
    run.rows = counts["rows"]
    run.created = counts["created"]
    run.updated = counts["updated"]
    run.unchanged = counts["unchanged"]
    run.missing = counts["missing"]
    run.pending_titles = counts["pending_titles"]
    run.errors = len(report.issues)
    run.report = report.as_json()
    run.finished_at = timezone.now()
    fields = [
        "status",
        "progress",
        "rows",
        "created",
        "updated",
        "unchanged",
        "missing",
        "pending_titles",
        "errors",
        "report",
        "finished_at",
    ]
    if not run.dry_run or status != RunStatus.DONE:
        run.data = b""  # the CPR numbers in the file are kept no longer than needed
        fields.append("data")
    run.save(update_fields=fields)
    return run


@transaction.atomic
def title_resolve(*, actor: User, pending: PendingTitleLink, occupation: Occupation) -> None:
    """A person chooses the occupation of a waiting title: it goes on the candidate's CV (a
    wished occupation, or the past job with its years), and the same title links the same way
    in the job centre's later files. Every other entry of the same title waiting at the job
    centre (the same person's past job of the title, other people's) is linked with it."""
    locked = (
        PendingTitleLink.objects.select_for_update().select_related("candidate").get(pk=pending.pk)
    )
    if not may_import(actor, locked.job_centre, ImportKind.CANDIDATES):
        raise PermissionDenied
    if locked.resolved_at is not None:
        raise ValidationError(_("Someone has already chosen the occupation."), code="resolved")
    if locked.candidate.job_centre_id != locked.job_centre_id:
        raise PermissionDenied
    same = (
        PendingTitleLink.objects.select_for_update()
        .select_related("candidate")
        .filter(job_centre_id=locked.job_centre_id, resolved_at=None, title__iexact=locked.title)
        .exclude(pk=locked.pk)
        .order_by("pk")
    )
    now = timezone.now()
    changed = []
    for entry in [locked, *same]:
        if entry.candidate.job_centre_id != entry.job_centre_id:
            continue  # moved to another job centre since: not this job centre's to link
        _link(entry, occupation)
        entry.occupation = occupation
        entry.resolved_by = actor
        entry.resolved_at = now
        entry.save(update_fields=["occupation", "resolved_by", "resolved_at"])
        changed.append(entry.candidate_id)
    note_candidates_changed(changed)
    pending.resolved_at = locked.resolved_at


def _link(entry: PendingTitleLink, occupation: Occupation) -> None:
    cv, _created = Cv.objects.get_or_create(candidate=entry.candidate)
    if entry.use == TitleUse.WISHED:
        cv.wished_occupations.add(occupation)
    else:
        start = dt.date(entry.start_year or timezone.localdate().year, 1, 1)
        end = dt.date(entry.end_year, 12, 31) if entry.end_year else None
        Experience.objects.create(
            cv=cv, occupation=occupation, title=entry.title, start_date=start, end_date=end
        )
