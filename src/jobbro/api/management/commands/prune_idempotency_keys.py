"""Remove the stored answers of idempotent writes older than JOBBRO_API_IDEMPOTENCY_DAYS."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jobbro.api.models import IdempotentWrite


class Command(BaseCommand):
    help = "Remove Idempotency-Key records older than JOBBRO_API_IDEMPOTENCY_DAYS (or --days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        days = (
            options["days"] if options["days"] is not None else settings.JOBBRO_API_IDEMPOTENCY_DAYS
        )
        cutoff = timezone.now() - dt.timedelta(days=days)
        removed, _by_model = IdempotentWrite.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Removed {removed} idempotency keys older than {days} days.")
