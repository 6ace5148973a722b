"""Anonymise candidates without activity for JOBBRO_RETENTION_INACTIVE_DAYS.

Run nightly (docs/data-protection.md), e.g. from cron:
    15 2 * * *  cd /srv/jobbro && .venv/bin/python manage.py anonymise_inactive
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ... import selectors, services


class Command(BaseCommand):
    help = "Anonymise candidates inactive past the retention period (names, CPR, contact, CV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Inactive for this many days (default: JOBBRO_RETENTION_INACTIVE_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count who would be anonymised; change nothing."
        )

    def handle(self, *args: Any, days: int | None, dry_run: bool, **options: Any) -> None:
        days = days if days is not None else settings.JOBBRO_RETENTION_INACTIVE_DAYS
        if days < 1:
            self.stderr.write("The retention period must be at least one day.")
            return
        before = timezone.now() - dt.timedelta(days=days)
        due = selectors.inactive_candidates(before=before)
        if dry_run:
            self.stdout.write(f"{due.count()} candidate(s) would be anonymised.")
            return
        done = skipped = 0
        # One transaction per candidate: a failure leaves the others done, none half done.
        for pk in list(due.values_list("pk", flat=True)):
            candidate = due.model.objects.get(pk=pk)
            if services.candidate_anonymise_for_retention(candidate=candidate):
                done += 1
            else:
                skipped += 1
        self.stdout.write(f"{done} candidate(s) anonymised; {skipped} skipped (open follow-ups).")
