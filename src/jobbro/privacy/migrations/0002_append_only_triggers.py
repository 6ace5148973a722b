"""Append-only at the database: UPDATE and DELETE of log rows fail from any client.

PostgreSQL: a row trigger raises. TRUNCATE is left to the table's owner (the test runner
empties tables with it); production runs the application with a role that does not own
the tables (docs/data-protection.md). SQLite: triggers that abort, where DELETE passes
only when the connection's jobbro_access_log_purgeable() says so (test settings only;
see jobbro.privacy.db); without that function the trigger fails, so DELETE is refused.
"""

from django.db import migrations

TABLES = ("privacy_accesslogentry", "privacy_erasurerecord")


def _postgresql() -> tuple[list[str], list[str]]:
    forward = [
        """
        CREATE OR REPLACE FUNCTION privacy_refuse_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING
                MESSAGE = TG_TABLE_NAME || ' is append-only',
                ERRCODE = 'insufficient_privilege';
        END
        $$;
        """
    ]
    backward = []
    for table in TABLES:
        forward.append(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();"
        )
        backward.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    backward.append("DROP FUNCTION IF EXISTS privacy_refuse_change();")
    return forward, backward


def _sqlite() -> tuple[list[str], list[str]]:
    forward, backward = [], []
    for table in TABLES:
        forward += [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            "WHEN NOT jobbro_access_log_purgeable() "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;",
        ]
        backward += [
            f"DROP TRIGGER IF EXISTS {table}_no_update;",
            f"DROP TRIGGER IF EXISTS {table}_no_delete;",
        ]
    return forward, backward


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        forward, _backward = _postgresql()
    elif vendor == "sqlite":
        forward, _backward = _sqlite()
    else:
        return
    for statement in forward:
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _forward, backward = _postgresql()
    elif vendor == "sqlite":
        _forward, backward = _sqlite()
    else:
        return
    for statement in backward:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
