"""Targets: what the steering group aims for, a KPI over a period, split by job centre."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from jobbro.companies.industries import SECTIONS
from jobbro.companies.models import Industry, RecruitmentAgreement
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
    # Or a group of industries: a NACE section's letter ("F", construction), its DB25 and
    # DB07 codes alike (`companies.industries.SECTIONS`).
    industry_section = models.CharField(
        _("industry group"),
        max_length=1,
        blank=True,
        choices=[(letter, label) for letter, _divisions, label in SECTIONS],
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
            models.CheckConstraint(
                condition=Q(industry__isnull=True) | Q(industry_section=""),
                name="kpi_target_one_industry_scope",
                violation_error_message=_("Choose an industry or an industry group, not both."),
            ),
            # One target for a key figure, period and scope: "all industries" (no industry)
            # counts as one scope, so the nullable keys are compared as 0.
            models.UniqueConstraint(
                F("cooperation"),
                F("kpi"),
                F("start"),
                F("end"),
                Coalesce(F("industry"), Value(0)),
                F("industry_section"),
                Coalesce(F("project"), Value(0)),
                name="kpi_target_unique_scope",
                violation_error_message=_(
                    "There is already a target for this key figure, period and scope."
                ),
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


# --- the summary the dashboard reads (kpis.summary) -------------------------------------


class DailyFigures(models.Model):
    """The additive parts of the KPIs for one day, one job centre (`centre`: None for the
    secretariat's rows, as the job-centre split keys them) and one slice: `dimension` ""
    holds every row once; "industry", "occupation" and "project" the rows of one `value`
    (an id, None for none); "target_group" the rows of one `group` (a mark's code, "youth"
    by age on the day, None for no mark: a candidate with two marks is in both). Each count
    column is named `<kpi>_<aggregate>` after the KPI's own aggregate (`summary.COLUMNS`).
    Derived data: `summary.rebuild` writes it, nothing edits it."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    centre = models.IntegerField(null=True, blank=True)
    dimension = models.CharField(max_length=20, blank=True)
    value = models.IntegerField(null=True, blank=True)
    group = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001 None: no group
    job_orders_n = models.IntegerField(default=0)
    positions_n = models.IntegerField(default=0)
    referral_rate_num = models.IntegerField(default=0)
    referral_rate_den = models.IntegerField(default=0)
    fill_rate_num = models.IntegerField(default=0)
    fill_rate_den = models.IntegerField(default=0)
    referrals_n = models.IntegerField(default=0)
    match_rate_num = models.IntegerField(default=0)
    match_rate_den = models.IntegerField(default=0)
    hires_n = models.IntegerField(default=0)
    ordinary_hours_num = models.IntegerField(default=0)
    ordinary_hours_den = models.IntegerField(default=0)
    retention_week_num = models.IntegerField(default=0)
    retention_week_den = models.IntegerField(default=0)
    retention_month_num = models.IntegerField(default=0)
    retention_month_den = models.IntegerField(default=0)
    retention_quarter_num = models.IntegerField(default=0)
    retention_quarter_den = models.IntegerField(default=0)
    ordinary_hours_quarter_num = models.IntegerField(default=0)
    ordinary_hours_quarter_den = models.IntegerField(default=0)
    cross_municipal_num = models.IntegerField(default=0)
    cross_municipal_den = models.IntegerField(default=0)
    became_jobs_num = models.IntegerField(default=0)
    became_jobs_den = models.IntegerField(default=0)
    visits_n = models.IntegerField(default=0)
    contacts_n = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["cooperation", "dimension", "day"], name="kpi_daily_slice_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.centre} {self.dimension}"


class DailyTimeToFill(models.Model):
    """Time to fill as a histogram: of the hires starting on `day` in the slice (as
    `DailyFigures`), `n` took `days` days from their order's arrival."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    centre = models.IntegerField(null=True, blank=True)
    dimension = models.CharField(max_length=20, blank=True)
    value = models.IntegerField(null=True, blank=True)
    group = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001 None: no group
    days = models.IntegerField()
    n = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["cooperation", "dimension", "day"], name="kpi_ttf_slice_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.centre} {self.dimension}: {self.n} × {self.days}"


class SummaryState(models.Model):
    """That a cooperation's summary has been built in full, and when it was last brought up
    to date (the dashboard says so)."""

    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="kpi_summary"
    )
    built_at = models.DateTimeField()
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.refreshed_at}"


class StaleDays(models.Model):
    """Days whose summary rows a committed change has made wrong and the worker has not yet
    rebuilt (`first` and `last` None: all of them). The dashboard computes a period that
    touches them from the raw rows."""

    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    first = models.DateField(null=True)
    last = models.DateField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.cooperation_id}: {self.first}–{self.last}"


class AgreementFigures(models.Model):
    """An agreement's progress as `selectors._progress` counts it (its company's job orders,
    positions and hires in its period, for its occupations), kept with the summary: the
    dashboard's agreement figures read it while the cooperation has no stale days."""

    agreement = models.OneToOneField(
        RecruitmentAgreement, on_delete=models.CASCADE, primary_key=True, related_name="kpi_figures"
    )
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="+")
    job_orders = models.IntegerField()
    positions = models.IntegerField()
    hires = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.hires}"
