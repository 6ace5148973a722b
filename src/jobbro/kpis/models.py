"""Targets: what the steering group aims for, a KPI over a period, split by job centre."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobbro.companies.models import Industry
from jobbro.joborders.models import Project
from jobbro.organisations.models import Cooperation, JobCentre


class Target(models.Model):
    """The cooperation's target for one KPI (a key of `selectors.KPIS`) over a period, for
    all its job orders or those of one industry or project. `value` is what the KPI's
    figure should reach: a number for a count, a percentage for a share, days for time to
    fill (at most: lower is better), a score for a satisfaction average."""

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="kpi_targets",
    )
    kpi = models.CharField(_("key figure"), max_length=40)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kpi_targets",
    )
    value = models.DecimalField(_("target"), max_digits=10, decimal_places=1)
    note = models.TextField(_("note"), blank=True)
    # Optimistic locking: each saved change adds one; an edit begun on an older one is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-end", "kpi", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="kpi_target_period_ordered",
                violation_error_message=_("The period ends before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="kpi_target_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.start}–{self.end}: {self.value}"


class TargetPart(models.Model):
    """One member job centre's part of a target: of a count, its share of the whole; of a
    share, an average or days, the centre's own target."""

    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="parts"
    )
    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(_("target"), max_digits=10, decimal_places=1)

    class Meta:
        ordering = ["job_centre__name"]
        verbose_name = _("job centre's part of a target")
        verbose_name_plural = _("job centres' parts of targets")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "job_centre"], name="kpi_target_part_unique_centre"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="kpi_target_part_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_centre_id}: {self.value}"
