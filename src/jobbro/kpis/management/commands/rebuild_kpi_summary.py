"""Rebuild the key-figure dashboard's summary in full (nightly, and after a job centre's
municipalities change): docs/kpis.md, docs/operations.md."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jobbro.kpis.summary import rebuild_all
from jobbro.organisations.models import Cooperation


class Command(BaseCommand):
    help = "Rebuild the KPI summary of every cooperation (or --cooperation SHORT_NAME)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cooperation", default="", help="one cooperation's short name")

    def handle(self, *args: Any, **options: Any) -> None:
        cooperations = Cooperation.objects.order_by("pk")
        if options["cooperation"]:
            cooperations = cooperations.filter(short_name=options["cooperation"])
        for cooperation in cooperations:
            started = time.perf_counter()
            rows = rebuild_all(cooperation)
            seconds = time.perf_counter() - started
            self.stdout.write(f"{cooperation.short_name}: {rows} summary rows in {seconds:.1f} s")
