"""Benchmark of the case-system import: 50,000 candidate rows in bulk against the per-row path.

    .venv/bin/python bench/case_import.py [--n 50000] [--baseline 500]
        [--database-url sqlite:////tmp/jobbro_import_bench.sqlite3 | postgres://…]

1. A fresh database (the SQLite file is deleted first; a PostgreSQL database gets a fresh
   schema), migrated, the whole ESCO copy loaded (`load_taxonomy`), one job centre.
2. Baseline: the first `--baseline` rows of the same generated file (bench/case_import_data.py)
   through the straightforward per-row path: each row read and checked as the import does,
   then `candidates.services.candidate_create` and `cv_update` (full_clean, one transaction
   and several queries per row), each title linked by `link_title` without a cache. Rows per
   second, scaled to n.
3. The import itself (`case_imports.services.run_import`, as the page's worker and the command
   run it) on all n rows: seconds, rows per second, the process's peak RSS growth, and
   Python's allocation peak of the read-and-check phase (tracemalloc, a separate dry run,
   since tracing slows everything it measures).
4. The same file again: all unchanged, nothing written (the idempotent reimport).

Not a test: timings depend on the machine (docs/performance.md has the figures).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
import tracemalloc
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.case_import_data import csv_bytes  # noqa: E402

DEFAULT_DB = "sqlite:////tmp/jobbro_import_bench.sqlite3"


def setup(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    if not database_url.startswith("sqlite"):
        from django.db import connection

        with connection.cursor() as cursor:  # a fresh schema: the reference data migrates anew
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    call_command("load_taxonomy", stdout=StringIO())
    print(f"taxonomy loaded in {time.perf_counter() - started:.1f} s", flush=True)


def job_centre_and_user() -> tuple[object, object]:
    from jobbro.organisations.models import (
        Cooperation,
        JobCentre,
        Membership,
        Municipality,
        Role,
        User,
    )

    cooperation = Cooperation.objects.create(name="Bench", short_name="B")
    centre = JobCentre.objects.create(cooperation=cooperation, name="Jobcenter Bench")
    centre.municipalities.set([Municipality.objects.get(name="Herlev")])
    user = User.objects.create_user("bench")
    Membership.objects.create(user=user, job_centre=centre, role=Role.JOB_CONSULTANT)
    return centre, user


def baseline(data: bytes, centre: object, user: object, n: int) -> float:
    """Rows per second of the per-row service path (no cache, no bulk)."""
    from django.db import transaction

    from jobbro.candidates.services import (
        EducationRow,
        ExperienceRow,
        LanguageRow,
        QualificationRow,
        candidate_create,
        cv_update,
    )
    from jobbro.case_imports.candidates_import import _period, plan_candidates
    from jobbro.case_imports.reading import read_table
    from jobbro.organisations.models import Municipality
    from jobbro.taxonomy.models import Language, Occupation, Qualification
    from jobbro.taxonomy.selectors import link_title

    table = read_table("baseline.csv", data)
    table = type(table)(headers=table.headers, rows=table.rows[:n])
    started = time.perf_counter()
    for row in table.rows:
        one = type(table)(headers=table.headers, rows=[row])
        plan = plan_candidates(one, job_centre=centre)  # type: ignore[arg-type]
        assert plan.report.ok, plan.report.issues
        read = plan.rows[0].row
        with transaction.atomic():
            candidate = candidate_create(
                actor=user,  # type: ignore[arg-type]
                job_centre=centre,  # type: ignore[arg-type]
                cpr=read.cpr,
                first_name=read.values["first_name"],
                last_name=read.values["last_name"],
                municipality=Municipality.objects.get(pk=read.values["municipality_id"]),
                email=read.values.get("email", ""),
                phone=read.values.get("phone", ""),
                available_from=read.values.get("available_from"),
            )
            wished = []
            for title in read.wished or []:
                link = link_title(title)
                if link.occupation_id:
                    wished.append(Occupation.objects.get(pk=link.occupation_id))
            experiences = []
            for past in read.past or []:
                link = link_title(past.title)
                if link.occupation_id:
                    start, end = _period(past)
                    occupation = Occupation.objects.get(pk=link.occupation_id)
                    experiences.append(
                        ExperienceRow(
                            occupation=occupation, title=past.title, start_date=start, end_date=end
                        )
                    )
            cv_update(
                actor=user,  # type: ignore[arg-type]
                cv=candidate.cv,
                profile_da="",
                profile_en="",
                max_commute_km=30,
                wished_occupations=wished,
                skills=[],
                experiences=experiences,
                educations=[
                    EducationRow(title=t, level=lv, completed_year=y)
                    for t, lv, y in read.educations or ()
                ],
                qualifications=[
                    QualificationRow(qualification=Qualification.objects.get(pk=q))
                    for q in (read.certificates or set()) | (read.licences or set())
                ],
                languages=[
                    LanguageRow(language=Language.objects.get(pk=lang), level=lv)
                    for lang, lv in read.languages or ()
                ],
            )
    elapsed = time.perf_counter() - started
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--database-url", default=DEFAULT_DB)
    args = parser.parse_args()
    setup(args.database_url)

    from django.db import connection

    from jobbro.candidates.models import Candidate
    from jobbro.case_imports.services import create_run, run_import
    from jobbro.taxonomy.selectors import link_title

    centre, user = job_centre_and_user()
    link_title("Tømrer")  # builds the suggestion index once, outside every timing
    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{connection.vendor}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )

    base_data = csv_bytes(args.baseline, seed=99, prefix="B")
    per_row = baseline(base_data, centre, user, args.baseline)
    print(
        f"baseline (per-row services, {args.baseline} rows): {per_row:.0f} rows/s, "
        f"{args.n / per_row:.0f} s scaled to {args.n} rows",
        flush=True,
    )
    Candidate.objects.all().delete()

    data = csv_bytes(args.n)
    # The allocation peak of reading and checking, traced in a dry run of a tenth of the rows
    # (tracing slows Python tenfold); it grows with the rows.
    sample = csv_bytes(args.n // 10)
    dry = create_run(
        job_centre=centre, kind="candidates", filename="bench.csv", data=sample, dry_run=True
    )
    tracemalloc.start()
    run_import(dry.pk)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    made = create_run(
        job_centre=centre,
        kind="candidates",
        filename="bench.csv",
        data=data,
        user=user,
        dry_run=False,
    )
    started = time.perf_counter()
    result = run_import(made.pk)
    seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert result.status == "done", result.report["issues"][:5]
    assert result.created == args.n
    print(
        f"bulk import: {args.n} rows in {seconds:.1f} s = {args.n / seconds:.0f} rows/s "
        f"({args.n / seconds / per_row:.0f}× the baseline); pending titles "
        f"{result.pending_titles}; peak RSS {rss_after / 1024:.0f} MiB "
        f"(+{(rss_after - rss_before) / 1024:.0f} MiB in the import), "
        f"traced Python peak of a dry run of {args.n // 10} rows {traced_peak / 2**20:.0f} MiB",
        flush=True,
    )

    again = create_run(
        job_centre=centre,
        kind="candidates",
        filename="bench.csv",
        data=data,
        user=user,
        dry_run=False,
    )
    started = time.perf_counter()
    result = run_import(again.pk)
    seconds = time.perf_counter() - started
    assert result.unchanged == args.n, (result.created, result.updated, result.unchanged)
    print(
        f"reimport, all unchanged: {seconds:.1f} s = {args.n / seconds:.0f} rows/s; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
