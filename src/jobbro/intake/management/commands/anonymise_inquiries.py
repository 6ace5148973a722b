"""Blank the personal details of shared-line inquiries idle for longer than the retention."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...services import anonymise_old_inquiries, retention_days


class Command(BaseCommand):
    help = (
        "Anonymise shared-line inquiries (all but those in progress) whose last activity - "
        "closed, else first response, else received - is more than "
        "JOBBRO_INQUIRY_RETENTION_DAYS days ago."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=None, help="retention in days (default: the setting)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = retention_days() if options["days"] is None else options["days"]
        count = anonymise_old_inquiries(older_than_days=days)
        self.stdout.write(f"{count} inquiries idle for more than {days} days anonymised.")
