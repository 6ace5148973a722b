"""Drill: PostgreSQL restarted under load.

gunicorn with the production settings (two processes of four threads) serves API clients
that read and write companies without pause, on a PostgreSQL server of the drill's own.
Mid-load the server is restarted the way operations do (`pg_ctl -m fast`: every
connection is cut) and stays away for two seconds. Only the requests in flight at that
moment may fail; requests that arrive while the server is down wait for it
(jobbro/db_backends) and succeed, as does every request after; each write that failed
leaves nothing, and repeating it with its Idempotency-Key writes it exactly once.

Runs where the suite runs on PostgreSQL (CI's second run): the drill's server starts
from a backup of the test database (ops/backup.sh, ops/restore.sh).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection

from jobbro.api.models import Scope
from jobbro.api.services import client_issue
from jobbro.organisations.models import Role
from tests.drills.private_postgresql import Cluster, bin_dir, private_cluster
from tests.factories import IndustryFactory, JobCentreFactory, staff
from tests.factories.companies import valid_cvrs

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 6
ANSWERS = 60  # answered requests before the restart, and again after it
LONGEST_PHASE = 90.0  # seconds: a machine too busy to reach them fails the drill
SETTLED = 1.0  # after the restart returns, every request must succeed
DOWN_FOR = 2.0  # seconds the server is away


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not _listening(6379) or bin_dir() is None,
        reason="needs the suite on PostgreSQL, PostgreSQL's server programs and Redis",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass(frozen=True)
class Answer:
    started: float
    ended: float
    method: str
    key: str
    status: int  # 0: no HTTP answer at all

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    with private_cluster() as made:
        yield made


def _copy_test_database_to(cluster: Cluster, tmp_path: Path) -> str:
    """The test database, with what this test committed, as the drill server's database."""
    source = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{source['USER'] or 'postgres'}@{source['HOST'] or '127.0.0.1'}"
        f":{source['PORT'] or 5432}/{source['NAME']}",
    }
    dump = tmp_path / "drill.dump"
    for command in (["backup.sh", str(dump)],):
        made = subprocess.run(  # noqa: S603 - our own script
            [str(ROOT / "ops" / command[0]), *command[1:]],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert made.returncode == 0, made.stderr
    with psycopg.connect(cluster.url("postgres"), autocommit=True) as admin:
        admin.execute("CREATE DATABASE jobbro")
    restored = subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / "ops" / "restore.sh"), str(dump)],
        env={**os.environ, "DATABASE_URL": cluster.url("jobbro")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert restored.returncode == 0, restored.stderr
    return cluster.url("jobbro")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def world() -> tuple[str, str, int]:
    """A job centre's API client that may write, and what a company needs."""
    centre = JobCentreFactory(name="Jobcenter Øvelse")
    secretariat = staff(Role.SECRETARIAT, centre)
    _client, token = client_issue(
        actor=secretariat, name="Øvelse", job_centre=centre, scope=Scope.WRITE
    )
    return token, centre.municipalities.get().code, IndustryFactory().pk


def _gunicorn(database_url: str, var_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBBRO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="jobbro.settings.production",
        # The tokens were issued under the test settings' key; the server must check them so.
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="jobbro.example.dk",
        DATABASE_URL=database_url,
        REDIS_URL="redis://127.0.0.1:6379/14",
        JOBBRO_CPR_KEY=Fernet.generate_key().decode(),
        JOBBRO_CPR_HASH_KEY=Fernet.generate_key().decode(),
        JOBBRO_VAR_DIR=str(var_dir),
        JOBBRO_BIND=f"127.0.0.1:{port}",
        JOBBRO_API_RATE_LIMIT="100000/m",
        WEB_CONCURRENCY="2",
        JOBBRO_THREADS="4",
        PYTHONPATH=str(ROOT / "src"),
    )
    # No collectstatic: the API answers JSON, and the drill needs no page's stylesheet.
    log = (var_dir / "gunicorn.err").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{base}/health/ready", timeout=10).status_code == 200:
                return process, base
        except (requests.ConnectionError, requests.Timeout):
            pass
        assert process.poll() is None, (var_dir / "gunicorn.err").read_text()
        assert time.monotonic() < deadline, "gunicorn did not answer in 120 s"
        time.sleep(0.2)


def _company(n: int, cvr: str, municipality: str, industry: int) -> dict[str, object]:
    return {
        "cvr": cvr,
        "name": f"Øvelsesfirma {n} ApS",
        "street": "Vejen 1",
        "postcode": "2730",
        "city": "Herlev",
        "municipality": municipality,
        "industry": industry,
    }


def test_postgresql_restarted_under_load(
    cluster: Cluster, world: tuple[str, str, int], tmp_path: Path
) -> None:
    token, municipality, industry = world
    database_url = _copy_test_database_to(cluster, tmp_path)
    process, base = _gunicorn(database_url, tmp_path)
    headers = {
        "Authorization": f"Bearer {token}",
        "Host": "jobbro.example.dk",
        "X-Forwarded-Proto": "https",  # as the HTTPS proxy in front sends it
    }
    cvrs = iter(valid_cvrs(5000, start=3000000))
    bodies: dict[str, dict[str, object]] = {}
    answers: list[Answer] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(number: int) -> None:
        session = requests.Session()
        calls = 0
        while not stop.is_set():
            calls += 1
            method, key, body = "GET", "", None
            if calls % 3 == 0:
                with lock:
                    key = f"drill-{number}-{calls}"
                    body = bodies[key] = _company(len(bodies), next(cvrs), municipality, industry)
                method = "POST"
            started = time.monotonic()
            try:
                response = session.request(
                    method,
                    f"{base}/api/v1/companies/",
                    json=body,
                    headers={**headers, **({"Idempotency-Key": key} if key else {})},
                    timeout=30,
                )
                status = response.status_code
            except requests.RequestException:
                status = 0
            with lock:
                answers.append(Answer(started, time.monotonic(), method, key, status))

    def answered_since(moment: float) -> int:
        with lock:
            return sum(1 for a in answers if a.started > moment)

    def wait_for_answers(moment: float) -> None:
        deadline = time.monotonic() + LONGEST_PHASE
        while answered_since(moment) < ANSWERS:
            assert time.monotonic() < deadline, f"{answered_since(moment)} answers in time"
            time.sleep(0.1)

    try:
        # Warm every thread of both processes: the first requests load the code.
        warm = [
            threading.Thread(
                target=requests.get,
                args=(f"{base}/api/v1/companies/",),
                kwargs={"headers": headers},
            )
            for _ in range(8)
        ]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        wait_for_answers(0)
        restart_began = time.monotonic()
        cluster.restart(down_for=DOWN_FOR)
        restart_done = time.monotonic()
        wait_for_answers(restart_done + SETTLED)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        failed = [a for a in answers if not a.ok]
        during = [a for a in answers if restart_began <= a.started <= restart_done]
        after = [a for a in answers if a.started > restart_done + SETTLED]
        summary = (
            f"{len(answers)} requests, {len(failed)} failed, {len(during)} arrived during the "
            f"{restart_done - restart_began:.1f} s restart, {len(after)} after it"
        )
        print(summary)
        assert during, summary  # the restart was under load
        # Only the requests in flight when the connections were cut failed: one per client
        # at most, each begun before the restart.
        assert len(failed) <= CLIENTS, (summary, failed)
        assert all(a.started < restart_began for a in failed), (summary, failed)
        assert all(a.ok for a in during + after), summary

        # Writes: each that failed left nothing; repeated with its key, it is written once.
        for answer in failed:
            if answer.method == "POST":
                again = requests.post(
                    f"{base}/api/v1/companies/",
                    json=bodies[answer.key],
                    headers={**headers, "Idempotency-Key": answer.key},
                    timeout=30,
                )
                assert again.status_code == 201, again.text
        written = {a.key for a in answers if a.method == "POST"}
        with psycopg.connect(database_url) as c:
            names = [
                row[0]
                for row in c.execute(
                    "SELECT name FROM companies_company WHERE name LIKE 'Øvelsesfirma %%'"
                )
            ]
        assert sorted(names) == sorted(str(bodies[key]["name"]) for key in written)
        assert requests.get(f"{base}/health/ready", timeout=5).status_code == 200
    finally:
        stop.set()
        process.terminate()
        process.wait(timeout=30)
