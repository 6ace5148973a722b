"""Imports from the job centres' case systems: each run, the titles waiting for a person,
and the job centres' own ids of imported job orders (docs/import.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import JobCentre
from jobbro.taxonomy.models import Occupation


class ImportKind(models.TextChoices):
    CANDIDATES = "candidates", _("candidates")
    COMPANIES = "companies", _("companies")
    JOB_ORDERS = "job_orders", _("job orders")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    REFUSED = "refused", _("refused")
    FAILED = "failed", _("failed")


class ImportRun(models.Model):
    """One file read once: a dry run (nothing written) or the import itself.

    The file is kept only until the import has run (or been refused): it holds CPR numbers.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    data = models.BinaryField(_("file"), blank=True, editable=False)
    dry_run = models.BooleanField(_("dry run"), default=True)
    mark_missing = models.BooleanField(_("mark those missing from the file"), default=False)
    language = models.CharField(_("language of the report"), max_length=10, default="da")
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    missing = models.PositiveIntegerField(_("missing from the file"), default=0)
    pending_titles = models.PositiveIntegerField(_("titles waiting for a person"), default=0)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    dry_run_of = models.ForeignKey(
        "self",
        verbose_name=_("confirms the dry run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.REFUSED, RunStatus.FAILED)


class TitleUse(models.TextChoices):
    WISHED = "wished", _("wished job")
    PAST = "past", _("past job")


class PendingTitleLink(models.Model):
    """A free-text title the suggestion engine could not link confidently ("Jobtitler, der
    venter"): a person confirms a suggestion or picks an occupation, which is then applied to
    the candidate's CV and remembered for the same title in later files of the job centre."""

    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.CASCADE, related_name="+"
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("candidate"),
        on_delete=models.CASCADE,
        related_name="pending_titles",
    )
    use = models.CharField(_("used as"), max_length=10, choices=TitleUse.choices)
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    row = models.PositiveIntegerField(_("row in the file"), default=0)
    run = models.ForeignKey(
        ImportRun,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The ids of the closest occupations, best first.
    suggestions = models.JSONField(_("suggested occupations"), default=list, blank=True)
    confidence = models.FloatField(_("confidence"), default=0.0)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("job title waiting for a person")
        verbose_name_plural = _("job titles waiting for a person")
        indexes = [models.Index(fields=["job_centre", "resolved_at"])]

    def __str__(self) -> str:
        return self.title


class JobOrderCaseId(models.Model):
    """A job centre's own id of a job order it imported, so a reimport updates it."""

    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.CASCADE, related_name="+"
    )
    case_id = models.CharField(_("case system id"), max_length=50)
    job_order = models.OneToOneField(
        JobOrder, verbose_name=_("job order"), on_delete=models.CASCADE, related_name="case_id"
    )

    class Meta:
        verbose_name = _("job order's case system id")
        verbose_name_plural = _("job orders' case system ids")
        constraints = [
            models.UniqueConstraint(
                fields=["job_centre", "case_id"],
                condition=~Q(case_id=""),
                name="joborder_unique_case_id_in_job_centre",
            )
        ]

    def __str__(self) -> str:
        return self.case_id
