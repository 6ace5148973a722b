"""Send this quarter's satisfaction survey (cron, e.g. on weekdays at 9); idempotent."""

from typing import Any

from django.core.management.base import BaseCommand

from jobbro.organisations.models import Cooperation

from ...services import send_quarterly_surveys


class Command(BaseCommand):
    help = (
        "Invite each company with recent contact to this quarter's satisfaction survey; "
        "a company is invited once per quarter, however often this runs."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for cooperation in Cooperation.objects.all():
            sent = send_quarterly_surveys(cooperation=cooperation)
            self.stdout.write(f"{cooperation.short_name}: {sent} invitations sent")
