"""A PostgreSQL server of the drill's own, which it may stop and restart at will.

The machine's server is shared with everything else running; a drill restarts only its
own: a new cluster (initdb) in a temporary directory on a free port, run as the
`postgres` system user when the drill runs as root (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.drills.processes import free_port


def bin_dir() -> Path | None:
    """Where pg_ctl and initdb are (Debian keeps them out of PATH)."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run(  # noqa: S603 - the system's pg_config
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found and (Path(found) / "initdb").exists():
            return Path(found)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


@dataclass
class Cluster:
    bin: Path
    data: Path
    port: int
    as_user: list[str]  # the command prefix that runs as the cluster's owner

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def ctl(self, *args: str, timeout: float = 60) -> None:
        subprocess.run(  # noqa: S603 - PostgreSQL's own pg_ctl
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def _options(self) -> list[str]:
        # The server's own log goes to a file: on our pipe it would hold pg_ctl's output open.
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        return ["-o", options, "-l", str(self.data / "server.log")]

    def start(self) -> None:
        self.ctl(*self._options(), "start")

    def stop_fast(self) -> None:
        """Stop as operations do for a restart: every connection is cut at once."""
        self.ctl("-m", "fast", "stop")

    def stop(self) -> None:
        self.ctl("-m", "immediate", "stop")


@contextmanager
def private_cluster() -> Iterator[Cluster]:
    binaries = bin_dir()
    assert binaries is not None, "PostgreSQL's server programs (initdb, pg_ctl) are missing"
    # Not under pytest's tmp_path: the postgres user must reach it, and root's is private.
    parent = Path(tempfile.mkdtemp(prefix="jobbro-drill-pg-"))
    data = parent / "pgdata"
    data.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(parent, owner.pw_uid, owner.pw_gid)
        os.chown(data, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(  # noqa: S603 - PostgreSQL's own initdb
        [*as_user, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    cluster = Cluster(binaries, data, free_port(), as_user)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(parent, ignore_errors=True)
