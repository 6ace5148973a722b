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


def rename_content_types(old_app: str, new_app: str, models: list[str]) -> Any:
    """A migration operation for models moved between apps with their tables: their
    content types (and so permissions and admin history) follow them to the new app."""
    from django.db import migrations

    def forwards(apps: Any, schema_editor: Any) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.filter(app_label=old_app, model__in=models).update(app_label=new_app)

    def backwards(apps: Any, schema_editor: Any) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        content_type.objects.filter(app_label=new_app, model__in=models).update(app_label=old_app)

    return migrations.RunPython(forwards, backwards)
