"""Drill: a web process killed in the middle of a write (issue 16, point 4).

gunicorn with the production settings, two workers, on a PostgreSQL database of its own (a
copy of this test's data, made with ops/backup.sh and ops/restore.sh). An API client
creates a job order with two requirements: one request, one transaction, three rows. The
drill stops the write half way without touching the application: in its own database it
puts a trigger on the requirements table that waits for an advisory lock the drill holds.
The job order's row is then written, the requirements not yet. The drill finds the worker
whose connection waits (pg_stat_activity's client port, looked up in /proc), kills it
with SIGKILL and lets the lock go.

Then: nothing of the write is in the database, the master has started a new worker, the
next requests succeed, and the client's retry with the same Idempotency-Key writes the job
order once: the dead request's claim on the key is taken over at once, since no live
request holds its row lock.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import signal
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from jobbro.api.models import Scope
from jobbro.api.services import client_issue
from jobbro.organisations.models import Role
from tests.drills.processes import (
    PROXY_HEADERS,
    database_url,
    free_port,
    gunicorn,
    listening,
    pid_with_local_port,
    production_env,
    run_script,
    suite_database_url,
    throwaway_database,
)
from tests.factories import (
    CompanyFactory,
    CooperationFactory,
    JobCentreFactory,
    OccupationFactory,
    staff,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the drill copies the test database with pg_dump: run the suite on PostgreSQL",
    ),
    pytest.mark.skipif(not listening(6379), reason="production settings need Redis (6379)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOCK = 160416  # the advisory lock the drill holds while the write waits
HOLD = """
CREATE FUNCTION drill_hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared({lock});
    RETURN NEW;
END $$;
CREATE TRIGGER drill_hold BEFORE INSERT ON joborders_requirement
    FOR EACH ROW EXECUTE FUNCTION drill_hold();
"""
TITLE = "Tømrer til renovering (drill)"


def _order_body(company: Any, occupation: Any) -> dict[str, Any]:
    start = timezone.localdate() + dt.timedelta(days=30)
    return {
        "company": company.pk,
        "title": TITLE,
        "occupation": occupation.uri,
        "workplace_address": "Hovedgaden 1, 2620 Albertslund",
        "workplace_municipality": company.municipality.code,
        "start_date": start.isoformat(),
        "deadline": (start - dt.timedelta(days=7)).isoformat(),
        "requirements": [
            {"importance": "must", "kind": "experience", "min_years": 2},
            {"importance": "nice", "kind": "experience", "min_years": 5},
        ],
    }


def _waiting_backend(admin: psycopg.Connection[Any], database: str) -> tuple[int, int]:
    """The backend (pid, client port) that waits for the drill's lock."""
    deadline = time.monotonic() + 30
    while True:
        row = admin.execute(
            "SELECT a.pid, a.client_port FROM pg_stat_activity a JOIN pg_locks l USING (pid) "
            "WHERE a.datname = %s AND l.locktype = 'advisory' AND NOT l.granted",
            [database],
        ).fetchone()
        if row is not None:
            return int(row[0]), int(row[1])
        assert time.monotonic() < deadline, "the write never reached the requirements"
        time.sleep(0.05)


def _written(admin: psycopg.Connection[Any], backend: int) -> set[str]:
    """The tables the backend's open transaction has written to."""
    rows = admin.execute(
        "SELECT relation::regclass::text FROM pg_locks "
        "WHERE pid = %s AND locktype = 'relation' AND mode = 'RowExclusiveLock'",
        [backend],
    ).fetchall()
    return {r[0] for r in rows}


def _counts(db: psycopg.Connection[Any]) -> tuple[int, int, list[Any]]:
    orders = db.execute(
        "SELECT count(*) FROM joborders_joborder WHERE title = %s", [TITLE]
    ).fetchone()
    requirements = db.execute(
        "SELECT count(*) FROM joborders_requirement r JOIN joborders_joborder o "
        "ON o.id = r.job_order_id WHERE o.title = %s",
        [TITLE],
    ).fetchone()
    orphans = db.execute(
        "SELECT count(*) FROM joborders_requirement r "
        "LEFT JOIN joborders_joborder o ON o.id = r.job_order_id WHERE o.id IS NULL"
    ).fetchone()
    assert orders is not None and requirements is not None and orphans is not None
    claims = db.execute("SELECT key, status FROM api_idempotentwrite ORDER BY id").fetchall()
    return int(orders[0]), int(requirements[0]) + int(orphans[0]), claims


def test_a_web_process_killed_mid_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    # The world, committed in the test database: a job centre's write client, a company.
    centre = JobCentreFactory(
        cooperation=CooperationFactory(name="Vestegnens Rekruttering"),
        name="Jobcenter Albertslund",
    )
    centre.cooperation.secretariat = centre
    centre.cooperation.save()
    secretariat = staff(Role.SECRETARIAT, centre)
    company = CompanyFactory(
        cooperation=centre.cooperation,
        municipality=centre.municipalities.get(),
        name="Tømrerfirmaet Ågård ApS",
    )
    occupation = OccupationFactory()
    secret_key = secrets.token_urlsafe(60)
    with override_settings(SECRET_KEY=secret_key):  # the token's hash is keyed by it
        _client, token = client_issue(
            actor=secretariat, name="Albertslunds sagssystem", job_centre=centre, scope=Scope.WRITE
        )
    body = _order_body(company, occupation)
    headers = {**PROXY_HEADERS, "Authorization": f"Bearer {token}", "Idempotency-Key": "ordre-1"}

    with throwaway_database("jobbro_drill_web") as database:
        dump = tmp_path / "world.dump"
        run_script("backup.sh", str(dump), url=suite_database_url())
        run_script("restore.sh", str(dump), url=database_url(database))
        with psycopg.connect(database_url(database), autocommit=True) as db:
            db.execute(HOLD.format(lock=LOCK))
        var_dir = tmp_path / "var"
        var_dir.mkdir()
        port = free_port()
        env = production_env(
            url=database_url(database),
            var_dir=var_dir,
            port=port,
            secret_key=secret_key,
            workers=2,
        )
        with (
            gunicorn(env, var_dir, workers=2) as server,
            psycopg.connect(database_url(database), autocommit=True) as admin,
        ):
            url = f"{server.base}/api/v1/job-orders/"
            admin.execute("SELECT pg_advisory_lock(%s)", [LOCK])
            answers: list[Any] = []

            def post() -> None:
                try:
                    answers.append(requests.post(url, json=body, headers=headers, timeout=60))
                except requests.RequestException as error:
                    answers.append(error)

            first = threading.Thread(target=post)
            first.start()

            backend, client_port = _waiting_backend(admin, database)
            # Half way: the job order is written, its requirements are being written.
            assert {"joborders_joborder", "joborders_requirement"} <= _written(admin, backend)
            workers = server.workers()
            victim = pid_with_local_port(workers, client_port)
            signal_sent = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            first.join(timeout=60)
            # The caller gets no answer (the connection closes), never a success.
            [answer] = answers
            assert isinstance(answer, requests.ConnectionError), answer

            # Let the lock go: PostgreSQL finds its client gone and rolls back.
            admin.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
            deadline = time.monotonic() + 30
            while admin.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]
            ).fetchone():
                assert time.monotonic() < deadline, "the dead worker's backend stays"
                time.sleep(0.05)

            orders, requirements, claims = _counts(admin)
            assert (orders, requirements) == (0, 0)  # nothing of the write
            # The key's claim (committed before the write, by design) is left unfinished.
            assert claims == [("ordre-1", None)]

            # The master starts a new worker in the dead one's place; every request succeeds.
            now = server.wait_for_workers(2, without=victim, timeout=30)
            respawn = time.monotonic() - signal_sent
            assert victim not in now and len(now & workers) == 1
            listed = [requests.get(url, headers=headers, timeout=30).status_code for _ in range(6)]
            assert listed == [200] * 6

            # The client retries with the same key at once. The dead request's claim on it
            # (committed before the write) is locked by no one: the retry takes it over.
            retried = requests.post(url, json=body, headers=headers, timeout=60)
            assert retried.status_code == 201, retried.text
            again = requests.post(url, json=body, headers=headers, timeout=60)
            assert again.status_code == 201
            assert again.json() == retried.json()
            assert len(retried.json()["requirements"]) == 2
            orders, requirements, claims = _counts(admin)
            assert (orders, requirements) == (1, 2)
            assert claims == [("ordre-1", 201)]
        print(f"worker {victim} killed; the master had a new worker after {respawn:.1f} s")
