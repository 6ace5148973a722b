from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuaranteesConfig(AppConfig):
    name = "jobbro.guarantees"
    verbose_name = _("Job guarantees")

    def ready(self) -> None:
        from jobbro.upskilling.signals import enrolment_completed

        from . import receivers

        enrolment_completed.connect(
            receivers.propose_on_completion, dispatch_uid="guarantees.propose_on_completion"
        )
