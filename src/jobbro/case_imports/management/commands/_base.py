"""What the three import commands share: the same service as the page underneath."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobbro.case_imports.models import ImportKind, RunStatus
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
            _("No single job centre is %(code)r (give its id, name or a municipality code).")
            % {"code": code}
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
        # Said in the project's language (Danish) unless --language asks for another.
        with translation.override(options["language"]):
            self._handle(**options)

    def _handle(self, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        job_centre = find_job_centre(options["job_centre"])
        user = None
        if options["username"]:
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(_("No user %(name)r.") % {"name": options["username"]})
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
        except PermissionDenied as error:
            assert user is not None  # only a user's rights are checked
            raise CommandError(
                _(
                    "Refused: the user %(user)s may not import %(kind)s at %(centre)s "
                    "(it takes an importing role at that job centre)."
                )
                % {
                    "user": user.username,
                    "kind": ImportKind(self.kind).label,
                    "centre": job_centre.name,
                }
            ) from error
        except ValidationError as error:
            raise CommandError(
                _("Refused: %(reason)s") % {"reason": " ".join(error.messages)}
            ) from error
        self.stdout.write(_("run %(pk)s") % {"pk": run.pk})

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
            status = RunStatus(run.status).label
            if run.dry_run:
                self.stdout.write(_("status: %(status)s (dry run)") % {"status": status})
            else:
                self.stdout.write(_("status: %(status)s") % {"status": status})
            if run.status != RunStatus.DONE:
                raise CommandError(
                    ngettext(
                        "The file was refused with %(count)s problem; nothing written.",
                        "The file was refused with %(count)s problems; nothing written.",
                        run.errors,
                    )
                    % {"count": run.errors}
                )
