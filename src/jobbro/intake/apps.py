from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "jobbro.intake"
    verbose_name = _("Shared line")
