"""The cooperation's common screening principles: checklists per kind of job order and
each referral's answers. The tables keep the names they had in joborders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobbro.joborders.models import JobOrderKind, Referral
from jobbro.organisations.models import Cooperation

# --- common screening principles ---------------------------------------------------------


class ScreeningItem(models.Model):
    """One question of the cooperation's screening checklist for a kind of job order."""

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="screening_items",
    )
    kind = models.CharField(_("kind of job order"), max_length=20, choices=JobOrderKind.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    text_da = models.CharField(_("question in Danish"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"))

    class Meta:
        db_table = "joborders_screeningitem"
        ordering = ["cooperation", "kind", "position", "pk"]
        verbose_name = _("screening question")
        verbose_name_plural = _("screening questions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text_da="") & ~Q(text_en=""),
                name="screeningitem_texts_given",
                violation_error_message=_("Give the question in Danish and in English."),
            ),
        ]

    def __str__(self) -> str:
        return self.text_da

    def text(self, language: str) -> str:
        return self.text_en if language.startswith("en") else self.text_da


class ScreeningValue(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    NOT_RELEVANT = "n/a", _("not relevant")


class ScreeningAnswer(models.Model):
    """A referral's answer to one checklist question, with the question as it read then."""

    referral = models.ForeignKey(
        Referral,
        verbose_name=_("referral"),
        on_delete=models.CASCADE,
        related_name="screening_answers",
    )
    # The question may later be edited or removed; the copied texts keep the record true.
    item = models.ForeignKey(
        ScreeningItem,
        verbose_name=_("screening question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    text_da = models.CharField(_("question in Danish"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300)
    value = models.CharField(_("answer"), max_length=3, choices=ScreeningValue.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        db_table = "joborders_screeninganswer"
        ordering = ["referral", "position", "pk"]
        verbose_name = _("screening answer")
        verbose_name_plural = _("screening answers")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "item"],
                name="screeninganswer_once_per_question",
                violation_error_message=_("The question is answered already."),
            ),
            models.CheckConstraint(
                condition=Q(value__in=ScreeningValue.values),
                name="screeninganswer_known_value",
                violation_error_message=_("Answer yes, no or not relevant."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text_da}: {self.value}"

    def text(self, language: str) -> str:
        return self.text_en if language.startswith("en") else self.text_da
