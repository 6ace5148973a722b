"""Database functions that behave the same on PostgreSQL and SQLite."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Func

SQLITE_LOWER = "jobbro_lower"


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite's LOWER() and LIKE fold only ASCII; searching "ø" must find "Østergaard" too."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOWER, 1, _lower, deterministic=True)


class Lower(Func):
    """Unicode-aware lower case on both databases."""

    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(compiler, connection, function=SQLITE_LOWER, **extra_context)
