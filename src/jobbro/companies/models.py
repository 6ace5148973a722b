"""Companies, their contact persons, the contact log and recruitment agreements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.organisations.models import Cooperation, JobCentre, Municipality
from jobbro.taxonomy.models import BilingualLabel, Occupation

from .validators import validate_cvr, validate_p_number


class IndustryVersion(models.TextChoices):
    DB07 = "DB07", "DB07"
    DB25 = "DB25", "DB25"


class Industry(BilingualLabel):
    """A Danish industry code (Dansk Branchekode) in the DB07 or DB25 edition."""

    code = models.CharField(_("industry code"), max_length=6)
    version = models.CharField(_("edition"), max_length=4, choices=IndustryVersion.choices)

    class Meta:
        ordering = ["version", "code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="industry_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Company(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="companies",
    )
    cvr = models.CharField(_("CVR number"), max_length=8, validators=[validate_cvr])
    p_number = models.CharField(
        _("P-number"), max_length=10, blank=True, validators=[validate_p_number]
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="companies",
    )
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        related_name="companies",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact consultant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="companies",
    )
    is_ambassador = models.BooleanField(_("ambassador company"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "cvr"],
                name="company_unique_cvr_in_cooperation",
                violation_error_message=_("A company with this CVR number already exists."),
            )
        ]
        # The list's order within a cooperation: its first page is read from the index,
        # not after the home job centre is worked out for every company (20,000 nationally).
        indexes = [models.Index(fields=["cooperation", "name", "id"], name="company_list_order")]

    def __str__(self) -> str:
        return self.name


class ContactPerson(models.Model):
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("job title"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(is_primary=True),
                name="one_primary_contact_per_company",
                violation_error_message=_("The company has a primary contact already."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InteractionKind(models.TextChoices):
    VISIT = "visit", _("visit")
    CALL = "call", _("call")
    MAIL = "mail", _("mail")
    MEETING = "meeting", _("meeting")


class InteractionOutcome(models.TextChoices):
    """The typical outcomes of a contact, so the log can be counted; free text adds detail."""

    JOB_ORDER = "job_order", _("job order on its way")
    CANDIDATES = "candidates", _("send candidates")
    AGREEMENT = "agreement", _("recruitment agreement discussed")
    NEW_CONTACT = "new_contact", _("new contact agreed")
    NO_NEED = "no_need", _("no need at present")


class Interaction(models.Model):
    """One registered contact with a company (every contact is registered).

    The secretariat is a role the cooperation gives one member job centre, not that centre
    itself: `by_secretariat` marks the contacts the secretariat logged (their `job_centre` is
    the hosting centre, for the record only), so they are not counted as the host's."""

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    kind = models.CharField(_("kind of contact"), max_length=10, choices=InteractionKind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consultant"),
        on_delete=models.PROTECT,
        related_name="interactions",
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        related_name="interactions",
    )
    by_secretariat = models.BooleanField(_("by the secretariat"), default=False)
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
    )
    summary = models.TextField(_("summary"), blank=True)
    outcome_code = models.CharField(
        _("outcome"), max_length=20, choices=InteractionOutcome.choices, blank=True
    )
    outcome = models.CharField(_("outcome in words"), max_length=200, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("follow-up done at"), null=True, blank=True)
    follow_up_done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("follow-up done by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["consultant", "follow_up_on"], name="interaction_agenda"),
            # The key figures count a period's company contact by this date, and the
            # companies contacted from the index alone (no visit to the table's rows).
            models.Index(fields=["occurred_at", "company"], name="interaction_occurred_company"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_done_at__isnull=True, follow_up_done_by__isnull=True)
                | Q(
                    follow_up_on__isnull=False,
                    follow_up_done_at__isnull=False,
                    follow_up_done_by__isnull=False,
                ),
                name="interaction_follow_up_done_says_who",
                violation_error_message=_(
                    "A follow-up marked done needs a date, who did it and when."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class RecruitmentAgreement(models.Model):
    """An agreement a job centre, or the secretariat (`by_secretariat`, as on Interaction),
    signed with a company."""

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    by_secretariat = models.BooleanField(_("by the secretariat"), default=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("occupations"), blank=True, related_name="agreements"
    )
    expected_hires = models.PositiveIntegerField(_("expected hires"), default=0)
    job_guarantee = models.BooleanField(_("job guarantee"), default=False)
    guarantee_terms = models.TextField(_("terms of the job guarantee"), blank=True)
    terms = models.TextField(_("terms"), blank=True)
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
        ordering = ["-start_date"]
        verbose_name = _("recruitment agreement")
        verbose_name_plural = _("recruitment agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="agreement_period_ordered",
                violation_error_message=_("The end date must not be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(job_guarantee=True) & ~Q(guarantee_terms="")
                | Q(job_guarantee=False, guarantee_terms=""),
                name="agreement_guarantee_has_terms",
                violation_error_message=_(
                    "A job guarantee needs its terms, and only a job guarantee has them."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.start_date:%Y}"


class AllianceCommitment(models.Model):
    """What a company has promised in an alliance or partnership (a mark on the company)."""

    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    alliance = models.CharField(_("alliance"), max_length=120)
    commitment = models.TextField(_("what the company commits to"))
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        ordering = ["alliance", "-start_date"]
        verbose_name = _("alliance commitment")
        verbose_name_plural = _("alliance commitments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="commitment_period_ordered",
                violation_error_message=_("The end date must not be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, ended_by__isnull=True)
                | Q(end_date__isnull=False, ended_at__isnull=False, ended_by__isnull=False),
                name="commitment_ended_says_who",
                violation_error_message=_("An ended commitment needs its end date, who and when."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alliance} – {self.company}"


class CompanyMerge(models.Model):
    """The log of a duplicate merged into the company kept; the duplicate row is gone."""

    company = models.ForeignKey(
        Company,
        verbose_name=_("company kept"),
        on_delete=models.CASCADE,
        related_name="merges",
    )
    merged_name = models.CharField(_("name of the merged company"), max_length=200)
    merged_cvr = models.CharField(_("CVR number of the merged company"), max_length=8)
    merged_p_number = models.CharField(_("P-number of the merged company"), max_length=10)
    moved = models.JSONField(_("rows moved"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged at"))

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("company merge")
        verbose_name_plural = _("company merges")

    def __str__(self) -> str:
        return f"{self.merged_name} → {self.company}"
