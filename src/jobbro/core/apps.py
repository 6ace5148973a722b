from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jobbro.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from jobbro.db import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="jobbro_sqlite_lower")
