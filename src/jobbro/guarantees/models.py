"""A job guarantee: a recruitment agreement's promise of jobs tied to a course team and the
company's job orders (rules in docs/upskilling.md, "Job guarantees")."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import RecruitmentAgreement
from jobbro.joborders.models import JobOrder
from jobbro.upskilling.models import Team


class JobGuarantee(models.Model):
    agreement = models.ForeignKey(
        RecruitmentAgreement,
        verbose_name=_("recruitment agreement"),
        on_delete=models.PROTECT,
        related_name="guarantees",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("course team"), on_delete=models.PROTECT, related_name="guarantees"
    )
    job_orders = models.ManyToManyField(
        JobOrder, verbose_name=_("job orders"), related_name="guarantees"
    )
    jobs_promised = models.PositiveSmallIntegerField(
        _("jobs promised"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    note = models.TextField(_("note"), blank=True)
    # Raised by every change that writes: an edit made on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job guarantee")
        verbose_name_plural = _("job guarantees")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "team"],
                name="guarantee_one_per_agreement_and_team",
                violation_error_message=_(
                    "The agreement already has a job guarantee for this course team."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(jobs_promised__gte=1),
                name="guarantee_promises_a_job",
                violation_error_message=_("A job guarantee promises at least one job."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.company} – {self.team}"
