"""The KKR progress scheme: the regional board's recommendations to the municipalities on
their cooperation, and each municipality's yearly assessment of each (green, yellow, red
and a remark).

An assessment is one row per recommendation, municipality and year holding what stands
now, with a version number that edits are checked against; every version ever saved is
kept in `AssessmentChange`, which is only ever added to.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobbro.organisations.models import Cooperation, JobCentre, Municipality

# The first schemes were for 2015 (seed 003); nothing is assessed before.
FIRST_YEAR = 2015
REMARK_MAX_LENGTH = 1000


class Obligation(models.TextChoices):
    # SKAL: every municipality that joined the recommendations is bound by it; KAN: voluntary.
    MUST = "must", _("must (SKAL)")
    MAY = "may", _("may (KAN)")


# The short mark beside a recommendation, in the page's language: the scheme's own SKAL and
# KAN in Danish, MUST and MAY in English (the Danish terms stay in the notes that explain).
OBLIGATION_MARKS = {
    Obligation.MUST: pgettext_lazy("KKR obligation mark", "MUST"),
    Obligation.MAY: pgettext_lazy("KKR obligation mark", "MAY"),
}


class Status(models.TextChoices):
    GREEN = "green", _("green")
    YELLOW = "yellow", _("yellow")
    RED = "red", _("red")


class Recommendation(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="kkr_recommendations",
    )
    number = models.CharField(_("number"), max_length=10)
    area = models.CharField(_("area"), max_length=120)
    text = models.TextField(_("recommendation"))
    obligation = models.CharField(_("obligation"), max_length=4, choices=Obligation.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    first_year = models.PositiveSmallIntegerField(_("from year"))
    # None: still in force.
    last_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # Raised by every edit: a form showing an older version is refused (jobbro.updates).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("KKR recommendation")
        verbose_name_plural = _("KKR recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "number"],
                name="kkr_recommendation_unique_number",
                violation_error_message=_("Another recommendation has this number."),
            ),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=F("first_year")),
                name="kkr_recommendation_years_in_order",
                violation_error_message=_("The last year comes before the first."),
            ),
            models.CheckConstraint(
                condition=Q(first_year__gte=FIRST_YEAR),
                name="kkr_recommendation_first_year_from_2015",
                violation_error_message=_("The scheme starts in 2015."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    @property
    def obligation_mark(self) -> str:
        """ "SKAL" or "KAN" in Danish, "MUST" or "MAY" in English."""
        return str(OBLIGATION_MARKS[Obligation(self.obligation)])

    def in_force(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class Assessment(models.Model):
    """What a municipality's job centre reports on one recommendation for one year, now."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="kkr_assessments",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices)
    remark = models.TextField(_("remark"), max_length=REMARK_MAX_LENGTH, blank=True)
    # Counts the saved changes; an edit names the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("reported by job centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["recommendation__order", "recommendation__number", "municipality__name"]
        verbose_name = _("KKR assessment")
        verbose_name_plural = _("KKR assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "municipality", "year"],
                name="kkr_assessment_unique_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="kkr_assessment_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation.number} {self.municipality} {self.year}: {self.status}"


class AssessmentChange(models.Model):
    """One saved version of an assessment; added to, never changed (the history)."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices)
    remark = models.TextField(_("remark"), blank=True)
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("reported by job centre"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["assessment", "-version"]
        verbose_name = _("change of a KKR assessment")
        verbose_name_plural = _("changes of KKR assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "version"], name="kkr_change_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} v{self.version}"
