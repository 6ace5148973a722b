from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    name = "jobbro.kpis"
    verbose_name = _("Key figures")

    def ready(self) -> None:
        from . import refresh

        refresh.connect()
