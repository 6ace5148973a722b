"""The cooperation, its job centres, the municipalities they serve, staff and partners."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Capital Region of Denmark")
    SJAELLAND = "sjaelland", _("Region Zealand")
    SYDDANMARK = "syddanmark", _("Region of Southern Denmark")
    MIDTJYLLAND = "midtjylland", _("Central Denmark Region")
    NORDJYLLAND = "nordjylland", _("North Denmark Region")


class Municipality(models.Model):
    """One of Denmark's 98 municipalities, with a town-hall coordinate for distances."""

    code = models.CharField(_("municipality code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Cooperation(models.Model):
    """A cross-municipal recruitment service such as HRS."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    secretariat = models.ForeignKey(
        "JobCentre",
        verbose_name=_("secretariat hosted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("shared phone number"), max_length=20, blank=True)
    # Service targets the cooperation sets for itself; the start pages and reports hold
    # the job centres to them.
    inquiry_response_hours = models.PositiveSmallIntegerField(
        _("response-time target for inquiries (working hours)"), default=8
    )
    request_reminder_hours = models.PositiveSmallIntegerField(
        _("remind unanswered requests after (hours)"), default=48
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self) -> str:
        return self.name


class JobCentre(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="job_centres",
    )
    name = models.CharField(_("name"), max_length=120)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities served"),
        related_name="job_centres",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("job centre")
        verbose_name_plural = _("job centres")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"], name="jobcentre_unique_name_in_cooperation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """The staff roles of the seeds (001, 004); what each may do is in docs/roles.md."""

    BUSINESS_CONSULTANT = "business_consultant", _("business consultant")
    # Owns the unemployed of one job centre: keeps their CVs and refers them.
    JOB_CONSULTANT = "job_consultant", _("job consultant")
    # Recruits to ordinary jobs beside the company service; refers, does not edit CVs.
    RECRUITMENT_CONSULTANT = "recruitment_consultant", _("recruitment consultant")
    ONBOARDING_CONSULTANT = "onboarding_consultant", _("onboarding consultant")
    SECRETARIAT = "secretariat", _("secretariat")
    TEAM_LEADER = "team_leader", _("team leader")
    MANAGER = "manager", _("manager")
    # A job-centre head on the cooperation's steering group: sets its targets.
    STEERING_GROUP = "steering_group", _("steering group member")
    DATA_PROTECTION_OFFICER = "dpo", _("data-protection officer")


class User(AbstractUser):
    """Staff of a job centre or the secretariat; rights come from memberships."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    """A user's role at one job centre; a user may hold several."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["job_centre__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "job_centre", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.job_centre} ({self.get_role_display()})"


class SteeringGroupTerm(models.Model):
    """A job-centre head's term on the cooperation's steering group, as chair or member.

    The steering group sets budget and targets; its chair rotates (HRS: every two years),
    so at most one chair's term covers any day. The role STEERING_GROUP opens its pages;
    a current term is what lets the holder decide (see `selectors.sits_on_steering_group`).
    """

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="steering_terms",
    )
    member = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.PROTECT, related_name="steering_terms"
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("head of"),
        on_delete=models.PROTECT,
        related_name="steering_terms",
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))

    class Meta:
        ordering = ["-is_chair", "job_centre__name", "-starts_on"]
        verbose_name = _("steering-group term")
        verbose_name_plural = _("steering-group terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="steering_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.job_centre} ({self.starts_on}–{self.ends_on})"

    def clean(self) -> None:
        """A term is a head of a member job centre; chairs' terms do not overlap."""
        errors: dict[str, StrOrPromise] = {}
        if self.job_centre_id and self.cooperation_id:
            if self.job_centre.cooperation_id != self.cooperation_id:
                errors["job_centre"] = _("The job centre is not a member of the cooperation.")
            elif (
                self.member_id
                and not self.member.memberships.filter(
                    job_centre=self.job_centre, role=Role.STEERING_GROUP
                ).exists()
            ):
                errors["member"] = _(
                    "Give the member the role steering group member at the job centre first."
                )
        if self.is_chair and self.starts_on and self.ends_on and self.cooperation_id:
            overlapping = SteeringGroupTerm.objects.filter(
                cooperation_id=self.cooperation_id,
                is_chair=True,
                starts_on__lte=self.ends_on,
                ends_on__gte=self.starts_on,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                errors["is_chair"] = _("Another chair's term covers part of this term.")
        if errors:
            raise ValidationError(errors)


class PartnerKind(models.TextChoices):
    UNEMPLOYMENT_FUND = "a_kasse", _("unemployment insurance fund (a-kasse)")
    VOCATIONAL_SCHOOL = "school", _("vocational school")
    ADULT_EDUCATION = "veu", _("adult education centre (VEU/AMU)")
    UNION = "union", _("trade union")
    EMPLOYERS = "employers", _("employers' organisation")


class PartnerOrganisation(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="partners",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    is_recruitment_partner = models.BooleanField(_("recruitment partner"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "name"], name="partner_unique_name_in_cooperation"
            )
        ]

    def __str__(self) -> str:
        return self.name
