"""Upskilling: education providers, their courses, course teams shared between job centres,
seat reservations and the waiting list, enrolments with attendance and outcome, and the
groups of teams under a pooled payment model (see payment.py and docs/upskilling.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.organisations.models import Cooperation, JobCentre, Municipality
from jobbro.taxonomy.models import Qualification, Skill


class ProviderKind(models.TextChoices):
    VOCATIONAL_SCHOOL = "school", _("vocational school")
    AMU = "amu", _("AMU centre")
    VEU = "veu", _("VEU centre")


class Provider(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ProviderKind.choices)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    # Raised by every edit: a form showing an older version is refused (jobbro.updates).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("education provider")
        verbose_name_plural = _("education providers")
        constraints = [
            # "AMU Hovedstaden" and "amu hovedstaden" are one school.
            models.UniqueConstraint(
                "cooperation",
                Lower("name"),
                name="upskilling_provider_unique_name",
                violation_error_message=_("The cooperation has a provider of that name already."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="courses"
    )
    title = models.CharField(_("title"), max_length=200)
    weeks = models.PositiveSmallIntegerField(
        _("weeks"), validators=[MinValueValidator(1), MaxValueValidator(104)]
    )
    qualifications = models.ManyToManyField(
        Qualification,
        verbose_name=_("certificates it gives"),
        blank=True,
        related_name="+",
    )
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills it gives"), blank=True, related_name="+"
    )
    # Raised by every edit: a form showing an older version is refused (jobbro.updates).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title


class TeamGroup(models.Model):
    """Teams that share the pooled payment model: an average across them, a minimum each."""

    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    # At most a team's seats (Team.seats): the pooled payment divides by them.
    average = models.PositiveSmallIntegerField(
        _("average participants per team"),
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    minimum = models.PositiveSmallIntegerField(
        _("minimum participants per team"),
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    # Raised by every edit: a form showing an older version is refused (jobbro.updates).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("group of teams")
        verbose_name_plural = _("groups of teams")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__lte=F("average")),
                name="upskilling_group_minimum_below_average",
                violation_error_message=_("The minimum must not be above the average."),
            ),
            # Two groups of one name cannot be told apart on the team form.
            models.UniqueConstraint(
                "cooperation",
                Lower("name"),
                name="upskilling_group_unique_name",
                violation_error_message=_("The cooperation has a group of that name already."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="teams"
    )
    group = models.ForeignKey(
        TeamGroup,
        verbose_name=_("group of teams"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teams",
    )
    host = models.ForeignKey(
        JobCentre, verbose_name=_("host job centre"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    seats = models.PositiveSmallIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    price = models.PositiveIntegerField(_("price per participant (kr.)"))
    # Raised by every edit: a form showing an older version is refused (jobbro.updates).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("course team")
        verbose_name_plural = _("course teams")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="upskilling_team_ends_after_start",
                violation_error_message=_("The team must not end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} {self.starts_on:%d.%m.%Y}, {self.place}"


class Reservation(models.Model):
    """A job centre's seats on a team, which it fills with its own candidates."""

    team = models.ForeignKey(
        Team, verbose_name=_("course team"), on_delete=models.CASCADE, related_name="reservations"
    )
    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        ordering = ["job_centre__name"]
        verbose_name = _("reservation")
        verbose_name_plural = _("reservations")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "job_centre"], name="upskilling_reservation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_centre}: {self.seats}"


class WaitingEntry(models.Model):
    """Seats a job centre asked for when the team was full; first come, first served."""

    team = models.ForeignKey(
        Team, verbose_name=_("course team"), on_delete=models.CASCADE, related_name="waiting"
    )
    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("place on the waiting list")
        verbose_name_plural = _("waiting list")

    def __str__(self) -> str:
        return f"{self.job_centre}: {self.seats}"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    COMPLETED = "completed", _("completed")
    DROPPED_OUT = "dropped_out", _("dropped out")


class Enrolment(models.Model):
    team = models.ForeignKey(
        Team, verbose_name=_("course team"), on_delete=models.PROTECT, related_name="enrolments"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="+"
    )
    # The centre whose seat it takes: the candidate's own at enrolment.
    job_centre = models.ForeignKey(
        JobCentre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    dropout_reason = models.CharField(_("reason for dropping out"), max_length=300, blank=True)
    # The outcome after the course, as JRS reports it; they overlap (hours, then education).
    outcome_recorded = models.BooleanField(_("outcome recorded"), default=False)
    got_job = models.BooleanField(_("got an ordinary job"), default=False)
    got_hours = models.BooleanField(_("got ordinary hours"), default=False)
    hours_after_three_months = models.BooleanField(
        _("still had ordinary hours after three months"), null=True, blank=True
    )
    started_education = models.BooleanField(_("started an education"), default=False)
    # Raised by every change (attendance, finish, outcome): a page showing an older version
    # is refused, so two consultants' saves do not silently overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["enrolled_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "candidate"],
                name="upskilling_enrolment_unique",
                violation_error_message=_("The candidate is on the team already."),
            )
        ]

    def __str__(self) -> str:
        # No name: the row stays readable where the candidate may not be.
        return f"{self.team} ({self.job_centre})"

    @property
    def still_unemployed(self) -> bool:
        return self.outcome_recorded and not (
            self.got_job or self.got_hours or self.started_education
        )


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    week = models.PositiveSmallIntegerField(_("week"), validators=[MinValueValidator(1)])
    attended = models.BooleanField(_("attended"))

    class Meta:
        ordering = ["week"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "week"], name="upskilling_week_unique")
        ]

    def __str__(self) -> str:
        return f"{self.week}: {self.attended}"
