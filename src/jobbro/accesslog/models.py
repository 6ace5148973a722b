"""The access log: who read which citizen's data, when and why.

It is append-only: the ORM refuses to change or delete a row, and database triggers
(privacy migration 0002, from when the log lived there; the table keeps its name) refuse
UPDATE and DELETE from any client. It sits just above the candidates, below every app
whose pages show personal data, so each of them can log its reads.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.organisations.models import JobCentre


class AppendOnlyError(Exception):
    """A log row was about to be changed or deleted."""


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise AppendOnlyError("This log is append-only.")


class AppendOnlyQuerySet(models.QuerySet):
    update = _refuse
    delete = _refuse
    bulk_update = _refuse
    update_or_create = _refuse
    _raw_delete = _refuse


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()


class Purpose(models.TextChoices):
    LIST = "list", _("candidate list with names")
    SEARCH = "search", _("search results for a job order")
    VIEW = "view", _("candidate page and CV")
    EDIT = "edit", _("edit form")
    VIEW_CPR = "cpr", _("CPR number shown")
    REFERRALS = "referrals", _("referred candidates on a job order")
    FOLLOW_UPS = "follow_ups", _("follow-ups after a hire")
    START_PAGE = "start", _("start page")
    EXPORT = "export", _("data export for the citizen")
    ERASURE = "erasure", _("erasure")
    API = "api", _("API")
    DPO = "dpo", _("data-protection officer's insight")


class AccessLogEntry(AppendOnlyModel):
    """One reading of one candidate's personal data. Never the CPR number itself."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150)
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("reader's job centre"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The id stays readable even if the candidate row were ever gone; PROTECT keeps it.
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    candidate_ref = models.PositiveBigIntegerField(_("candidate id"), null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    view_name = models.CharField(_("page"), max_length=100, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["candidate_ref", "-at"], name="accesslog_candidate_at")]
        db_table = "privacy_accesslogentry"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.purpose} #{self.candidate_ref}"
