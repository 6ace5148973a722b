from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolsConfig(AppConfig):
    name = "jobbro.pools"
    verbose_name = _("Candidate pools")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  # tells a pool's owners of new job orders
