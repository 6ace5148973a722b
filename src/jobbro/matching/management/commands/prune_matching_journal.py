"""Delete old rows of the candidate change journal (run daily, e.g. from cron)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...services import prune_journal


class Command(BaseCommand):
    help = "Delete candidate change journal rows older than --days (default 7)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=float,
            default=7.0,
            help="Keep this many days; keep above the holder's SILENCE_LIMIT (6 days).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = prune_journal(older_than=dt.timedelta(days=options["days"]))
        self.stdout.write(f"Deleted {deleted} journal rows.")
