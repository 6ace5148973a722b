"""Blank the personal details of shared-line inquiries closed longer ago than the retention."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobbro.intake.services import anonymise_closed_inquiries, retention_days


class Command(BaseCommand):
    help = "Anonymise inquiries closed more than JOBBRO_INQUIRY_RETENTION_DAYS days ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="retention in days (default: the setting)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = retention_days() if options["days"] is None else options["days"]
        count = anonymise_closed_inquiries(older_than_days=days)
        self.stdout.write(f"{count} inquiries closed more than {days} days ago anonymised.")
