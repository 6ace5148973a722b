"""Load test at national scale: 50 caseworkers at once against gunicorn with the production
settings, on loopback, bounded in time (issue 16 point 3; figures in docs/performance.md).

    # once: the national data, with CVs (docs/operations.md, about 5 minutes)
    createdb -h 127.0.0.1 -U postgres jobbro_load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_load manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_load manage.py load_taxonomy
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_load manage.py seed_national --scale 1
    # the run (needs Redis on 127.0.0.1:6379 and the load extra: make loadtest does both)
    .venv/bin/python bench/load_test.py \\
        --database-url postgres://postgres@127.0.0.1:5432/jobbro_load [--minutes 3]

What it does, in order:
1. gives each national login a TOTP device with a key of its own (production asks for the
   second factor) and writes the plan locust reads: the logins, the open job orders, and
   each centre's candidates and companies;
2. collects the static files and writes the search index's snapshot, as at deploy (into
   var/load/), and starts gunicorn with the production settings and Redis;
3. the baseline: one user per role (4 users) for a minute;
4. the load: 24 job consultants, 24 business consultants, the manager and the steering
   group member (50 users), each pausing 5–15 s between clicks, for `--minutes`;
5. prints p50/p95/p99 per page for both, the ratio of the load's p95 to the baseline's,
   and whether the targets hold (ranked list p95 <= 300 ms, other pages <= 200 ms, no
   errors); exits 1 when they do not.

The pause, 10 s on average, is the pace of SAP's "high activity" user (a dialog step every
10 s, also the think time of SAP's standard application benchmarks): a caseworker reading a
ranked list of 50 explained candidates, a CV or a company's history clicks less often than
that. `--think 1 5` drives the same 50 users three times as hard (about 15 requests a
second): the stress run in docs/performance.md.

The target does not cover the key-figure dashboard (issue 14 point 7 has its own
benchmark, bench/kpi_dashboard.py); it is in the mix and its figures are printed apart.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.drills.processes import HOST, free_port, gunicorn, production_env  # noqa: E402

LOCUSTFILE = ROOT / "bench" / "load" / "locustfile.py"
RANKED, DASHBOARD = "ranked list", "key figures"
TARGET_MS = {RANKED: 300}
OTHER_TARGET_MS = 200
FULL = {"job_consultant": 24, "business_consultant": 24, "manager": 1, "steering_group": 1}
BASELINE = dict.fromkeys(FULL, 1)


def write_plan(database_url: str, path: Path, think: tuple[float, float]) -> None:
    """The national logins with TOTP devices, and the ids the users click on."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings.dev")
    import django

    django.setup()
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from jobbro.candidates.models import Candidate
    from jobbro.companies.models import Company
    from jobbro.core.demo.context import DEMO_PASSWORD
    from jobbro.core.national import MANAGER, SHORT_NAME, STEERING, USERNAME_PREFIX
    from jobbro.joborders.models import JobOrder, JobOrderStatus
    from jobbro.organisations.models import Cooperation, Membership, Role

    cooperation = Cooperation.objects.filter(short_name=SHORT_NAME).first()
    if cooperation is None:
        sys.exit("No national data: run manage.py seed_national --scale 1 first.")
    roles = {
        Role.JOB_CONSULTANT: "job_consultant",
        Role.BUSINESS_CONSULTANT: "business_consultant",
    }
    accounts: dict[str, list[dict[str, Any]]] = {k: [] for k in FULL}
    with transaction.atomic():
        memberships = Membership.objects.filter(
            user__username__startswith=USERNAME_PREFIX
        ).select_related("user")
        for i, m in enumerate(memberships.order_by("user__username")):
            if m.user.username == MANAGER:
                role = "manager"
            elif m.user.username == STEERING:
                role = "steering_group"
            else:
                role = roles[Role(m.role)]
            TOTPDevice.objects.filter(user=m.user).delete()
            device = TOTPDevice.objects.create(user=m.user, name="load test", confirmed=True)
            accounts[role].append(
                {
                    "username": m.user.username,
                    "key": device.key,
                    "centre": m.job_centre_id,
                    "ip": f"10.20.{i // 250}.{i % 250 + 1}",
                }
            )
    open_orders = JobOrder.objects.filter(
        job_centre__cooperation=cooperation, status=JobOrderStatus.OPEN
    ).order_by("-created_at")
    centres = list(cooperation.job_centres.values_list("pk", flat=True))
    plan = {
        "host": HOST,
        "password": DEMO_PASSWORD,
        "think_seconds": think,
        "accounts": accounts,
        "open_job_orders": list(open_orders.values_list("pk", flat=True)[:500]),
        "candidates": {
            str(c): list(
                Candidate.objects.filter(job_centre=c)
                .order_by("?")
                .values_list("pk", flat=True)[:200]
            )
            for c in centres
        },
        "companies": list(
            Company.objects.filter(cooperation=cooperation)
            .order_by("?")
            .values_list("pk", flat=True)[:2000]
        ),
    }
    if not plan["open_job_orders"]:
        sys.exit("The national data has no open job orders.")
    path.write_text(json.dumps(plan))


def locust(plan: dict[str, Any], plan_path: Path, base: str, users: dict[str, int],
           seconds: int, csv_prefix: Path) -> list[dict[str, str]]:  # fmt: skip
    """One headless locust run: the users log in one a second, then `seconds` of clicks;
    the statistics of the clicks per page."""
    plan_path.write_text(json.dumps({**plan, "users": users}))
    total = sum(users.values())
    done = subprocess.run(  # noqa: S603 - our own interpreter and locust
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            base,
            "--users",
            str(total),
            # One login a second (each hashes its password), then the figures start afresh.
            "--spawn-rate",
            "1",
            "--reset-stats",
            "--run-time",
            f"{total + seconds}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(csv_prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "JOBBRO_LOAD_PLAN": str(plan_path)},
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    stats = Path(f"{csv_prefix}_stats.csv")
    if not stats.exists():
        sys.exit(f"locust failed:\n{done.stderr[-3000:]}")
    with stats.open() as source:
        return [row for row in csv.DictReader(source) if row["Name"] != "Aggregated"]


def _by_page(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["Name"]: row for row in rows}


def report(baseline: list[dict[str, str]], load: list[dict[str, str]], users: int) -> bool:
    base, under = _by_page(baseline), _by_page(load)
    print(f"\n{users} users; p95 ratio = p95 under load / p95 of the baseline (4 users)\n")
    print(
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | baseline p95 ms | ratio | target |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    met = True
    for name in sorted(under):
        row = under[name]
        p95 = float(row["95%"])
        before = float(base[name]["95%"]) if name in base else float("nan")
        failures = int(row["Failure Count"])
        if name == "login":
            continue  # the last logins of the ramp only: not a figure
        if name == DASHBOARD:
            target = "not in the target"
        else:
            limit = TARGET_MS.get(name, OTHER_TARGET_MS)
            ok = p95 <= limit and failures == 0
            met &= ok
            target = f"<= {limit}: {'met' if ok else 'MISSED'}"
        print(
            f"| {name} | {row['Request Count']} | {failures} | {row['50%']} | {row['95%']} "
            f"| {row['99%']} | {before:.0f} | {p95 / before:.2f} | {target} |"
        )
    return met


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--baseline-minutes", type=float, default=1)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 15.0), metavar=("MIN", "MAX"))
    args = parser.parse_args(argv)
    # Kept between runs: collectstatic then copies only what changed.
    var_dir = ROOT / "var" / "load"
    var_dir.mkdir(parents=True, exist_ok=True)
    plan_path = var_dir / "plan.json"
    write_plan(args.database_url, plan_path, tuple(args.think))
    plan = json.loads(plan_path.read_text())
    port = free_port()
    env = production_env(
        url=args.database_url,
        var_dir=var_dir,
        port=port,
        secret_key=secrets.token_urlsafe(50),
        workers=args.workers,
        JOBBRO_LOG_LEVEL="WARNING",
    )
    for command in (["collectstatic", "--noinput", "-v", "0"], ["snapshot_matching_index"]):
        subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True
        )
    print(
        f"{platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"gunicorn with {args.workers} workers; think time {args.think[0]}–{args.think[1]} s"
    )
    with gunicorn(env, var_dir, workers=args.workers) as server:
        baseline = locust(plan, plan_path, server.base, BASELINE,
                          round(args.baseline_minutes * 60), var_dir / "baseline")  # fmt: skip
        load = locust(plan, plan_path, server.base, FULL, round(args.minutes * 60),
                      var_dir / "load")  # fmt: skip
    met = report(baseline, load, sum(FULL.values()))
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}; files in {var_dir}")
    print("targets met" if met else "targets MISSED")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
