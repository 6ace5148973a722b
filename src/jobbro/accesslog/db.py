"""Database helpers for the append-only access log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper


def _purge_allowed() -> int:
    # Read on every call, so override_settings in a test switches it.
    return int(bool(getattr(settings, "JOBBRO_ACCESS_LOG_PURGEABLE", False)))


def register_sqlite_functions(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """The SQLite trigger asks this function whether a DELETE may pass.

    Only the test settings say yes, so the test runner can empty the database between
    transactional tests; any other connection (another process, the sqlite3 shell) lacks
    the function, and the trigger then fails, so deletes are refused there too.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "jobbro_access_log_purgeable", 0, _purge_allowed, deterministic=False
        )
