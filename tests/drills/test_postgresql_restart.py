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

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection

from jobbro.api.models import Scope
from jobbro.api.services import client_issue
from jobbro.organisations.models import Role
from tests.drills.private_postgresql import Cluster, bin_dir, private_cluster
from tests.drills.processes import (
    PROXY_HEADERS,
    free_port,
    gunicorn,
    listening,
    production_env,
    run_script,
    suite_database_url,
)
from tests.factories import IndustryFactory, JobCentreFactory, staff
from tests.factories.companies import valid_cvrs

CLIENTS = 6
ANSWERS = 60  # answered requests before the restart, and again after it
LONGEST_PHASE = 90.0  # seconds: a machine too busy to reach them fails the drill
SETTLED = 1.0  # after the restart returns, every request must succeed
DOWN_FOR = 2.0  # seconds the server is away


pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not listening(6379) or bin_dir() is None,
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
    dump = tmp_path / "drill.dump"
    run_script("backup.sh", str(dump), url=suite_database_url())
    with psycopg.connect(cluster.url("postgres"), autocommit=True) as admin:
        admin.execute("CREATE DATABASE jobbro")
    run_script("restore.sh", str(dump), url=cluster.url("jobbro"))
    return cluster.url("jobbro")


@pytest.fixture
def world() -> tuple[str, str, int]:
    """A job centre's API client that may write, and what a company needs."""
    centre = JobCentreFactory(name="Jobcenter Øvelse")
    secretariat = staff(Role.SECRETARIAT, centre)
    _client, token = client_issue(
        actor=secretariat, name="Øvelse", job_centre=centre, scope=Scope.WRITE
    )
    return token, centre.municipalities.get().code, IndustryFactory().pk


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
    env = production_env(
        url=database_url,
        var_dir=tmp_path,
        port=free_port(),
        # The tokens were issued under the test settings' key; the server must check them so.
        secret_key=settings.SECRET_KEY,
        workers=2,
        threads=4,
        REDIS_URL="redis://127.0.0.1:6379/14",
        JOBBRO_API_RATE_LIMIT="100000/m",
    )
    with gunicorn(env, tmp_path, workers=2) as server:
        _drill(cluster, server.base, database_url, token, municipality, industry)


def _drill(
    cluster: Cluster, base: str, database_url: str, token: str, municipality: str, industry: int
) -> None:
    headers = {**PROXY_HEADERS, "Authorization": f"Bearer {token}"}
    cvrs = iter(valid_cvrs(5000, start=3000000))
    bodies: dict[str, dict[str, object]] = {}
    answers: list[Answer] = []
    lock = threading.Lock()
    stop = threading.Event()

    def call(session: requests.Session, name: str, write: bool) -> None:
        method, key, body = "GET", "", None
        if write:
            with lock:
                key = f"drill-{name}"
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

    def client(number: int) -> None:
        session = requests.Session()
        calls = 0
        while not stop.is_set():
            calls += 1
            call(session, f"{number}-{calls}", write=calls % 3 == 0)

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
        cluster.stop_fast()
        down = time.monotonic()  # every connection is cut by now
        # The steady clients may all be held in requests begun before the cut; these
        # arrive surely while the server is down, a read and a write.
        arrivals = [
            threading.Thread(target=call, args=(requests.Session(), f"down-{n}", n == 1))
            for n in range(2)
        ]
        time.sleep(DOWN_FOR / 4)
        for thread in arrivals:
            thread.start()
        time.sleep(DOWN_FOR * 3 / 4)
        cluster.start()
        restart_done = time.monotonic()
        wait_for_answers(restart_done + SETTLED)
        stop.set()
        for thread in threads + arrivals:
            thread.join(timeout=60)

        failed = [a for a in answers if not a.ok]
        during = [a for a in answers if down <= a.started <= restart_done]
        after = [a for a in answers if a.started > restart_done + SETTLED]
        summary = (
            f"{len(answers)} requests, {len(failed)} failed, {len(during)} arrived while "
            f"{restart_done - down:.1f} s the server was down, {len(after)} after it"
        )
        print(summary)
        assert len(during) >= len(arrivals), summary  # the restart was under load
        # Only the requests in flight when the connections were cut failed: one per client
        # at most, each begun before the server was down; those that came while it was
        # down waited for it.
        assert len(failed) <= CLIENTS, (summary, failed)
        assert all(a.started < down for a in failed), (summary, failed)
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
