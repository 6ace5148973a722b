"""The production setup as operations run it: gunicorn with the production settings,
PostgreSQL, Redis, WhiteNoise's compressed static files and the probes.

Needs PostgreSQL and Redis on 127.0.0.1 (as on CI's machine); skipped, with the reason,
where either is missing.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import requests
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


pytestmark = pytest.mark.skipif(
    not (_listening(5432) and _listening(6379)),
    reason="needs PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    name = f"jobbro_probe_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def server(
    database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, Path]]:
    tmp_path = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBBRO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="jobbro.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="jobbro.example.dk",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        REDIS_URL="redis://127.0.0.1:6379/15",
        JOBBRO_CPR_KEY=Fernet.generate_key().decode(),
        JOBBRO_CPR_HASH_KEY=Fernet.generate_key().decode(),
        JOBBRO_VAR_DIR=str(tmp_path),
        JOBBRO_BIND=f"127.0.0.1:{port}",
        # One process, one thread: the second request reuses the first one's connection.
        WEB_CONCURRENCY="1",
        JOBBRO_THREADS="1",
        PYTHONPATH=str(ROOT / "src"),
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
    out, err = tmp_path / "gunicorn.out", tmp_path / "gunicorn.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
            env=env,
            cwd=ROOT,
            stdout=stdout,
            stderr=stderr,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            # gunicorn listens before its worker has loaded the app: wait for an answer.
            deadline = time.monotonic() + 120
            while True:
                try:
                    requests.get(f"{base}/health/live", timeout=10)
                    break
                except (requests.ConnectionError, requests.Timeout):
                    assert process.poll() is None, err.read_text()
                    assert time.monotonic() < deadline, "gunicorn did not answer in 120 s"
                    time.sleep(0.2)
            yield base, tmp_path, out
        finally:
            process.terminate()
            process.wait(timeout=30)


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
        headers={
            "Accept-Encoding": "gzip",
            "Host": "jobbro.example.dk",
            "X-Forwarded-Proto": "https",  # as the HTTPS proxy in front sends it
        },
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
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        dropped = c.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            [database],
        ).fetchone()
    assert dropped == (1,)  # the web process's persistent connection
    assert requests.get(f"{base}/health/ready", timeout=5).status_code == 200
