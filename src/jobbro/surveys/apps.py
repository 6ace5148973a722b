from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "jobbro.surveys"
    verbose_name = _("Company satisfaction surveys")
