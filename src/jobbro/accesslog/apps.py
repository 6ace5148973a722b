from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessLogConfig(AppConfig):
    name = "jobbro.accesslog"
    verbose_name = _("Access log")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .db import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="accesslog_sqlite")
