from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "jobbro.board"
    verbose_name = _("Board meeting")
