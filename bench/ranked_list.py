"""The job order's ranked list of candidates (/job-orders/<id>/candidates/) on the demo data.

    .venv/bin/python bench/ranked_list.py [--rounds 8] [--job-orders 10] [--write]
        [--database-url postgres://postgres@127.0.0.1:5432/jobbro_bench_ranked] [--browser]

1. Uses the demo database (`seed_demo`, the data `make run` shows): by default its own SQLite
   file var/bench_ranked.sqlite3, migrated and seeded on the first run (about a minute);
   `--database-url` names another (an empty PostgreSQL database is seeded the same way).
2. For several open job orders, as a job consultant of the job order's job centre, it
   requests the page the ways a caseworker does: the first page, the second page, sorted by
   distance, sorted by availability, with a distance facet, the htmx partial a facet click
   asks for, and the propose dialog of the best candidate. Django's test client, the whole
   middleware stack, `make run`'s settings.
3. Baseline, measured in the same run and interleaved with the pages: the engine alone
   ranking and explaining the same job order's top 50 (`matching.rank_for_job_order`), the
   part of the page no template or query work can remove. The figures are ratios against it.
4. `--browser`: Chromium (Playwright) loads the first page from a development server on the
   same database and reports the document height and the load time.

`--write` replaces the block between the markers in docs/performance.md ("Ranked list").
Not a test: timings depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = f"sqlite:///{ROOT / 'var' / 'bench_ranked.sqlite3'}"
DOC = ROOT / "docs" / "performance.md"
BEGIN = "<!-- bench/ranked_list.py: begin -->"
END = "<!-- bench/ranked_list.py: end -->"
PASSWORD = "jobbro-demo"  # noqa: S105 (the demo users' published password, seed_demo)


def percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


@dataclass
class Series:
    label: str
    seconds: list[float] = field(default_factory=list)
    queries: int = 0
    size: int = 0
    status: int = 200

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 0.95) * 1000


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings.dev")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def ensure_demo() -> None:
    from django.core.management import call_command

    from jobbro.core.demo.seed import demo_exists

    call_command("migrate", interactive=False, verbosity=0)
    if not demo_exists():
        print("seeding the demo data (once) …", flush=True)
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def workload(n_orders: int) -> list[tuple[Any, Any]]:
    """(job order, a job consultant of its job centre) for the first open job orders."""
    from jobbro.joborders.models import JobOrder, JobOrderStatus
    from jobbro.organisations.models import Role, User

    pairs = []
    orders = JobOrder.objects.filter(status=JobOrderStatus.OPEN).order_by("pk")
    for job_order in orders.select_related("job_centre", "company"):
        user = (
            User.objects.filter(
                memberships__job_centre=job_order.job_centre,
                memberships__role=Role.JOB_CONSULTANT,
                is_active=True,
            )
            .order_by("pk")
            .first()
        )
        if user is not None:
            pairs.append((job_order, user))
        if len(pairs) == n_orders:
            break
    return pairs


def page_requests(job_order: Any, best: int | None) -> dict[str, tuple[str, dict[str, str]]]:
    """label → (url, extra headers) of the requests one caseworker's visit makes."""
    from django.urls import reverse

    url = reverse("sharing:ranked", args=[job_order.pk])
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}
    requests = {
        "first page (score)": (url, {}),
        "page 2": (f"{url}?page=2", {}),
        "sorted by distance": (f"{url}?sort=distance", {}),
        "sorted by availability": (f"{url}?sort=available", {}),
        "distance facet 25 km": (f"{url}?max_distance=25", {}),
        "htmx partial (facet click)": (f"{url}?max_distance=50&sort=score", htmx),
    }
    if best is not None:
        propose = reverse("sharing:propose", args=[job_order.pk])
        dialog = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "propose-dialog-content"}
        requests["propose dialog"] = (f"{propose}?candidate={best}", dialog)
    return requests


def run(rounds: int, n_orders: int) -> tuple[Series, dict[str, Series], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jobbro.matching import selectors as matching

    pairs = workload(n_orders)
    engine = Series("engine only: ranked, explained top 50")
    pages: dict[str, Series] = {}
    visits = []
    for job_order, user in pairs:
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        top = matching.rank_for_job_order(job_order, searcher=user)
        best = top[0].candidate_id if len(top) else None
        visits.append((job_order, user, client, page_requests(job_order, best)))

    # Warm-up (the index is built by the first search), then count queries once per kind.
    for _job_order, _user, client, requests in visits:
        for label, (url, headers) in requests.items():
            series = pages.setdefault(label, Series(label))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, **headers)
            series.status = response.status_code
            series.queries = max(series.queries, len(queries))
            series.size = max(series.size, len(response.content))

    def timed(call: Callable[[], Any]) -> float:
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    for _ in range(rounds):
        for job_order, user, client, requests in visits:
            engine.seconds.append(
                timed(lambda j=job_order, u=user: matching.rank_for_job_order(j, searcher=u))
            )
            for label, (url, headers) in requests.items():
                pages[label].seconds.append(timed(lambda c=client, u=url, h=headers: c.get(u, **h)))
    return engine, pages, len(pairs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def browser_figures(database_url: str, job_order: Any, username: str) -> dict[str, float] | None:
    """Document height (px), cards and load time (ms) of the first page in Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("--browser: chromium is not installed; skipped")
        return None
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(base_url=base, locale="da-DK")
            page.goto("/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit].button-primary")
            page.wait_for_url(re.compile(r"^(?!.*login)"))
            url = f"/job-orders/{job_order.pk}/candidates/"
            page.goto(url)  # builds the server's index
            loads = []
            for _ in range(5):
                page.goto(url, wait_until="load")
                loads.append(
                    page.evaluate(
                        "() => { const [n] = performance.getEntriesByType('navigation');"
                        " return n.loadEventEnd - n.startTime; }"
                    )
                )
            figures = {
                "height": page.evaluate("() => document.documentElement.scrollHeight"),
                "cards": page.locator(".jobbro-hit").count(),
                "load": statistics.median(loads),
            }
            browser.close()
            return figures
    finally:
        server.terminate()
        server.wait()


def report(
    engine: Series, pages: dict[str, Series], n_orders: int, rounds: int, database: str
) -> str:
    lines = [
        f"Run on {time.strftime('%Y-%m-%d')}: {database}, {n_orders} open job orders of the demo,"
        f" {rounds} rounds, {len(engine.seconds)} timed requests of each kind;"
        f" load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the end;"
        f" Python {platform.python_version()}.",
        "",
        "| request | p50 | p95 | p50 / engine p50 | p95 / engine p95 | queries | bytes |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| baseline: {engine.label} | {engine.p50:.1f} ms | {engine.p95:.1f} ms | 1 | 1 | | |",
    ]
    for series in pages.values():
        if series.status != 200:
            lines.append(f"| {series.label} | answered {series.status} | | | | | |")
            continue
        lines.append(
            f"| {series.label} | {series.p50:.1f} ms | {series.p95:.1f} ms"
            f" | {series.p50 / engine.p50:.1f} × | {series.p95 / engine.p95:.1f} ×"
            f" | {series.queries} | {series.size:,} |"
        )
    every = [s for series in pages.values() if series.status == 200 for s in series.seconds]
    if every:
        lines += [
            "",
            f"All page requests together: p50 {statistics.median(every) * 1000:.1f} ms,"
            f" p95 {percentile(every, 0.95) * 1000:.1f} ms"
            f" ({percentile(every, 0.95) / percentile(engine.seconds, 0.95):.1f} × the engine's"
            " p95).",
        ]
    return "\n".join(lines)


def write_doc(block: str) -> None:
    text = DOC.read_text()
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{DOC} has no {BEGIN} … {END} block to replace")
    DOC.write_text(pattern.sub(lambda _m: f"{BEGIN}\n{block}\n{END}", text))
    print(f"written to {DOC.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--job-orders", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument("--browser", action="store_true", help="page height in Chromium")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    setup_django(args.database_url)
    ensure_demo()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        database = f"{connection.display_name} {cursor.fetchone()[0]}"
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    engine, pages, n_orders = run(args.rounds, args.job_orders)
    block = report(engine, pages, n_orders, args.rounds, database)
    if args.browser:
        job_order, user = workload(1)[0]
        figures = browser_figures(args.database_url, job_order, user.username)
        if figures is not None:
            block += (
                f"\n\nIn Chromium (`--browser`), job order {job_order.pk}'s first page:"
                f" {figures['cards']:.0f} cards, document height {figures['height']:,.0f} px,"
                f" load event after {figures['load']:.0f} ms (median of 5, development server)."
            )
    print(block)
    if args.write:
        write_doc(block)


if __name__ == "__main__":
    main()
