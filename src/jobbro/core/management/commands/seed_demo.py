"""Fill an empty database with the HRS demo: staff, companies, candidates, two years of history."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from jobbro.taxonomy.models import Occupation

from ...demo.context import DEMO_PASSWORD
from ...demo.seed import demo_exists, demo_logins, seed


class Command(BaseCommand):
    help = "Create deterministic demo data for Hovedstadens Rekrutteringsservice (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="size factor (1.0: 300 companies, 3,000 …)"
        )
        parser.add_argument("--seed", type=int, default=2025, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if demo_exists():
            self.stdout.write("Demo data exists already; nothing was changed.")
        else:
            if not Occupation.objects.exists():
                call_command("load_taxonomy", stdout=self.stdout)
            counts = seed(scale=options["scale"], seed_value=options["seed"])
            summary = ", ".join(f"{v} {k}" for k, v in counts.items())
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {summary} ({elapsed:.1f} s)"))
        self._print_logins()

    def _print_logins(self) -> None:
        logins = demo_logins()
        widths = [
            max(len(h), *(len(getattr(x, f)) for x in logins)) if logins else len(h)
            for h, f in (
                ("Brugernavn / username", "username"),
                ("Navn / name", "name"),
                ("Rolle / role", "role"),
                ("Jobcenter / job centre", "job_centre"),
            )
        ]
        headers = ("Brugernavn / username", "Navn / name", "Rolle / role", "Jobcenter / job centre")
        line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
        self.stdout.write("")
        self.stdout.write(f"Demo logins – password for all / adgangskode for alle: {DEMO_PASSWORD}")
        self.stdout.write(line.rstrip())
        self.stdout.write("  ".join("-" * w for w in widths))
        for login in logins:
            cells = (login.username, login.name, login.role, login.job_centre)
            self.stdout.write(
                "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
            )
