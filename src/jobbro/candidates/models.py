"""Candidates (the unemployed), owned by one job centre, and the common CV."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobbro.crypto import decrypt_cpr, encrypt_cpr, hash_cpr
from jobbro.organisations.models import JobCentre, Municipality, PartnerOrganisation
from jobbro.taxonomy.models import (
    BilingualLabel,
    CefrLevel,
    Language,
    Occupation,
    Qualification,
    Skill,
)


class TargetGroup(BilingualLabel):
    """A group the reports split by (youth, seniors, flex job, …)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class CandidateStatus(models.TextChoices):
    ACTIVE = "active", _("active – looking for work")
    PAUSED = "paused", _("paused")
    HIRED = "hired", _("in work")
    INACTIVE = "inactive", _("no longer registered")


class ConsentScope(models.TextChoices):
    NONE = "none", _("no consent – own job centre only")
    COOPERATION = "cooperation", _("all job centres in the cooperation")


class Candidate(models.Model):
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    # The CPR number only encrypted; the keyed hash finds it and keeps it unique (see
    # jobbro.crypto). Both are empty once the candidate is anonymised.
    # The job centre's own id for the person in its case system (bulk import, see
    # docs/import.md); unique per job centre when given, cleared by anonymisation.
    case_id = models.CharField(_("case system id"), max_length=50, blank=True, default="")
    cpr_encrypted = models.TextField(_("CPR number (encrypted)"), blank=True, editable=False)
    cpr_hash = models.CharField(
        _("CPR number (keyed hash)"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        error_messages={"unique": _("A candidate with this CPR number exists already.")},
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    street = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality of residence"),
        on_delete=models.PROTECT,
        related_name="candidates",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="candidates"
    )
    unemployment_fund = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("unemployment fund (a-kasse)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    consent_scope = models.CharField(
        _("consent to cross-municipal sharing"),
        max_length=20,
        choices=ConsentScope.choices,
        default=ConsentScope.NONE,
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    available_from = models.DateField(_("available from"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CandidateStatus.choices,
        default=CandidateStatus.ACTIVE,
        db_index=True,
    )
    registered_on = models.DateField(_("registered on"))
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        # The list's order: its first page is read from the index, not by sorting every
        # visible candidate (300,000 at national scale).
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="candidate_name_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_scope=ConsentScope.NONE) | Q(consent_given_on__isnull=False),
                name="candidate_consent_has_date",
                violation_error_message=_("Consent needs the date it was given."),
            ),
            models.UniqueConstraint(
                fields=["job_centre", "case_id"],
                condition=~Q(case_id=""),
                name="candidate_unique_case_id_in_job_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def cpr(self) -> str:
        """The decrypted CPR number; show it only through the logged "show CPR" action."""
        return decrypt_cpr(self.cpr_encrypted) if self.cpr_encrypted else ""

    @cpr.setter
    def cpr(self, value: str | None) -> None:
        # Validation (validate_cpr) belongs to the input: forms and services check it.
        value = (value or "").replace("-", "").strip()
        self.cpr_encrypted = encrypt_cpr(value) if value else ""
        self.cpr_hash = hash_cpr(value) if value else None


class Cv(models.Model):
    """The common CV template of the cooperation, in Danish and English."""

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="cv"
    )
    profile_da = models.TextField(_("profile (Danish)"), blank=True)
    profile_en = models.TextField(_("profile (English)"), blank=True)
    max_commute_km = models.PositiveSmallIntegerField(_("maximum commute (km)"), default=30)
    wished_occupations = models.ManyToManyField(
        Occupation, verbose_name=_("wished occupations"), blank=True, related_name="+"
    )
    skills = models.ManyToManyField(Skill, verbose_name=_("skills"), blank=True, related_name="cvs")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")

    def __str__(self) -> str:
        return str(self.candidate)


class Experience(models.Model):
    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="experiences")
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("job title"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("experience")
        verbose_name_plural = _("experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="experience_period_ordered",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> float:
        end = self.end_date or dt.date.today()
        return max(0.0, (end - self.start_date).days / 365.25)


class EducationLevel(models.TextChoices):
    PRIMARY = "primary", _("primary school")
    UPPER_SECONDARY = "upper_secondary", _("upper secondary")
    VOCATIONAL = "vocational", _("vocational education")
    SHORT_HIGHER = "short_higher", _("short-cycle higher education")
    BACHELOR = "bachelor", _("bachelor / professional bachelor")
    MASTER = "master", _("master or higher")


class Education(models.Model):
    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="educations")
    title = models.CharField(_("title"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=EducationLevel.choices)
    completed_year = models.PositiveSmallIntegerField(_("year completed"), null=True, blank=True)

    class Meta:
        ordering = ["-completed_year"]
        verbose_name = _("education")
        verbose_name_plural = _("educations")

    def __str__(self) -> str:
        return self.title


class HeldQualification(models.Model):
    """A certificate, licence or course on the CV."""

    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="qualifications")
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("certificate or licence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    obtained_on = models.DateField(_("obtained on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate or licence")
        verbose_name_plural = _("certificates and licences")
        constraints = [
            models.UniqueConstraint(fields=["cv", "qualification"], name="cv_qualification_unique")
        ]

    def __str__(self) -> str:
        return str(self.qualification)


class SpokenLanguage(models.Model):
    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=2, choices=CefrLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(fields=["cv", "language"], name="cv_language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"
