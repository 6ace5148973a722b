"""Requests for the CV of a candidate another job centre may not see yet.

A search shows a non-consenting candidate of another job centre only as an anonymous hit;
asking for the CV sends a request to the candidate's own job centre, whose consultant asks
the candidate and records the answer. "Shared" records the candidate's consent to sharing in
the cooperation, so the candidate appears with name in the next search.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import JobCentre, User


class SharingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    SHARED = "shared", _("shared")
    DECLINED = "declined", _("declined")


class SharingRequest(models.Model):
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="sharing_requests",
    )
    job_order = models.ForeignKey(
        JobOrder,
        verbose_name=_("job order"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sharing_requests",
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requesting_job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("requesting job centre"),
        on_delete=models.PROTECT,
        related_name="sharing_requests_made",
    )
    # Asked by the secretariat: `requesting_job_centre` is its host centre, for the record.
    by_secretariat = models.BooleanField(_("asked by the secretariat"), default=False)
    created_at = models.DateTimeField(_("requested"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SharingStatus.choices,
        default=SharingStatus.REQUESTED,
        db_index=True,
    )
    answered_by = models.ForeignKey(
        User,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("CV request")
        verbose_name_plural = _("CV requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open request per candidate, job order and asker (a job centre or the
            # secretariat); a search without a job order has its own one (NULL never
            # equals NULL in a unique index).
            models.UniqueConstraint(
                fields=["candidate", "job_order", "requesting_job_centre", "by_secretariat"],
                condition=Q(status=SharingStatus.REQUESTED, job_order__isnull=False),
                name="sharing_one_open_request_per_job_order",
                violation_error_message=_("A request for this candidate is already waiting."),
            ),
            models.UniqueConstraint(
                fields=["candidate", "requesting_job_centre", "by_secretariat"],
                condition=Q(status=SharingStatus.REQUESTED, job_order__isnull=True),
                name="sharing_one_open_free_request",
                violation_error_message=_("A request for this candidate is already waiting."),
            ),
            models.CheckConstraint(
                condition=Q(status=SharingStatus.REQUESTED, answered_at__isnull=True)
                | (~Q(status=SharingStatus.REQUESTED) & Q(answered_at__isnull=False)),
                name="sharing_answered_when_not_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requesting_job_centre} → #{self.candidate_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == SharingStatus.REQUESTED
