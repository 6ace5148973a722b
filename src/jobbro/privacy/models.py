"""The erasure records: who anonymised which candidate, when and why.

Append-only like the access log (jobbro.accesslog): database triggers (migration 0002)
refuse UPDATE and DELETE from any client.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.accesslog.models import AppendOnlyModel


class ErasureRecord(AppendOnlyModel):
    """A candidate anonymised on request or by the retention rule: who, when, why."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("the citizen's request")
        RETENTION = "retention", _("retention period ran out")

    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    candidate_ref = models.PositiveBigIntegerField(_("candidate id"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")

    def __str__(self) -> str:
        return f"#{self.candidate_ref} {self.get_reason_display()} {self.at:%Y-%m-%d}"
