from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CandidateRequestsConfig(AppConfig):
    name = "jobbro.candidate_requests"
    verbose_name = _("Requests to job centres")
