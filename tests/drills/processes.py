"""Real processes for the fault drills: PostgreSQL databases of their own, gunicorn with the
production settings, and finding which worker process holds which database connection.

No psutil: the drills read /proc, as an operator's `ss -tp` would.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import requests
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
HOST = "jobbro.example.dk"
# As the HTTPS proxy in front sends them (production redirects plain HTTP, checks the host).
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url(name: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def suite_database_url() -> str:
    """The URL of the suite's PostgreSQL test database, for processes outside the suite."""
    from django.db import connection

    db = connection.settings_dict
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def throwaway_database(prefix: str) -> Iterator[str]:
    """A new, empty database on 127.0.0.1:5432, dropped afterwards (connections and all)."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_script(script: str, *args: str, url: str) -> None:
    """One of ops/ (backup.sh, restore.sh) against the database at `url`, as operations run it."""
    done = subprocess.run(  # noqa: S603 - our own scripts
        [str(ROOT / "ops" / script), *args],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def production_env(
    *,
    url: str,
    var_dir: Path,
    port: int,
    secret_key: str,
    workers: int,
    threads: int = 1,
    **extra: str,
) -> dict[str, str]:
    """The environment docs/operations.md gives gunicorn; `extra` adds or overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JOBBRO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="jobbro.settings.production",
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=url,
        REDIS_URL="redis://127.0.0.1:6379/15",
        JOBBRO_CPR_KEY=Fernet.generate_key().decode(),
        JOBBRO_CPR_HASH_KEY=Fernet.generate_key().decode(),
        JOBBRO_VAR_DIR=str(var_dir),
        JOBBRO_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        JOBBRO_THREADS=str(threads),
        PYTHONPATH=str(ROOT / "src"),
    )
    env.update(extra)
    return env


@dataclass
class Gunicorn:
    process: subprocess.Popen[bytes]
    base: str
    log: Path  # gunicorn's own messages and errors
    access_log: Path  # one JSON object per request

    @property
    def master(self) -> int:
        return self.process.pid

    def workers(self) -> set[int]:
        return children(self.master)

    def wait_for_workers(self, count: int, *, without: int = 0, timeout: float = 60) -> set[int]:
        """The master's workers once there are `count` of them, none of them `without`."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.workers()
            if len(found) == count and without not in found:
                return found
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            assert time.monotonic() < deadline, f"workers {found}, wanted {count}"
            time.sleep(0.1)


@contextmanager
def gunicorn(env: dict[str, str], var_dir: Path, *, workers: int) -> Iterator[Gunicorn]:
    """gunicorn -c gunicorn.conf.py, as docs/operations.md runs it, until every worker
    answers; terminated afterwards."""
    log, access_log = var_dir / "gunicorn.log", var_dir / "gunicorn.access.log"
    with log.open("wb") as err, access_log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and gunicorn
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=err,
        )
        server = Gunicorn(process, f"http://{env['JOBBRO_BIND']}", log, access_log)
        try:
            # gunicorn listens before its workers have loaded the app: wait for answers.
            deadline = time.monotonic() + 120
            server.wait_for_workers(workers, timeout=120)
            answered = 0
            while answered < workers * 2:
                try:
                    requests.get(f"{server.base}/health/live", timeout=10)
                    answered += 1
                except (requests.ConnectionError, requests.Timeout):
                    assert process.poll() is None, log.read_text()[-3000:]
                    assert time.monotonic() < deadline, "gunicorn did not answer in 120 s"
                    time.sleep(0.2)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def children(pid: int) -> set[int]:
    """The live child processes of `pid` (from /proc/<pid>/stat's parent field)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def pid_with_local_port(candidates: set[int], port: int) -> int:
    """Which of `candidates` owns the TCP socket bound locally to `port` (IPv4 or IPv6)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    owners = [pid for pid in candidates if _socket_inodes(pid) & inodes]
    assert len(owners) == 1, f"port {port}: owners {owners} among {candidates}"
    return owners[0]
