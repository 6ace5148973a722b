"""Occupations and skills (ESCO), certificates and licences, languages.

ESCO concepts keep their URI so a later full ESCO import updates rather than duplicates.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


def bilingual_label(label_da: str, label_en: str) -> str:
    """The label in the active language. Where Danish is wanted and there is none, the English
    label says it is English: it must never pass for Danish."""
    if not (get_language() or "da").startswith("da"):
        return label_en
    return label_da or gettext("%(label)s (in English)") % {"label": label_en}


class BilingualLabel(models.Model):
    label_da = models.CharField(_("Danish label"), max_length=255, blank=True)
    label_en = models.CharField(_("English label"), max_length=255)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return bilingual_label(self.label_da, self.label_en)


class IscoGroup(BilingualLabel):
    code = models.CharField(_("ISCO code"), max_length=4, unique=True)
    uri = models.CharField(_("URI"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO group")
        verbose_name_plural = _("ISCO groups")


class Occupation(BilingualLabel):
    uri = models.CharField(_("URI"), max_length=200, unique=True)
    code = models.CharField(_("ESCO code"), max_length=30, db_index=True)
    isco_group = models.ForeignKey(
        IscoGroup,
        verbose_name=_("ISCO group"),
        on_delete=models.PROTECT,
        related_name="occupations",
    )
    alt_labels_da = models.TextField(_("Danish alternative labels"), blank=True)
    alt_labels_en = models.TextField(_("English alternative labels"), blank=True)
    skills: models.ManyToManyField[Skill, OccupationSkill] = models.ManyToManyField(
        "Skill",
        through="OccupationSkill",
        related_name="occupations",
        verbose_name=_("skills"),
    )

    class Meta:
        ordering = ["label_da", "label_en"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")


class SkillKind(models.TextChoices):
    SKILL = "skill", _("skill")
    KNOWLEDGE = "knowledge", _("knowledge")


class DanishSource(models.TextChoices):
    """Where a skill's Danish labels come from (ESCO publishes few skills in Danish)."""

    NONE = "", _("none")
    ESCO = "esco", _("ESCO")
    JOBBRO = "jobbro", _("Jobbro's translation")


class Skill(BilingualLabel):
    uri = models.CharField(_("URI"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SkillKind.choices)
    alt_labels_da = models.TextField(_("Danish alternative labels"), blank=True)
    alt_labels_en = models.TextField(_("English alternative labels"), blank=True)
    # An official Danish ESCO download wins over the project's own labels (reference.py).
    danish_source = models.CharField(
        _("source of the Danish labels"),
        max_length=10,
        choices=DanishSource.choices,
        blank=True,
        default=DanishSource.NONE,
    )

    class Meta:
        ordering = ["label_en"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class Relation(models.TextChoices):
    ESSENTIAL = "essential", _("essential")
    OPTIONAL = "optional", _("optional")


class OccupationSkill(models.Model):
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE)
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE)
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="occupation_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.occupation} – {self.skill} ({self.relation})"


class QualificationKind(models.TextChoices):
    CERTIFICATE = "certificate", _("certificate")
    DRIVING_LICENCE = "driving_licence", _("driving licence")
    COURSE = "course", _("course")


class Qualification(BilingualLabel):
    """A certificate, licence or course from the project's own Danish-first list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QualificationKind.choices)
    synonyms = models.TextField(_("synonyms"), blank=True)

    class Meta:
        ordering = ["kind", "label_da"]
        verbose_name = _("certificate or licence")
        verbose_name_plural = _("certificates and licences")


class Language(BilingualLabel):
    code = models.CharField(_("ISO 639-1 code"), max_length=2, unique=True)

    class Meta:
        ordering = ["label_da"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class CefrLevel(models.TextChoices):
    """Common European Framework levels; the string order is the level order."""

    A1 = "A1", _("A1 – beginner")
    A2 = "A2", _("A2 – elementary")
    B1 = "B1", _("B1 – intermediate")
    B2 = "B2", _("B2 – upper intermediate")
    C1 = "C1", _("C1 – advanced")
    C2 = "C2", _("C2 – proficient / mother tongue")
