from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobordersConfig(AppConfig):
    name = "jobbro.joborders"
    verbose_name = _("Job orders")
