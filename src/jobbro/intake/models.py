"""The shared line: inquiries from companies by phone, mail or the public web form.

An inquiry is routed to the company's home job centre, or to the cooperation's secretariat
when the company is unknown. The secretariat is a role the cooperation gives one member job
centre, not that centre itself: `at_secretariat` marks the inquiries that sit with the
secretariat (their `routed_to` is the hosting centre, for the record only), so that centre's
own consultants do not get them. An inquiry must get a first response within the
cooperation's target in working hours; `respond_by` is fixed when it arrives, so a later
change of the target does not move old deadlines. Every move (taken, answered, forwarded,
closed) is written to the append-only transition log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobbro.companies.models import Company
from jobbro.companies.validators import validate_cvr
from jobbro.organisations.models import Cooperation, JobCentre


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    MAIL = "mail", _("mail")
    WEB = "web", _("web form")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = (InquiryStatus.NEW, InquiryStatus.IN_PROGRESS)


class Inquiry(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    reference = models.CharField(_("reference number"), max_length=9, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"), db_index=True)
    respond_by = models.DateTimeField(_("respond by"), db_index=True)
    # The company when known; the name and CVR number as given are kept either way, so a
    # later merge or deletion of the company loses nothing of what the caller said.
    company = models.ForeignKey(
        Company,
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    # The public web form only suggests a company by its CVR number: anyone can type one, so
    # the link stays unverified until staff confirm it. (Meaningless once the company is gone.)
    company_unverified = models.BooleanField(_("matched by CVR – unverified"), default=False)
    company_name = models.CharField(_("company name"), max_length=200)
    cvr = models.CharField(_("CVR number"), max_length=8, blank=True, validators=[validate_cvr])
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=4000)
    routed_to = models.ForeignKey(
        JobCentre,
        verbose_name=_("job centre"),
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    at_secretariat = models.BooleanField(_("with the secretariat"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=InquiryStatus.choices,
        default=InquiryStatus.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,  # the public web form
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    first_response_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first response by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Set when the retention period has blanked the contact details and the message.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [models.Index(fields=["routed_to", "status"], name="inquiry_centre_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(respond_by__gte=F("received_at")),
                name="inquiry_respond_by_after_received",
                violation_error_message=_("The response deadline is before the inquiry arrived."),
            ),
            models.CheckConstraint(
                condition=~Q(contact_phone="")
                | ~Q(contact_email="")
                | Q(anonymised_at__isnull=False),
                name="inquiry_has_phone_or_email",
                violation_error_message=_("Give a phone number or an e-mail address."),
            ),
            models.CheckConstraint(
                condition=~Q(status=InquiryStatus.IN_PROGRESS) | Q(assigned_to__isnull=False),
                name="inquiry_in_progress_is_assigned",
                violation_error_message=_("An inquiry in progress has someone who took it."),
            ),
            models.CheckConstraint(
                condition=Q(first_response_at__isnull=True)
                | Q(first_response_at__gte=F("received_at")),
                name="inquiry_response_after_received",
                violation_error_message=_("The response cannot be before the inquiry arrived."),
            ),
            models.CheckConstraint(
                condition=~Q(status=InquiryStatus.ANSWERED) | Q(first_response_at__isnull=False),
                name="inquiry_answered_has_response",
                violation_error_message=_("An answered inquiry has a first response."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.company_name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Action(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("inquiry", "registered")
    TAKEN = "taken", _("taken")
    ANSWERED = "answered", _("response recorded")
    FORWARDED = "forwarded", _("forwarded")
    CLOSED = "closed", _("closed")
    COMPANY_CONFIRMED = "confirmed", _("company confirmed")
    COMPANY_REJECTED = "rejected", _("company match rejected")


class InquiryTransition(models.Model):
    """Append-only log: who did what to an inquiry, when, from which status to which."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    from_status = models.CharField(
        _("from"), max_length=12, choices=InquiryStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=12, choices=InquiryStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,  # the company itself, through the web form
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("when"))
    note = models.TextField(_("note"), blank=True)
    from_job_centre = models.ForeignKey(
        JobCentre, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_job_centre = models.ForeignKey(
        JobCentre, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The secretariat's steps name its host centre for the record; these say it was the
    # secretariat, which the host centre alone cannot tell.
    from_secretariat = models.BooleanField(_("from the secretariat"), default=False)
    to_secretariat = models.BooleanField(_("to the secretariat"), default=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("inquiry transition")
        verbose_name_plural = _("inquiry transitions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="forwarded")
                | Q(from_job_centre__isnull=False, to_job_centre__isnull=False),
                name="inquiry_forward_names_job_centres",
                violation_error_message=_("A forward names both job centres."),
            ),
            models.CheckConstraint(
                condition=(Q(from_secretariat=False) | Q(from_job_centre__isnull=False))
                & (Q(to_secretariat=False) | Q(to_job_centre__isnull=False)),
                name="inquiry_transition_secretariat_has_host",
                violation_error_message=_("A step of the secretariat names its host centre."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_id}: {self.from_status or '–'} → {self.to_status}"

    @property
    def status_changed(self) -> bool:
        """A registration sets the first status; confirming a company match changes none."""
        return self.from_status != self.to_status

    @property
    def moved(self) -> bool:
        """Whether the step took the inquiry to another job centre or to or from the
        secretariat (the host centre alone cannot tell the secretariat from the centre)."""
        return self.from_job_centre_id is not None and (
            self.from_job_centre_id != self.to_job_centre_id
            or self.from_secretariat != self.to_secretariat
        )


class TargetChange(models.Model):
    """Who changed the cooperation's service targets, when, and from what to what."""

    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="target_changes"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"))
    inquiry_response_hours = models.PositiveSmallIntegerField(_("response-time target (hours)"))
    request_reminder_hours = models.PositiveSmallIntegerField(_("request reminder (hours)"))
    previous_inquiry_response_hours = models.PositiveSmallIntegerField()
    previous_request_reminder_hours = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("service-target change")
        verbose_name_plural = _("service-target changes")

    def __str__(self) -> str:
        return f"{self.cooperation_id} {self.at:%Y-%m-%d}"


class SpentFormToken(models.Model):
    """The nonce of a web-form token that has registered its inquiry: a form sent again
    (a double click, the back button, a replayed request) finds that inquiry instead of
    registering another. Kept as long as a token is young enough to be accepted."""

    nonce = models.CharField(max_length=32, unique=True)
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="+")
    spent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.nonce} → {self.inquiry_id}"
