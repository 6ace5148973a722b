"""What the three import commands share: the same service as the page underneath."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import translation

from jobbro.case_imports.models import RunStatus
from jobbro.case_imports.report import action_label, report_rows
from jobbro.case_imports.services import create_run, run_import
from jobbro.organisations.models import JobCentre, User


def find_job_centre(code: str) -> JobCentre:
    """A job centre by its id, its name, or the code or name of a municipality it serves."""
    query = (
        Q(name__iexact=code) | Q(municipalities__code=code) | Q(municipalities__name__iexact=code)
    )
    if code.isdigit():
        query |= Q(pk=int(code))
    found = list(JobCentre.objects.filter(query).distinct()[:2])
    if len(found) != 1:
        raise CommandError(
            f"No single job centre is {code!r} (give its id, name or a municipality code)."
        )
    return found[0]


class ImportCommand(BaseCommand):
    kind = ""
    needs_user = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or .xlsx export")
        parser.add_argument("--job-centre", required=True, help="id, name or municipality code")
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument(
            "--as", dest="username", required=self.needs_user, help="the user it is done as"
        )
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="of the report")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        job_centre = find_job_centre(options["job_centre"])
        user = None
        if options["username"]:
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"No user {options['username']!r}.")
        try:
            run = create_run(
                job_centre=job_centre,
                kind=self.kind,
                filename=path.name,
                data=path.read_bytes(),
                user=user,
                dry_run=options["dry_run"],
                mark_missing=options.get("mark_missing", False),
                language=options["language"],
            )
        except Exception as error:  # PermissionDenied, ValidationError: said plainly
            raise CommandError(f"Refused: {error or 'not allowed'}") from error
        self.stdout.write(f"run {run.pk}")

        def echo(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        run = run_import(run.pk, echo=echo)
        with translation.override(run.language):
            for row in report_rows(run.report)[1:]:
                if row[2]:  # the problems; the changes below as counts
                    self.stdout.write(";".join(row))
            for name in ("created", "updated", "unchanged", "missing"):
                self.stdout.write(f"{action_label(name)}: {getattr(run, name)}")
        self.stdout.write(f"status: {run.status}" + (" (dry run)" if run.dry_run else ""))
        if run.status != RunStatus.DONE:
            raise CommandError(
                f"The file was refused with {run.errors} problem(s); nothing written."
            )
