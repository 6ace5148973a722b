"""Django's PostgreSQL backend that waits for the database while it restarts.

A restart or a failover refuses new connections for a few seconds. Django's backend fails
the request at once; this one tries again, with growing pauses, for up to
`CONNECT_RETRY_SECONDS` (the database setting; production: `JOBBRO_DB_CONNECT_RETRY_SECONDS`,
10 s). Requests arriving while the database is away then wait for it and succeed; only
the queries in flight when it went away fail (tests/drills/test_postgresql_restart.py).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import psycopg
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)
FIRST_PAUSE = 0.05
LONGEST_PAUSE = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        deadline = time.monotonic() + float(self.settings_dict.get("CONNECT_RETRY_SECONDS", 0))
        pause = FIRST_PAUSE
        while True:
            try:
                return super().get_new_connection(conn_params)
            except psycopg.OperationalError as error:
                if time.monotonic() + pause > deadline:
                    raise
                logger.warning("database unavailable, trying again in %.2f s: %s", pause, error)
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
