from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite's LOWER() folds only ASCII; searching "ø" must find "Østergaard" too."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "jobbro_candidates_lower", 1, _lower, deterministic=True
        )


class CandidatesConfig(AppConfig):
    name = "jobbro.candidates"
    verbose_name = _("Candidates")

    def ready(self) -> None:
        connection_created.connect(
            register_sqlite_functions, dispatch_uid="jobbro_candidates_sqlite_lower"
        )
