"""The application's own PostgreSQL role: it reads and writes rows, and owns nothing.

Migrations run as the role that owns the tables; the web processes and the workers run as
an application role granted here. Not owning a table, the application can neither drop
nor alter it, nor disable the access log's append-only triggers, nor TRUNCATE it (which
fires no row trigger); on the append-only tables it may only read and add rows. Granted
again after every `migrate`, since new tables start with no grants.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from psycopg import sql

from jobbro.accesslog.models import AppendOnlyModel


def append_only_tables() -> list[str]:
    """The tables of every append-only model (the access log, the erasure records)."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.proxy
    )


def grant_statements(role: str) -> list[sql.Composed]:
    """What the application role needs, and nothing more, on the current schema."""
    who = sql.Identifier(role)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            who
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(who),
        sql.SQL(
            "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {}"
        ).format(who),
    ]
    for table in append_only_tables():
        statements.append(
            sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(sql.Identifier(table), who)
        )
    return statements


class RoleRefused(Exception):
    """The role cannot serve as the application's: it would own or bypass what it must not."""


def grant_application_role(role: str) -> int:
    """Grant `role` the application's rights on the connected database; the number of
    statements run. Refuses a role that owns a table or is a superuser, since either
    makes the grants meaningless."""
    if connection.vendor != "postgresql":
        raise RoleRefused("database roles need PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        if found is None:
            raise RoleRefused(f"no role {role!r}: CREATE ROLE {role} LOGIN PASSWORD '…' first")
        if found[0]:
            raise RoleRefused(f"{role!r} is a superuser, and bypasses every grant")
        cursor.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s",
            [role],
        )
        (owned,) = cursor.fetchone() or (0,)
        if owned:
            raise RoleRefused(f"{role!r} owns {owned} tables: run the application as another role")
        statements = grant_statements(role)
        for statement in statements:
            cursor.execute(statement)
    return len(statements)
