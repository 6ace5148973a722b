from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseImportsConfig(AppConfig):
    name = "jobbro.case_imports"
    verbose_name = _("Imports from case systems")
