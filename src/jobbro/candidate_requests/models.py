"""Requests to the other job centres for candidates (forespørgsler) and their answers.
The tables keep the names they had in joborders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import JobCentre

# --- requests between job centres (forespørgsler) ----------------------------------------


class CandidateRequest(models.Model):
    """A job centre that cannot fill a job order asks other member job centres for candidates."""

    job_order = models.ForeignKey(
        JobOrder,
        verbose_name=_("job order"),
        on_delete=models.PROTECT,
        related_name="candidate_requests",
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("sent by job centre"),
        on_delete=models.PROTECT,
        related_name="candidate_requests_sent",
    )
    # Sent by the secretariat: `job_centre` is its host centre, for the record only.
    by_secretariat = models.BooleanField(_("sent by the secretariat"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"))
    message = models.TextField(_("message"), max_length=2000)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        db_table = "joborders_candidaterequest"
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("request to other job centres")
        verbose_name_plural = _("requests to other job centres")
        constraints = [
            models.UniqueConstraint(
                fields=["job_order"],
                condition=Q(closed_at__isnull=True),
                name="candidaterequest_one_open_per_job_order",
                violation_error_message=_(
                    "The job order has an open request already; close it before sending a new one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_by__isnull=True)
                | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="candidaterequest_closed_says_who",
            ),
            models.CheckConstraint(
                condition=~Q(message=""),
                name="candidaterequest_has_message",
                violation_error_message=_("Write a message to the job centres."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_centre} → {self.job_order}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class RecipientStatus(models.TextChoices):
    AWAITING = "awaiting", _("awaiting answer")
    CANDIDATES = "candidates", _("answered with candidates")
    NONE = "none", _("answered: no candidate")


class RequestRecipient(models.Model):
    """One job centre asked by a request, and its answer."""

    request = models.ForeignKey(
        CandidateRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        related_name="candidate_requests_received",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RecipientStatus.choices,
        default=RecipientStatus.AWAITING,
        db_index=True,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        db_table = "joborders_requestrecipient"
        ordering = ["job_centre__name", "pk"]
        verbose_name = _("asked job centre")
        verbose_name_plural = _("asked job centres")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "job_centre"],
                name="requestrecipient_once_per_request",
                violation_error_message=_("The job centre is asked already."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status=RecipientStatus.AWAITING,
                    answered_at__isnull=True,
                    answered_by__isnull=True,
                )
                | (
                    ~Q(status=RecipientStatus.AWAITING)
                    & Q(answered_at__isnull=False, answered_by__isnull=False)
                ),
                name="requestrecipient_answer_says_who",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} ({self.job_centre})"

    @property
    def is_awaiting(self) -> bool:
        return self.status == RecipientStatus.AWAITING


class RequestOffer(models.Model):
    """A candidate an asked job centre offers in answer to a request."""

    request = models.ForeignKey(
        CandidateRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    recipient = models.ForeignKey(
        RequestRecipient,
        verbose_name=_("offered by job centre"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="request_offers",
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    offered_at = models.DateTimeField(_("offered"))

    class Meta:
        db_table = "joborders_requestoffer"
        ordering = ["offered_at", "pk"]
        verbose_name = _("offered candidate")
        verbose_name_plural = _("offered candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "candidate"],
                name="requestoffer_once_per_request",
                violation_error_message=_("The candidate is offered already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.request}"
