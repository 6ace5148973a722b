"""The application's PostgreSQL role owns nothing: the access log only grows under it.

Runs where the suite runs on PostgreSQL (CI's second run); SQLite has no roles.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.accesslog.services import log_access
from jobbro.organisations.models import Role
from tests.factories import CandidateFactory, JobCentreFactory, staff

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def app_role() -> Iterator[str]:
    role = f"jobbro_app_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        yield role
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


def _as(role: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=role,
        autocommit=True,
    )


def test_the_application_role_writes_rows_and_only_adds_to_the_access_log(app_role: str) -> None:
    centre = JobCentreFactory()
    reader = staff(Role.JOB_CONSULTANT, centre)
    candidate = CandidateFactory(job_centre=centre)
    log_access(user=reader, candidates=[candidate], purpose=Purpose.VIEW)
    entry = AccessLogEntry.objects.get()
    call_command("grant_application_role", app_role)

    with _as(app_role) as app:
        # Rows: read, added, changed, removed as the application does every day.
        app.execute(
            "UPDATE candidates_candidate SET first_name = 'Mette' WHERE id = %s", [candidate.pk]
        )
        assert app.execute("SELECT count(*) FROM privacy_accesslogentry").fetchone() == (1,)
        columns = ", ".join(
            f.column for f in AccessLogEntry._meta.concrete_fields if not f.primary_key
        )
        app.execute(
            f"INSERT INTO privacy_accesslogentry ({columns}) "  # noqa: S608 - our own columns
            f"SELECT {columns} FROM privacy_accesslogentry"
        )
        # The access log: no change, no removal, no TRUNCATE, no way round the triggers.
        refused = [
            "UPDATE privacy_accesslogentry SET purpose = 'x' WHERE id = %(id)s",
            "DELETE FROM privacy_accesslogentry WHERE id = %(id)s",
            "TRUNCATE privacy_accesslogentry",
            "ALTER TABLE privacy_accesslogentry DISABLE TRIGGER USER",
            "DROP TABLE privacy_accesslogentry",
            "DROP TABLE candidates_candidate",
            "TRUNCATE candidates_candidate CASCADE",
        ]
        for statement in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement, {"id": entry.pk} if "%(id)s" in statement else None)
        # Refused by the grants themselves, not only by the triggers behind them.
        for right in ("UPDATE", "DELETE", "TRUNCATE"):
            assert app.execute(
                "SELECT has_table_privilege(current_user, 'privacy_accesslogentry', %s)", [right]
            ).fetchone() == (False,)
    assert AccessLogEntry.objects.count() == 2


def test_a_role_that_owns_the_tables_or_is_superuser_is_refused(app_role: str) -> None:
    with pytest.raises(CommandError, match="superuser"):
        call_command("grant_application_role", connection.settings_dict["USER"] or "postgres")
    with pytest.raises(CommandError, match="no role"):
        call_command("grant_application_role", "jobbro_nobody")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE owned_by_app (id int)")
        cursor.execute(f'ALTER TABLE owned_by_app OWNER TO "{app_role}"')
    with pytest.raises(CommandError, match="owns 1 tables"):
        call_command("grant_application_role", app_role)
