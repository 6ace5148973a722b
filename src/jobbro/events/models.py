"""Recruitment events (job fairs): the companies and candidates invited, and the outcome.

A candidate on an event stays personal data: the event page names only the candidates the
reader may see (own job centre, or consent to sharing in the cooperation); the rest are
counted per job centre.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company
from jobbro.organisations.models import Cooperation, JobCentre


class Event(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, verbose_name=_("cooperation"), on_delete=models.PROTECT, related_name="events"
    )
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("organising job centre"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("where"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("recruitment event")
        verbose_name_plural = _("recruitment events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must not end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        """Companies answer by their link only until the event starts."""
        return self.starts_at <= timezone.now()


MAX_PARTICIPANTS = 50  # people a company brings
RECRUITING_FOR_MAX_LENGTH = 1000


def _participants_message() -> str:
    return gettext("Give the number of people from 1 to %(max)s.") % {"max": MAX_PARTICIPANTS}


# Lazy: the constraint and the form say it in the reader's language.
PARTICIPANTS_MESSAGE = lazy(_participants_message, str)()


class CompanyStatus(models.TextChoices):
    INVITED = "invited", _("invited")
    REGISTERED = "registered", _("registered")
    DECLINED = "declined", pgettext_lazy("event answer", "declined")
    ATTENDED = "attended", _("attended")


class CandidateStatus(models.TextChoices):
    INVITED = "invited", _("invited")
    REGISTERED = "registered", _("registered")
    ATTENDED = "attended", _("attended")


class EventCompany(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="companies"
    )
    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.INVITED
    )
    interviews = models.PositiveSmallIntegerField(_("interviews held"), default=0)
    hires = models.PositiveSmallIntegerField(_("hires"), default=0)
    # The company's own answer by its personal link (the token is the key, no login). Kept
    # apart from `status`, which staff record (a phone call, the day itself).
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    email = models.EmailField(_("invitation sent to"), blank=True)  # blank: no address known
    coming = models.BooleanField(_("coming, as the company answered"), null=True, blank=True)
    participants = models.PositiveSmallIntegerField(_("people coming"), null=True, blank=True)
    recruiting_for = models.TextField(
        _("recruiting for"), blank=True, max_length=RECRUITING_FOR_MAX_LENGTH
    )
    answered_at = models.DateTimeField(_("answered by the company"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,  # None: the company itself, by its personal link
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["company__name", "pk"]
        verbose_name = _("company at an event")
        verbose_name_plural = _("companies at events")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "company"],
                name="event_company_once",
                violation_error_message=_("The company is on the event already."),
            ),
            models.CheckConstraint(
                condition=Q(status=CompanyStatus.ATTENDED) | Q(interviews=0, hires=0),
                name="event_company_outcome_when_attended",
                violation_error_message=_(
                    "Interviews and hires are recorded for companies that attended."
                ),
            ),
            models.CheckConstraint(
                condition=Q(participants__isnull=True)
                | Q(participants__gte=1, participants__lte=MAX_PARTICIPANTS),
                name="event_company_participants_range",
                violation_error_message=PARTICIPANTS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(coming__isnull=True) | Q(answered_at__isnull=False),
                name="event_company_coming_when_answered",
                violation_error_message=_("The company's answer needs the time it answered."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} @ {self.event}"

    @property
    def may_answer(self) -> bool:
        """The company answers by its link until the event starts, and not once the job
        centre has recorded that it attended."""
        return not self.event.has_started and self.status != CompanyStatus.ATTENDED


class EventCandidate(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="candidates"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="events"
    )
    # The inviting job centre: the candidate's own when invited, kept for the counts.
    job_centre = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        related_name="event_candidates",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CandidateStatus.choices,
        default=CandidateStatus.INVITED,
    )
    interviewed = models.BooleanField(_("interviewed"), default=False)
    hired = models.BooleanField(_("hired"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["job_centre__name", "pk"]
        verbose_name = _("candidate at an event")
        verbose_name_plural = _("candidates at events")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "candidate"],
                name="event_candidate_once",
                violation_error_message=_("The candidate is on the event already."),
            ),
            models.CheckConstraint(
                condition=Q(status=CandidateStatus.ATTENDED) | Q(interviewed=False, hired=False),
                name="event_candidate_outcome_when_attended",
                violation_error_message=_(
                    "Interviews and hires are recorded for candidates who attended."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.candidate_id} @ {self.event}"
