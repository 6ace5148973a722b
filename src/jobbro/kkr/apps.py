from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KkrConfig(AppConfig):
    name = "jobbro.kkr"
    verbose_name = _("KKR progress scheme")
