from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchesConfig(AppConfig):
    name = "jobbro.searches"
    verbose_name = _("Candidate search")
