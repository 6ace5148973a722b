from __future__ import annotations

from django.core.management.base import CommandParser

from jobbro.case_imports.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = "Import candidates from a case system's export (docs/import.md)."
    kind = ImportKind.CANDIDATES

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--mark-missing",
            action="store_true",
            help="mark the job centre's imported candidates not in the file no longer registered",
        )
