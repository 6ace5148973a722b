"""A worker killed mid-import leaves nothing half-written, and a rerun completes the import.

A real process runs `manage.py import_candidates` on its own database (an SQLite file, or a
PostgreSQL database of its own when DATABASE_URL names PostgreSQL); it is killed (SIGKILL)
as soon as it reports writing, inside the file's one transaction.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.case_import_data import csv_bytes

ROOT = Path(__file__).resolve().parents[2]
ROWS = 6000

SETUP = """
from jobbro.organisations.models import Cooperation, JobCentre, Municipality
cooperation = Cooperation.objects.create(name="Kill", short_name="K")
centre = JobCentre.objects.create(cooperation=cooperation, name="Jobcenter Herlev")
centre.municipalities.set([Municipality.objects.get(name="Herlev")])
"""
COUNT = """
from jobbro.candidates.models import Candidate, Cv, SpokenLanguage
from jobbro.case_imports.models import ImportRun
print(Candidate.objects.count(), Cv.objects.count(), SpokenLanguage.objects.count())
print(" ".join(r.status for r in ImportRun.objects.order_by("pk")))
"""


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="jobbro.settings.test")
    env["PYTHONPATH"] = str(ROOT / "src")
    url = os.environ.get("DATABASE_URL", "")
    name = ""
    if url.startswith("postgres"):
        import psycopg

        name = f"kill_{uuid.uuid4().hex[:8]}"
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'kill.sqlite3'}"
    try:
        yield env
    finally:
        if name:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def counted(env: dict[str, str]) -> list[str]:
    """The two lines COUNT prints (the shell may say first what it imported by itself)."""
    return manage(env, "shell", "-c", COUNT).strip().split("\n")[-2:]


@pytest.mark.django_db(databases=[])
def test_a_killed_import_writes_nothing_and_a_rerun_completes(env, tmp_path):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", "-c", SETUP)
    path = tmp_path / "borgere.csv"
    path.write_bytes(csv_bytes(ROWS))
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "import_candidates",
        str(path),
        "--job-centre",
        "Jobcenter Herlev",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith("skrevet ") and not line.startswith(f"skrevet {ROWS}/"):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, seen
    assert counted(env) == ["0 0 0", "running"]

    out = manage(env, "import_candidates", str(path), "--job-centre", "Jobcenter Herlev")
    assert f"oprettet: {ROWS}" in out
    counts, statuses = counted(env)
    assert counts.split()[:2] == [str(ROWS), str(ROWS)]
    assert statuses == "running done"
