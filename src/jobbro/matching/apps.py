from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "jobbro.matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  # connects the change journal to the CV models
