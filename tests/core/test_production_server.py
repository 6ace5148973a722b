"""The production setup as operations run it: gunicorn with the production settings,
PostgreSQL, Redis, WhiteNoise's compressed static files and the probes.

Needs PostgreSQL and Redis on 127.0.0.1 (as on CI's machine); skipped, with the reason,
where either is missing.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests

from tests.drills.processes import (
    ADMIN_URL,
    PROXY_HEADERS,
    ROOT,
    database_url,
    free_port,
    gunicorn,
    listening,
    production_env,
    throwaway_database,
)

pytestmark = pytest.mark.skipif(
    not (listening(5432) and listening(6379)),
    reason="needs PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)",
)


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    with throwaway_database("jobbro_probe") as name:
        yield name


@pytest.fixture(scope="module")
def server(
    database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, Path]]:
    var_dir = tmp_path_factory.mktemp("production")
    env = production_env(
        url=database_url(database),
        var_dir=var_dir,
        port=free_port(),
        secret_key=secrets.token_urlsafe(60),
        # One process, one thread: the second request reuses the first one's connection.
        workers=1,
    )
    collect = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert collect.returncode == 0, collect.stderr
    with gunicorn(env, var_dir, workers=1) as running:
        yield running.base, var_dir, running.access_log


def test_gunicorn_serves_the_probes_and_compressed_static_files(
    server: tuple[str, Path, Path],
) -> None:
    base, var_dir, access_log = server
    assert requests.get(f"{base}/health/live", timeout=5).json() == {"status": "ok"}
    ready = requests.get(f"{base}/health/ready", timeout=5)
    assert ready.status_code == 200, ready.text
    assert ready.json()["checks"] == {"database": "ok", "cache": "ok"}

    manifest = json.loads((var_dir / "static" / "staticfiles.json").read_text())
    hashed = next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
    response = requests.get(
        f"{base}/static/{hashed}",
        headers={**PROXY_HEADERS, "Accept-Encoding": "gzip"},
        timeout=5,
    )
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]

    # The access log is one JSON object per line, without query strings.
    lines = [json.loads(line) for line in access_log.read_text().splitlines() if line]
    assert {"method", "path", "status", "duration_us"} <= set(lines[-1])


def test_a_connection_postgresql_dropped_is_replaced_before_use(
    server: tuple[str, Path, Path], database: str
) -> None:
    base, _var_dir, _log = server
    assert requests.get(f"{base}/health/ready", timeout=5).status_code == 200
    with psycopg.connect(ADMIN_URL, autocommit=True) as c:
        dropped = c.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            [database],
        ).fetchone()
    assert dropped == (1,)  # the web process's persistent connection
    assert requests.get(f"{base}/health/ready", timeout=5).status_code == 200
