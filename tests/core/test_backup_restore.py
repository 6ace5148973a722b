"""Backup and restore as operations run them (ops/backup.sh, ops/restore.sh): the demo,
backed up while in use and restored into a new database, comes back row for row, the
access log included, and its CPR numbers read with the keys from the secret store.

Runs where the suite runs on PostgreSQL (CI's second run).
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from jobbro import crypto
from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate
from jobbro.core.demo.occupations import TRADES
from jobbro.organisations.models import User
from tests.taxonomy.esco_subset import write_subset

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="backups are of PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _url(name: str) -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    return f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database() -> Iterator[str]:
    name = f"jobbro_restore_{secrets.token_hex(4)}"
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(script: str, *args: str, database: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": _url(database)}
    return subprocess.run(  # noqa: S603 - our own scripts
        [str(ROOT / "ops" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _fingerprints(database: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its rows, in any order."""
    with psycopg.connect(_url(database)) as c:
        tables = [
            row[0]
            for row in c.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        found = {}
        for table in tables:
            count, digest = c.execute(
                psycopg.sql.SQL(
                    "SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' "
                    "ORDER BY md5(t::text))), '') FROM {} t"
                ).format(psycopg.sql.Identifier(table))
            ).fetchone()
            found[table] = (count, digest)
    return found


def test_the_demo_restores_row_for_row_with_its_access_log(
    tmp_path: Path, fresh_database: str
) -> None:
    esco = write_subset(tmp_path / "esco", [t.label_en for t in TRADES])
    call_command("load_taxonomy", "--dir", str(esco), stdout=StringIO())
    call_command("seed_demo", "--scale", "0.05", stdout=StringIO())
    reader = User.objects.get(username="jobkonsulent")
    log_access(user=reader, candidates=Candidate.objects.all()[:20], purpose=Purpose.LIST)
    with_cpr = Candidate.objects.exclude(cpr_encrypted="").first()
    assert with_cpr is not None

    backup = tmp_path / "jobbro.dump"
    made = _run("backup.sh", str(backup), database=connection.settings_dict["NAME"])
    assert made.returncode == 0, made.stderr
    restored = _run("restore.sh", str(backup), database=fresh_database)
    assert restored.returncode == 0, restored.stderr

    before = _fingerprints(connection.settings_dict["NAME"])
    after = _fingerprints(fresh_database)
    assert after == before
    assert before["privacy_accesslogentry"][0] == AccessLogEntry.objects.count() >= 20
    assert before["candidates_candidate"][0] == 150

    # The keys are not in the backup; with the secret store's keys the CPR numbers read
    # and are found by their hash, as before.
    with psycopg.connect(_url(fresh_database)) as c:
        encrypted, keyed = c.execute(
            "SELECT cpr_encrypted, cpr_hash FROM candidates_candidate WHERE id = %s",
            [with_cpr.pk],
        ).fetchone()
    assert crypto.decrypt_cpr(encrypted) == with_cpr.cpr
    assert keyed == crypto.hash_cpr(with_cpr.cpr)

    # Restoring over a database that has tables is refused, and changes nothing.
    again = _run("restore.sh", str(backup), database=fresh_database)
    assert again.returncode == 1 and "refused" in again.stderr
    assert _fingerprints(fresh_database) == before
