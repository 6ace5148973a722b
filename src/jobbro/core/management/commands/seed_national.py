"""Fill a database with a national cooperation's five years (docs/performance.md)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...national import NATIONAL, Sizes, national_exists, seed_national


class Command(BaseCommand):
    help = (
        "Create a national cooperation with five years of data for load tests and the "
        "dashboard benchmark. --scale 1 is 300,000 candidates, 20,000 companies, 250,000 job "
        "orders, 1,000,000 referrals and 200,000 hires; the default is a hundredth of that. "
        "Nothing is changed when the national cooperation exists already."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=0.01, help="share of the national sizes (default 0.01)"
        )
        for name, full in NATIONAL.items():
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                type=int,
                default=None,
                help=f"how many {name.replace('_', ' ')} (scale 1: {full:,})",
            )
        parser.add_argument("--centres", type=int, default=None, help="job centres (default 24)")
        parser.add_argument("--years", type=int, default=None, help="years of history (default 5)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if national_exists():
            self.stdout.write("The national cooperation exists already; nothing was changed.")
            return
        if options["scale"] <= 0:
            raise CommandError("--scale must be above nought.")
        given = {k: options[k] for k in (*NATIONAL, "centres", "years")}
        if any(v is not None and v < 1 for v in given.values()):
            raise CommandError("Every size must be at least 1.")
        sizes = Sizes.scaled(options["scale"], **given)
        started = time.monotonic()

        def progress(step: str) -> None:
            self.stdout.write(f"{time.monotonic() - started:7.1f} s  {step} …")
            self.stdout.flush()

        try:
            counts = seed_national(sizes, seed_value=options["seed"], progress=progress)
        except LookupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"National data created: {summary} ({elapsed:.1f} s)"))
