"""Cold start of a web process's search index at national scale, built vs mapped.

    # once: a database of your own with 300,000 candidates and their CVs
    createdb -h 127.0.0.1 -U postgres jobbro_coldstart
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_coldstart manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jobbro_coldstart manage.py load_taxonomy
    .venv/bin/python bench/matching_cold_start.py fill --n 300000 \\
        --database-url postgres://postgres@127.0.0.1:5432/jobbro_coldstart
    # the measurement
    .venv/bin/python bench/matching_cold_start.py run \\
        --database-url postgres://postgres@127.0.0.1:5432/jobbro_coldstart [--edits 10]

`fill` writes the candidates of `bench/matching_data.py` (the ranking benchmark's generator:
ESCO occupations with Zipf popularity, their skills, certificates, languages, 98
municipalities) as rows: a cooperation with one job centre per municipality, candidates, CVs,
experience, wishes, skills, certificates, languages (COPY; refuses a database that has
candidates).

`run`, each step a fresh Python process started the way gunicorn's workers start (Django set
up, then the first search):

1. baseline: a cold process with no snapshot builds the index from the database; time from
   the process's start to its first answered search, and its memory;
2. `manage.py snapshot_matching_index` writes the snapshot (time, size on disk);
3. two cold processes map the snapshot, one after the other: time to the first answered
   search of each; then both run the same searches and their memory is read from
   /proc/<pid>/smaps_rollup (Rss counts shared pages in full, Pss splits them between the
   processes that map them: the sharing);
4. with `--edits` (only on a database you may write to): adds a skill to a candidate's CV
   `--edits` times (through the ORM, so the journal is written as by the app) while both
   processes search back to back; the time from the commit to the first search of each
   process that finds the candidate.

Prints one table; figures in docs/performance.md ("Cold start of the search index").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

SETTINGS = "jobbro.settings.dev"


def setup_django(database_url: str, var_dir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["JOBBRO_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


# --- fill ------------------------------------------------------------------------------


def fill(database_url: str, n: int, seed: int) -> None:
    setup_django(database_url, Path(tempfile.mkdtemp(prefix="coldstart-fill-")))
    from django.db import connection, transaction
    from matching_data import candidates, load_world

    from jobbro.candidates.models import Candidate
    from jobbro.matching.engine import CEFR_NAMES
    from jobbro.organisations.models import Cooperation, JobCentre, Municipality
    from jobbro.taxonomy.models import Language, Occupation, Qualification, Skill

    if Candidate.objects.exists():
        sys.exit("The database has candidates already; fill only an empty one of your own.")
    started = time.perf_counter()
    world = load_world()
    esco = ROOT / "src/jobbro/taxonomy/data/esco"
    occupation_of = _id_map(
        esco / "occupations.csv.gz", dict(Occupation.objects.values_list("uri", "pk"))
    )
    skill_of = _id_map(esco / "skills.csv.gz", dict(Skill.objects.values_list("uri", "pk")))
    if not occupation_of or not skill_of:
        sys.exit("No ESCO taxonomy: run manage.py load_taxonomy first.")
    by_code = dict(Qualification.objects.values_list("code", "pk"))
    qualification_of = {i: by_code[c] for c, i in world.qualifications.items() if c in by_code}
    by_code = dict(Language.objects.values_list("code", "pk"))
    language_of = {i: by_code[c] for c, i in world.languages.items() if c in by_code}
    municipality_pk = dict(Municipality.objects.values_list("code", "pk"))
    municipality_of = {i: municipality_pk[c] for i, c in world.municipality_codes.items()}
    today = dt.date.today()
    with transaction.atomic():
        cooperation = Cooperation.objects.create(name="Benchmark cooperation", short_name="BENCH")
        centre_of = {}
        for i, code in world.municipality_codes.items():
            centre = JobCentre.objects.create(cooperation=cooperation, name=f"Jobcenter {code}")
            centre.municipalities.set([municipality_of[i]])
            centre_of[i] = centre.pk
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM candidates_candidate")
            first = cursor.fetchone()[0] + 1
            raw = cursor.connection
            rows = _Rows()
            for f in candidates(world, n, seed):
                pk = first + f.id - 1
                rows.candidate(pk, f, centre_of, municipality_of, today)
                rows.cv.append((pk, pk, int(f.max_commute_km)))
                for occupation, years in f.experience:
                    start = today - dt.timedelta(days=round(years * 365.25))
                    rows.experience.append((pk, occupation_of[occupation], start, today))
                rows.wished.extend(
                    (pk, occupation_of[o]) for o in dict.fromkeys(f.wished_occupations)
                )
                rows.skills.extend((pk, skill_of[s]) for s in f.skills)
                rows.held.extend(
                    (pk, qualification_of[q.qualification_id], q.expires_on)
                    for q in f.qualifications
                )
                rows.spoken.extend(
                    (pk, language_of[s.language_id], CEFR_NAMES[s.level]) for s in f.languages
                )
                if len(rows.cv) >= 20_000:
                    rows.flush(raw)
            rows.flush(raw)
            for table in (
                "candidates_candidate",
                "candidates_cv",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        # The app journals every write; a fill is a fresh start, so it leaves none.
        connection.cursor().execute("DELETE FROM matching_candidatechange")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"filled {n:,} candidates in {time.perf_counter() - started:.0f} s")


def _id_map(path: Path, pk_of_uri: dict[str, int]) -> dict[int, int]:
    """The generator's ids (row numbers of the ESCO copy) → the database's keys."""
    import csv
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as source:
        uris = [row["uri"] for row in csv.DictReader(source)]
    return {i: pk_of_uri[u] for i, u in enumerate(uris, start=1) if u in pk_of_uri}


class _Rows:
    COLUMNS = {
        "candidate": (
            "candidates_candidate",
            "id, first_name, last_name, birth_date, email, phone, street, postcode, "
            "consent_scope, consent_given_on, available_from, status, registered_on, created_at, "
            "updated_at, job_centre_id, municipality_id, cpr_encrypted, case_id",
        ),
        "cv": (
            "candidates_cv",
            "id, candidate_id, max_commute_km, profile_da, profile_en, updated_at",
        ),
        "experience": (
            "candidates_experience",
            "cv_id, occupation_id, start_date, end_date, title, employer, description",
        ),
        "wished": ("candidates_cv_wished_occupations", "cv_id, occupation_id"),
        "skills": ("candidates_cv_skills", "cv_id, skill_id"),
        "held": ("candidates_heldqualification", "cv_id, qualification_id, expires_on"),
        "spoken": ("candidates_spokenlanguage", "cv_id, language_id, level"),
    }

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)
        self.candidates: list[tuple[Any, ...]] = []
        self.cv: list[tuple[Any, ...]] = []
        self.experience: list[tuple[Any, ...]] = []
        self.wished: list[tuple[Any, ...]] = []
        self.skills: list[tuple[Any, ...]] = []
        self.held: list[tuple[Any, ...]] = []
        self.spoken: list[tuple[Any, ...]] = []

    def candidate(self, pk, f, centre_of, municipality_of, today) -> None:  # type: ignore[no-untyped-def]
        shared = f.shared_with_cooperation
        self.candidates.append(
            (
                pk,
                f"Kandidat{pk}",
                "Benchmark",
                dt.date(1980, 1, 1),
                f"kandidat{pk}@example.net",
                "",
                "",
                "",
                "cooperation" if shared else "none",
                today if shared else None,
                f.available_from,
                "active" if f.active else "paused",
                today,
                self.now,
                self.now,
                centre_of[f.job_centre_id],
                municipality_of[f.municipality_id],
                "benchmark: no CPR number",
                "",
            )
        )

    def flush(self, connection: Any) -> None:
        with connection.cursor() as cursor:
            for name, (table, columns) in self.COLUMNS.items():
                rows = self.candidates if name == "candidate" else getattr(self, name)
                if name == "cv":
                    rows = [(*r, "", "", self.now) for r in rows]
                if name == "experience":
                    rows = [(*r, "Job", "", "") for r in rows]
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        for name in ("candidates", "cv", "experience", "wished", "skills", "held", "spoken"):
            getattr(self, name).clear()


# --- the processes measured ------------------------------------------------------------


def child(spec_path: str) -> None:
    """One web process: Django, then the first search; then commands from stdin."""
    started = time.perf_counter()
    spec = json.loads(Path(spec_path).read_text())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()
    from jobbro.matching.engine import Query, Requirement, Visibility
    from jobbro.matching.holder import get_holder

    set_up = time.perf_counter()
    queries = [_query(q, Query, Visibility) for q in spec["queries"]]
    holder = get_holder()
    first = holder.search(queries[0])
    ready = time.perf_counter()
    _say(
        {
            "ready": True,
            "django_s": set_up - started,
            "index_and_first_search_s": ready - set_up,
            "total_in_process_s": ready - started,
            "hits": first.total,
            "from_snapshot": holder._state is not None and holder._state.snapshot is not None,
        }
    )
    for line in sys.stdin:
        command, *args = line.split()
        if command == "search":
            timings = []
            for query in queries:
                t = time.perf_counter()
                holder.search(query)
                timings.append(time.perf_counter() - t)
            _say({"searched": len(queries), "p50_ms": statistics.median(timings) * 1000})
        elif command == "watch":
            # Search back to back until the candidate holds the skill (as a must-have).
            candidate, skill, timeout = int(args[0]), int(args[1]), float(args[2])
            query = _query(
                {**spec["queries"][0], "occupations": [], "essential": [], "optional": []},
                Query,
                Visibility,
                requirements=(Requirement.skill(skill, must=True),),
                limit=100_000,
            )
            searches = 0
            deadline = time.time() + timeout
            seen = None
            while time.time() < deadline:
                result = holder.search(query)
                searches += 1
                if any(hit.candidate_id == candidate for hit in result):
                    seen = time.time()
                    break
            _say({"seen_at": seen, "searches": searches})
        elif command == "quit":
            return


def _query(spec, Query, Visibility, requirements=(), limit=50):  # type: ignore[no-untyped-def]
    return Query(
        visibility=Visibility(frozenset(spec["own"]), frozenset(spec["cooperation"])),
        today=dt.date.fromisoformat(spec["today"]),
        occupations=tuple(spec["occupations"]),
        essential_skills=tuple(spec["essential"]),
        optional_skills=tuple(spec["optional"]),
        requirements=tuple(requirements),
        workplace=tuple(spec["workplace"]),
        start_date=dt.date.fromisoformat(spec["today"]) + dt.timedelta(days=30),
        limit=limit,
    )


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


class Process:
    """A child process measured from the moment it is started."""

    def __init__(self, spec: Path, database_url: str, var_dir: Path) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "JOBBRO_VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "PYTHONPATH": str(ROOT / "src"),
        }
        self.started = time.perf_counter()
        self.popen = subprocess.Popen(  # noqa: S603
            [sys.executable, __file__, "child", str(spec)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            bufsize=1,
        )
        self.ready = self.read(timeout=900)
        self.seconds = time.perf_counter() - self.started

    def read(self, timeout: float = 600) -> dict[str, Any]:
        assert self.popen.stdout is not None
        ready, _, _ = select.select([self.popen.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError("the child did not answer")
        line = self.popen.stdout.readline()
        if not line:
            raise RuntimeError(f"the child ended ({self.popen.wait()})")
        return json.loads(line)

    def send(self, command: str) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.write(command + "\n")
        self.popen.stdin.flush()

    def memory(self) -> dict[str, float]:
        """MiB from /proc/<pid>/smaps_rollup."""
        values = {}
        for line in Path(f"/proc/{self.popen.pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value, *_ = line.split()
            values[key.rstrip(":")] = int(value) / 1024
        return values

    def stop(self) -> None:
        self.send("quit")
        self.popen.wait(timeout=60)


def spec_of(database_url: str, var_dir: Path, count: int) -> dict[str, Any]:
    """Job-order-like searches: the most frequent occupations in the data, their ESCO
    skills, workplaces in the big towns; every job centre visible."""
    setup_django(database_url, var_dir)
    from django.db.models import Count

    from jobbro.candidates.models import Experience
    from jobbro.organisations.models import JobCentre, Municipality
    from jobbro.taxonomy.models import OccupationSkill, Relation

    centres = list(JobCentre.objects.values_list("pk", flat=True))
    common = list(
        Experience.objects.values("occupation")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("occupation", flat=True)[:count]
    )
    towns = list(
        Municipality.objects.filter(code__in=["101", "751", "461", "851"]).values_list(
            "latitude", "longitude"
        )
    ) or [(55.6756, 12.5698)]
    queries = []
    rng = random.Random(16)
    for occupation in common or [None]:
        links = OccupationSkill.objects.filter(occupation=occupation)
        essential = list(links.filter(relation=Relation.ESSENTIAL).values_list("skill", flat=True))
        optional = list(links.exclude(relation=Relation.ESSENTIAL).values_list("skill", flat=True))
        lat, lon = rng.choice(towns)
        queries.append(
            {
                "own": centres[:1],
                "cooperation": centres,
                "today": dt.date.today().isoformat(),
                "occupations": [occupation] if occupation else [],
                "essential": essential,
                "optional": optional,
                "workplace": [float(lat), float(lon)],
            }
        )
    return {"queries": queries}


def run(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="coldstart-"))
    empty_var, snap_var = work / "no-snapshot", work / "var"
    empty_var.mkdir()
    snap_var.mkdir()
    spec = work / "spec.json"
    spec.write_text(json.dumps(spec_of(args.database_url, empty_var, args.queries)))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}"
    )
    from jobbro.candidates.models import Candidate

    n = Candidate.objects.count()
    print(f"candidates: {n:,}")
    rows: list[tuple[str, str]] = []

    # 1. The baseline: no snapshot, the process builds.
    built = Process(spec, args.database_url, empty_var)
    assert not built.ready["from_snapshot"]
    searched = {}
    for _ in range(2):  # the first pass touches the pages, the second is timed
        built.send("search")
        searched = built.read()
    built_memory = built.memory()
    rows += [
        ("(a) build: start → first answered search", f"{built.seconds:.2f} s"),
        ("    of which Django set-up", f"{built.ready['django_s']:.2f} s"),
        (
            "    of which index (read + build) and first search",
            f"{built.ready['index_and_first_search_s']:.2f} s",
        ),
        ("    search p50 afterwards", f"{searched['p50_ms']:.1f} ms"),
        ("    Rss / Pss", f"{built_memory['Rss']:.0f} / {built_memory['Pss']:.0f} MiB"),
    ]
    built.stop()

    # 2. The snapshot.
    started = time.perf_counter()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "JOBBRO_VAR_DIR": str(snap_var),
        "DJANGO_SETTINGS_MODULE": SETTINGS,
    }
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "snapshot_matching_index"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    written = time.perf_counter() - started
    directory = (snap_var / "matching-index" / "current").resolve()
    size = sum(p.stat().st_size for p in directory.iterdir()) / 2**20
    rows += [
        ("snapshot_matching_index (build + write)", f"{written:.1f} s"),
        ("snapshot on disk", f"{size:.0f} MiB in {len(list(directory.iterdir()))} files"),
    ]

    # 3. Two processes map it.
    first = Process(spec, args.database_url, snap_var)
    second = Process(spec, args.database_url, snap_var)
    assert first.ready["from_snapshot"] and second.ready["from_snapshot"]
    p50 = []
    for _ in range(2):  # one process at a time, like (a)
        p50 = []
        for p in (first, second):
            p.send("search")
            p50.append(p.read()["p50_ms"])
    memory = [first.memory(), second.memory()]
    rows += [
        ("(b) snapshot, 1st process: start → first answered search", f"{first.seconds:.2f} s"),
        ("    of which Django set-up", f"{first.ready['django_s']:.2f} s"),
        (
            "    of which map + journal + first search",
            f"{first.ready['index_and_first_search_s']:.2f} s",
        ),
        ("(b) snapshot, 2nd process: start → first answered search", f"{second.seconds:.2f} s"),
        (
            "    speed-up against (a), 1st / 2nd",
            f"{built.seconds / first.seconds:.1f} × / {built.seconds / second.seconds:.1f} ×",
        ),
        ("    search p50 afterwards, 1st / 2nd", f"{p50[0]:.1f} / {p50[1]:.1f} ms"),
    ]
    for label, m in zip(("1st", "2nd"), memory, strict=True):
        rows.append(
            (
                f"    {label}: Rss / Pss / Shared_Clean / Private",
                f"{m['Rss']:.0f} / {m['Pss']:.0f} / "
                f"{m['Shared_Clean']:.0f} / {m['Private_Clean'] + m['Private_Dirty']:.0f} MiB",
            )
        )
    rows.append(
        (
            "    two processes: Pss together vs 2 × (a)'s Pss",
            f"{memory[0]['Pss'] + memory[1]['Pss']:.0f} vs {2 * built_memory['Pss']:.0f} MiB",
        )
    )

    # 4. Edits seen by both.
    if args.edits:
        latencies = edit_latencies(args, [first, second], args.edits)
        for label, values in zip(("1st", "2nd"), latencies, strict=True):
            rows.append(
                (
                    f"edit → visible in {label} process p50 / max",
                    f"{statistics.median(values) * 1000:.0f} / {max(values) * 1000:.0f} ms",
                )
            )
        after = [first.memory(), second.memory()]
        rows.append(
            (
                "    after the edits, Pss 1st / 2nd",
                f"{after[0]['Pss']:.0f} / {after[1]['Pss']:.0f} MiB",
            )
        )
    for p in (first, second):
        p.stop()
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    shutil.rmtree(work, ignore_errors=True)


def edit_latencies(
    args: argparse.Namespace, processes: list[Process], count: int
) -> list[list[float]]:
    """Add a skill to a candidate's CV (the ORM, so the app's journal row is written) while
    the processes search back to back; seconds from commit to found, per process."""
    from django.db import transaction

    from jobbro.candidates.models import Cv
    from jobbro.taxonomy.models import Skill

    rng = random.Random(5)
    # A skill few hold, so the watch query is cheap and the candidate surely lacks it.
    skill = Skill.objects.order_by("-pk").first()
    assert skill is not None
    cvs = list(
        Cv.objects.exclude(skills=skill)
        .filter(candidate__status="active", candidate__consent_scope="cooperation")
        .values_list("pk", "candidate_id")[:2000]
    )
    result: list[list[float]] = [[] for _ in processes]
    for cv_pk, candidate_pk in rng.sample(cvs, count):
        for p in processes:
            p.send(f"watch {candidate_pk} {skill.pk} 30")
        time.sleep(0.2)  # they are searching
        with transaction.atomic():
            Cv.objects.get(pk=cv_pk).skills.add(skill)
        committed = time.time()
        for i, p in enumerate(processes):
            seen = p.read(timeout=60)["seen_at"]
            if seen is None:
                raise AssertionError(f"candidate {candidate_pk} not seen within 30 s")
            result[i].append(seen - committed)
    return result


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fill")
    f.add_argument("--database-url", required=True)
    f.add_argument("--n", type=int, default=300_000)
    f.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("run")
    r.add_argument("--database-url", required=True)
    r.add_argument("--queries", type=int, default=20)
    r.add_argument("--edits", type=int, default=0)
    c = sub.add_parser("child")
    c.add_argument("spec")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "fill":
        fill(args.database_url, args.n, args.seed)
    elif args.command == "run":
        run(args)
    else:
        child(args.spec)


if __name__ == "__main__":
    main()
