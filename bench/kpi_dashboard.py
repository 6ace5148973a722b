"""Benchmark of the key-figure dashboard on a national cooperation's five years (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres jobbro_kpi_bench
    .venv/bin/python bench/kpi_dashboard.py \
        [--database-url postgres://postgres@127.0.0.1:5432/jobbro_kpi_bench] [--scale 1] \
        [--rounds 20]

1. The database is migrated and, unless the national cooperation is there already (then it
   is reused as it is), filled by `manage.py seed_national --scale <scale>` (docs/
   performance.md: 300,000 candidates, 250,000 job orders, 1,000,000 referrals, 200,000
   hires at scale 1). The taxonomy is loaded first when the database has none.
2. The pages, as a manager and a steering-group member logged in (alternately), through
   Django's test client and the whole middleware stack: the latest whole quarter (all
   centres and one centre), the latest whole year, the year split by job centre, industry,
   occupation and target group, and a custom five-year span. `--rounds` rounds after a
   warm-up, the kinds interleaved; p50 and p95 per kind.
3. The **baseline**, in the same run and interleaved with the pages: the straightforward
   ORM aggregation of the same figures without the page – every KPI one aggregate query
   per period over its source's rows (`Kpi.total` as each KPI defines it), time to fill
   from every (arrival, start) pair fetched and sorted in Python, and a split as one grouped
   query per period. Both read the same tables and indexes; the difference is how the
   figures are asked for (docs/performance.md).

Not a test: timings depend on the machine (docs/performance.md has the figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/jobbro_kpi_bench"


def setup(database_url: str, scale: float) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    from jobbro.core.national import national_exists
    from jobbro.taxonomy.models import Occupation

    call_command("migrate", interactive=False, verbosity=0)
    if national_exists():
        print("national data present: reused", flush=True)
        return
    if not Occupation.objects.exists():
        call_command("load_taxonomy", stdout=StringIO())
    started = time.perf_counter()
    call_command("seed_national", scale=scale)
    print(f"seed_national --scale {scale}: {time.perf_counter() - started:.0f} s", flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered) + 0.5) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", default="", help="comma-separated kinds to run")
    args = parser.parse_args()
    setup(args.database_url, args.scale)

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jobbro.candidates.models import Candidate
    from jobbro.core.national import MANAGER, SHORT_NAME, STEERING
    from jobbro.joborders.models import JobOrder, Placement, Referral
    from jobbro.kpis import periods
    from jobbro.kpis.selectors import KPIS, TimeToFill, breakdown
    from jobbro.kpis.sources import Dimension, Filters
    from jobbro.organisations.models import Cooperation, User

    cooperation = Cooperation.objects.get(short_name=SHORT_NAME)
    centre = cooperation.job_centres.order_by("pk")[3]
    today = dt.date.today()
    last_quarter = periods.quarter(periods.quarter(today).start - dt.timedelta(days=1))
    last_year = periods.year(today.year - 1)
    five_start = today.replace(year=today.year - 5) + dt.timedelta(days=1)
    five = periods.custom(five_start, today)
    q_day = last_quarter.start.isoformat()
    y_day = last_year.start.isoformat()

    def year_split(dimension: str, figure: str = "hires") -> dict[str, str]:
        return {"kind": "year", "day": y_day, "split": dimension, "figure": figure}

    kinds: list[tuple[str, dict[str, str], Any, Filters, tuple[str, Dimension] | None]] = [
        ("quarter", {"kind": "quarter", "day": q_day}, last_quarter, Filters(), None),
        (
            "quarter, one job centre",
            {"kind": "quarter", "day": q_day, "job_centre": str(centre.pk)},
            last_quarter,
            Filters(job_centre=centre.pk),
            None,
        ),
        ("year", {"kind": "year", "day": y_day}, last_year, Filters(), None),
        (
            "year split by job centre (hires)",
            year_split("job_centre"),
            last_year,
            Filters(),
            ("hires", Dimension.JOB_CENTRE),
        ),
        (
            "year split by industry (hires)",
            year_split("industry"),
            last_year,
            Filters(),
            ("hires", Dimension.INDUSTRY),
        ),
        (
            "year split by occupation (time to fill)",
            year_split("occupation", "time_to_fill"),
            last_year,
            Filters(),
            ("time_to_fill", Dimension.OCCUPATION),
        ),
        (
            "year split by target group (match rate)",
            year_split("target_group", "match_rate"),
            last_year,
            Filters(),
            ("match_rate", Dimension.TARGET_GROUP),
        ),
        (
            "five years (custom)",
            {"kind": "custom", "start": five.start.isoformat(), "end": five.end.isoformat()},
            five,
            Filters(),
            None,
        ),
    ]
    if args.only:
        wanted = set(args.only.split(","))
        kinds = [k for k in kinds if k[0] in wanted]

    clients = []
    for username in (MANAGER, STEERING):
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients.append(client)

    def naive_time_to_fill(rows: Any) -> Any:
        from jobbro.kpis.measures import durations

        pairs = rows.values_list("referral__job_order__created_at", "start_date")
        from django.utils import timezone

        return durations(
            [max(0, (start - timezone.localdate(created)).days) for created, start in pairs]
        )

    def baseline(period: Any, filters: Filters, split: tuple[str, Dimension] | None) -> None:
        """Every figure for the period and the previous one, one ORM aggregate at a time."""
        from jobbro.kpis.selectors import AgreementKpi, Context, applies

        for p in (period, period.previous()):
            ctx = Context(cooperation, p, filters, dt.datetime.now(dt.UTC))
            for kpi in KPIS.values():
                if not applies(kpi, filters):
                    continue
                if isinstance(kpi, AgreementKpi):
                    kpi.total(kpi.source.model._default_manager.none(), ctx)
                    continue
                rows = kpi.source.rows(cooperation, p, filters)
                if isinstance(kpi, TimeToFill):
                    naive_time_to_fill(rows)
                else:
                    kpi.total(rows, ctx)
            if split:
                breakdown(split[0], cooperation, p, split[1], filters)

    page_times: dict[str, list[float]] = {k[0]: [] for k in kinds}
    base_times: dict[str, list[float]] = {k[0]: [] for k in kinds}
    queries: dict[str, int] = {}
    sizes: dict[str, int] = {}

    def timed(call: Callable[[], Any]) -> float:
        started = time.perf_counter()
        call()
        return (time.perf_counter() - started) * 1000

    for round_number in range(args.rounds + 1):  # round 0 warms up
        for name, params, period, filters, split in kinds:
            client = clients[round_number % 2]

            def page(
                client: Client = client, params: dict[str, str] = params, name: str = name
            ) -> None:
                response = client.get("/kpis/", params)
                assert response.status_code == 200, response.status_code
                sizes[name] = len(response.content)

            if round_number == 0:
                with CaptureQueriesContext(connection) as captured:
                    page()
                queries[name] = len(captured)
                reset_queries()
                continue
            page_times[name].append(timed(page))
            base_times[name].append(timed(lambda p=period, f=filters, s=split: baseline(p, f, s)))
        print(f"round {round_number} done, load {os.getloadavg()[0]:.1f}", flush=True)

    print(
        f"\n{platform.python_implementation()} {platform.python_version()}, "
        f"{connection.vendor} {getattr(connection, 'pg_version', '')}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"{Candidate.objects.count():,} candidates, {JobOrder.objects.count():,} job orders, "
        f"{Referral.objects.count():,} referrals, {Placement.objects.count():,} hires",
        flush=True,
    )
    print(
        "| page | p50 | p95 | baseline p50 | baseline p95 | p50 / baseline | "
        "p95 / baseline | queries | bytes |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, *_rest in kinds:
        p50, p95 = statistics.median(page_times[name]), percentile(page_times[name], 0.95)
        b50, b95 = statistics.median(base_times[name]), percentile(base_times[name], 0.95)
        print(
            f"| {name} | {p50:.0f} ms | {p95:.0f} ms | {b50:.0f} ms | {b95:.0f} ms | "
            f"{p50 / b50:.2f} × | {p95 / b95:.2f} × | {queries[name]} | {sizes[name]:,} |"
        )
    every = [t for times in page_times.values() for t in times]
    print(f"all pages: p50 {statistics.median(every):.0f} ms, p95 {percentile(every, 0.95):.0f} ms")


if __name__ == "__main__":
    main()
