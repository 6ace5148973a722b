from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UpskillingConfig(AppConfig):
    name = "jobbro.upskilling"
    verbose_name = _("Upskilling")
