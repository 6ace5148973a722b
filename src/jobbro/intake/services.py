"""Writes of the shared line: register, take, answer, forward and close an inquiry, confirm
or reject the company the web form matched; the cooperation's response-time target;
reminders of overdue inquiries; anonymising old ones.
One action, one transaction; every move is logged."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.companies.models import Company
from jobbro.companies.services import normalise_cvr
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import notify
from jobbro.organisations.models import Cooperation, JobCentre, Membership, Role, User
from jobbro.organisations.selectors import sits_on_steering_group

from . import selectors, spam
from .models import (
    OPEN_STATUSES,
    Action,
    Channel,
    Inquiry,
    InquiryStatus,
    InquiryTransition,
    SpentFormToken,
    TargetChange,
)
from .roles import INTAKE_WORKERS
from .working_hours import add_working_hours

NOTE_MAX_LENGTH = 2000
# Ten working days: a response-time target any longer is no target.
INQUIRY_TARGET_HOURS_MAX = 80
# Thirty days in clock hours: requests between job centres are reminded by the clock.
REQUEST_REMINDER_HOURS_MAX = 720
# Unambiguous letters and digits, read aloud over the phone without confusion.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# A clock a little ahead of ours must not make a just-received inquiry "in the future".
CLOCK_SKEW = dt.timedelta(minutes=5)


def _new_reference() -> str:
    while True:
        raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"{raw[:4]}-{raw[4:]}"
        if not Inquiry.objects.filter(reference=reference).exists():
            return reference


def _log(
    inquiry: Inquiry,
    *,
    action: Action,
    actor: User | None,
    from_status: str,
    at: dt.datetime,
    note: str = "",
    from_job_centre: JobCentre | None = None,
    to_job_centre: JobCentre | None = None,
    from_secretariat: bool = False,
    to_secretariat: bool = False,
) -> InquiryTransition:
    return InquiryTransition.objects.create(
        inquiry=inquiry,
        action=action,
        from_status=from_status,
        to_status=inquiry.status,
        by=actor,
        at=at,
        note=note,
        from_job_centre=from_job_centre,
        to_job_centre=to_job_centre,
        from_secretariat=from_secretariat,
        to_secretariat=to_secretariat,
    )


def _note(note: str, *, required: str | None = None) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note within %(max)s characters.") % {"max": NOTE_MAX_LENGTH}}
        )
    if required and not note:
        raise ValidationError({"note": required})
    return note


def _works_in(actor: User, cooperation: Cooperation) -> bool:
    return Membership.objects.filter(
        user=actor, role__in=list(INTAKE_WORKERS), job_centre__cooperation=cooperation
    ).exists()


@transaction.atomic
def inquiry_register(
    *,
    actor: User | None,
    cooperation: Cooperation,
    channel: str,
    company: Company | None,
    company_name: str,
    cvr: str,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    subject: str,
    message: str,
    received_at: dt.datetime | None = None,
    take: bool = False,
) -> Inquiry:
    """Register an inquiry and route it; `actor` is None only for the public web form.

    A CVR number that belongs to a company of the cooperation links that company, so the
    inquiry reaches the company's home job centre even when the caller was not found by name.
    Staff vouch for the company they register; from the web form anyone may type any CVR
    number, so there the name and number stay as given and the link is unverified.
    """
    now = timezone.now()
    if actor is None and channel != Channel.WEB:
        raise PermissionDenied
    if actor is not None and not _works_in(actor, cooperation):
        raise PermissionDenied
    if company is not None and company.cooperation_id != cooperation.pk:
        raise PermissionDenied
    received_at = received_at or now
    if received_at > now + CLOCK_SKEW:
        raise ValidationError({"received_at": _("The inquiry cannot arrive in the future.")})
    cvr = normalise_cvr(cvr)
    unverified = False
    if company is None:
        company = selectors.company_for_cvr(cooperation, cvr)
        unverified = company is not None and actor is None
    if company is not None and not unverified:
        company_name, cvr = company.name, company.cvr
    routing = selectors.route(cooperation, company)
    if routing is None:
        raise ValidationError(
            _("The cooperation has no secretariat to receive inquiries from unknown companies."),
            code="no_secretariat",
        )
    inquiry = Inquiry(
        cooperation=cooperation,
        reference=_new_reference(),
        channel=channel,
        received_at=received_at,
        respond_by=add_working_hours(received_at, cooperation.inquiry_response_hours),
        company=company,
        company_unverified=unverified,
        company_name=company_name.strip(),
        cvr=cvr,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        contact_email=contact_email.strip(),
        subject=subject.strip(),
        message=message.strip(),
        routed_to=routing.job_centre,
        at_secretariat=routing.at_secretariat,
        registered_by=actor,
    )
    inquiry.full_clean()
    inquiry.save()
    _log(
        inquiry,
        action=Action.REGISTERED,
        actor=actor,
        from_status="",
        at=now,
        to_job_centre=routing.job_centre,
        to_secretariat=routing.at_secretariat,
    )
    # Taking it at once only makes sense where the registrant may answer it.
    if take and actor is not None and selectors.may_work(actor, inquiry):
        inquiry_take(actor=actor, inquiry=inquiry)
        inquiry.refresh_from_db()
    return inquiry


def web_inquiry_register(
    *,
    nonce: str,
    cooperation: Cooperation,
    company_name: str,
    cvr: str,
    contact_name: str,
    contact_phone: str,
    contact_email: str,
    message: str,
) -> tuple[Inquiry, bool]:
    """Register the web form's inquiry once per shown form: the form token's nonce is spent
    with the inquiry in one transaction, so a form sent again, even at the same moment,
    finds the first inquiry (False) rather than registering another."""
    spent = SpentFormToken.objects.filter(nonce=nonce).select_related("inquiry").first()
    if spent is not None:
        return spent.inquiry, False
    try:
        with transaction.atomic():
            inquiry = inquiry_register(
                actor=None,
                cooperation=cooperation,
                channel=Channel.WEB,
                company=None,
                company_name=company_name,
                cvr=cvr,
                contact_name=contact_name,
                contact_phone=contact_phone,
                contact_email=contact_email,
                subject="",
                message=message,
            )
            SpentFormToken.objects.create(nonce=nonce, inquiry=inquiry)
    except IntegrityError:
        # The same form sent in parallel: the other request spent the nonce first.
        spent = SpentFormToken.objects.filter(nonce=nonce).select_related("inquiry").first()
        if spent is None:
            raise
        return spent.inquiry, False
    # A nonce older than any token still accepted can never come back.
    too_old = timezone.now() - dt.timedelta(seconds=spam.MAX_SECONDS + CLOCK_SKEW.seconds)
    SpentFormToken.objects.filter(spent_at__lt=too_old).delete()
    return inquiry, True


def _locked(actor: User, inquiry: Inquiry, allowed_from: tuple[str, ...]) -> Inquiry:
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not selectors.may_work(actor, locked):
        raise PermissionDenied
    if locked.status not in allowed_from:
        raise ValidationError(
            _("The inquiry is %(status)s; that is no longer possible.")
            % {"status": locked.get_status_display()},
            code="illegal_transition",
        )
    return locked


@transaction.atomic
def inquiry_take(*, actor: User, inquiry: Inquiry, note: str = "") -> Inquiry:
    """Take the inquiry: the actor is now the one who answers it (also taking it over)."""
    locked = _locked(actor, inquiry, OPEN_STATUSES)
    if locked.status == InquiryStatus.IN_PROGRESS and locked.assigned_to_id == actor.pk:
        raise ValidationError(_("You have taken this inquiry already."), code="taken")
    from_status = locked.status
    locked.status = InquiryStatus.IN_PROGRESS
    locked.assigned_to = actor
    locked.save(update_fields=["status", "assigned_to"])
    _log(
        locked,
        action=Action.TAKEN,
        actor=actor,
        from_status=from_status,
        at=timezone.now(),
        note=_note(note),
    )
    return locked


@transaction.atomic
def inquiry_answer(
    *, actor: User, inquiry: Inquiry, note: str, responded_at: dt.datetime | None = None
) -> Inquiry:
    """Record the first response to the company: when it was given and what was said."""
    now = timezone.now()
    locked = _locked(actor, inquiry, OPEN_STATUSES)
    responded_at = responded_at or now
    if responded_at > now + CLOCK_SKEW:
        raise ValidationError({"responded_at": _("The response cannot be in the future.")})
    if responded_at < locked.received_at:
        raise ValidationError(
            {"responded_at": _("The response cannot be before the inquiry arrived.")}
        )
    text = _note(note, required=_("Write what the company was told."))
    from_status = locked.status
    locked.status = InquiryStatus.ANSWERED
    locked.first_response_at = responded_at
    locked.first_response_by = actor
    locked.assigned_to = locked.assigned_to or actor
    locked.save(update_fields=["status", "first_response_at", "first_response_by", "assigned_to"])
    _log(locked, action=Action.ANSWERED, actor=actor, from_status=from_status, at=now, note=text)
    return locked


def _secretariat(cooperation: Cooperation) -> selectors.Routing:
    routing = selectors.route(cooperation, None)
    if routing is None:
        raise ValidationError(
            _("The cooperation has no secretariat to receive inquiries from unknown companies."),
            code="no_secretariat",
        )
    return routing


@transaction.atomic
def inquiry_forward(
    *, actor: User, inquiry: Inquiry, to: selectors.ForwardTarget, note: str = ""
) -> Inquiry:
    """Send an open inquiry to another member job centre or back to the secretariat; it is
    new there, the deadline stays."""
    locked = _locked(actor, inquiry, OPEN_STATUSES)
    if isinstance(to, JobCentre):
        if to.cooperation_id != locked.cooperation_id:
            raise PermissionDenied
        # From the secretariat it may go to the job centre hosting it, as any other member.
        if to.pk == locked.routed_to_id and not locked.at_secretariat:
            raise ValidationError({"to": _("The inquiry is at this job centre already.")})
        target = selectors.Routing(to, at_secretariat=False)
    else:
        if locked.at_secretariat:
            raise ValidationError({"to": _("The inquiry is with the secretariat already.")})
        target = _secretariat(locked.cooperation)
    from_status, from_centre, from_secretariat = (
        locked.status,
        locked.routed_to,
        locked.at_secretariat,
    )
    locked.status = InquiryStatus.NEW
    locked.assigned_to = None
    locked.routed_to = target.job_centre
    locked.at_secretariat = target.at_secretariat
    locked.save(update_fields=["status", "assigned_to", "routed_to", "at_secretariat"])
    _log(
        locked,
        action=Action.FORWARDED,
        actor=actor,
        from_status=from_status,
        at=timezone.now(),
        note=_note(note),
        from_job_centre=from_centre,
        to_job_centre=target.job_centre,
        from_secretariat=from_secretariat,
        to_secretariat=target.at_secretariat,
    )
    return locked


@transaction.atomic
def inquiry_confirm_company(*, actor: User, inquiry: Inquiry) -> Inquiry:
    """Confirm that the company matched by the CVR number from the web form is the sender."""
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not selectors.may_work(actor, locked):
        raise PermissionDenied
    if not locked.company_unverified or locked.company_id is None:
        raise ValidationError(_("There is no company match to confirm."), code="nothing_to_confirm")
    locked.company_unverified = False
    locked.save(update_fields=["company_unverified"])
    _log(
        locked,
        action=Action.COMPANY_CONFIRMED,
        actor=actor,
        from_status=locked.status,
        at=timezone.now(),
    )
    return locked


@transaction.atomic
def inquiry_reject_company(*, actor: User, inquiry: Inquiry, note: str = "") -> Inquiry:
    """The company matched by the CVR number from the web form is not the sender: unlink it.

    An open inquiry goes to the secretariat, as one from an unknown company does, and is new
    there; an answered or closed one stays where it was handled, for the report.
    """
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not selectors.may_work(actor, locked):
        raise PermissionDenied
    if not locked.company_unverified or locked.company_id is None:
        raise ValidationError(_("There is no company match to reject."), code="nothing_to_reject")
    from_status, from_centre, from_secretariat = (
        locked.status,
        locked.routed_to,
        locked.at_secretariat,
    )
    locked.company = None
    locked.company_unverified = False
    fields = ["company", "company_unverified"]
    if locked.is_open and not locked.at_secretariat:
        locked.routed_to = _secretariat(locked.cooperation).job_centre
        locked.at_secretariat = True
        locked.status = InquiryStatus.NEW
        locked.assigned_to = None
        fields += ["routed_to", "at_secretariat", "status", "assigned_to"]
    locked.save(update_fields=fields)
    _log(
        locked,
        action=Action.COMPANY_REJECTED,
        actor=actor,
        from_status=from_status,
        at=timezone.now(),
        note=_note(note),
        from_job_centre=from_centre,
        to_job_centre=locked.routed_to,
        from_secretariat=from_secretariat,
        to_secretariat=locked.at_secretariat,
    )
    return locked


@transaction.atomic
def inquiry_close(*, actor: User, inquiry: Inquiry, note: str = "") -> Inquiry:
    """Close the inquiry; one closed without a recorded response says why."""
    locked = _locked(actor, inquiry, (*OPEN_STATUSES, InquiryStatus.ANSWERED))
    required = None
    if locked.first_response_at is None:
        required = _("Say why the inquiry is closed without a response.")
    text = _note(note, required=required)
    from_status = locked.status
    locked.status = InquiryStatus.CLOSED
    locked.save(update_fields=["status"])
    _log(
        locked,
        action=Action.CLOSED,
        actor=actor,
        from_status=from_status,
        at=timezone.now(),
        note=text,
    )
    return locked


@transaction.atomic
def response_targets_update(
    *,
    actor: User,
    cooperation: Cooperation,
    inquiry_response_hours: int,
    request_reminder_hours: int,
) -> Cooperation:
    """Set the cooperation's targets; new inquiries get the new deadline, old ones keep theirs."""
    if not sits_on_steering_group(actor, cooperation):
        raise PermissionDenied
    errors = {}
    for field, value, maximum, message in (
        (
            "inquiry_response_hours",
            inquiry_response_hours,
            INQUIRY_TARGET_HOURS_MAX,
            _("Give a number of working hours between 1 and %(max)s (ten working days)."),
        ),
        (
            "request_reminder_hours",
            request_reminder_hours,
            REQUEST_REMINDER_HOURS_MAX,
            _("Give a number of hours between 1 and %(max)s."),
        ),
    ):
        if not 1 <= value <= maximum:
            errors[field] = message % {"max": maximum}
    if errors:
        raise ValidationError(errors)
    locked = Cooperation.objects.select_for_update().get(pk=cooperation.pk)
    TargetChange.objects.create(
        cooperation=locked,
        by=actor,
        at=timezone.now(),
        inquiry_response_hours=inquiry_response_hours,
        request_reminder_hours=request_reminder_hours,
        previous_inquiry_response_hours=locked.inquiry_response_hours,
        previous_request_reminder_hours=locked.request_reminder_hours,
    )
    locked.inquiry_response_hours = inquiry_response_hours
    locked.request_reminder_hours = request_reminder_hours
    locked.save(update_fields=["inquiry_response_hours", "request_reminder_hours"])
    return locked


def _recipients(inquiry: Inquiry) -> list[User]:
    """Who must act: the one who took it; else the routed job centre's consultants, or the
    cooperation's secretariat when the inquiry sits with the secretariat."""
    if inquiry.assigned_to is not None:
        return [inquiry.assigned_to]
    if inquiry.at_secretariat:
        memberships = Membership.objects.filter(
            role=Role.SECRETARIAT, job_centre__cooperation=inquiry.cooperation_id
        )
    else:
        memberships = Membership.objects.filter(
            role=Role.BUSINESS_CONSULTANT, job_centre=inquiry.routed_to_id
        )
    return list(
        User.objects.filter(pk__in=memberships.values("user"), is_active=True).order_by("pk")
    )


@transaction.atomic
def notify_overdue_inquiries(*, now: dt.datetime | None = None) -> int:
    """Mail those who must act on each open inquiry past its deadline; once per user and
    inquiry (the notification key). Returns the number of mails enqueued."""
    now = now or timezone.now()
    overdue = (
        Inquiry.objects.filter(selectors.overdue(now))
        .select_related("cooperation", "routed_to", "assigned_to")
        .order_by("respond_by", "pk")
    )
    sent = 0
    for inquiry in overdue:
        sent += notify(
            kind=NotificationKind.OVERDUE_INQUIRY,
            users=_recipients(inquiry),
            template="intake/mail/overdue",
            context={
                "reference": inquiry.reference,
                "company": inquiry.company_name,
                "centre": inquiry.routed_to.name,
                "at_secretariat": inquiry.at_secretariat,
                "hours_overdue": int((now - inquiry.respond_by).total_seconds() // 3600),
            },
            link=reverse("intake:detail", args=[inquiry.pk]),
            key=f"inquiry:{inquiry.pk}:overdue",
        )
    return sent


def retention_days() -> int:
    return int(getattr(settings, "JOBBRO_INQUIRY_RETENTION_DAYS", 365))


@transaction.atomic
def anonymise_old_inquiries(
    *, older_than_days: int | None = None, now: dt.datetime | None = None
) -> int:
    """Blank the caller's name, phone, e-mail, the subject, the message and the notes of
    inquiries without activity for more than `older_than_days`: counted from the closing,
    else the first response, else the arrival, so answered-but-never-closed and abandoned
    inquiries go too. Only those someone is working on (in progress) wait. The name and CVR
    number as given go too when no company is linked: a sole trader is a person. The linked
    company, channel, times, routing and log steps stay for the statistics. Returns the
    number anonymised."""
    days = retention_days() if older_than_days is None else older_than_days
    if days < 0:
        raise ValueError("older_than_days must not be negative")
    now = now or timezone.now()
    closed_at = (
        InquiryTransition.objects.filter(inquiry=OuterRef("pk"), action=Action.CLOSED)
        .order_by("-at")
        .values("at")[:1]
    )
    due = (
        Inquiry.objects.filter(anonymised_at__isnull=True)
        .exclude(status=InquiryStatus.IN_PROGRESS)
        .annotate(
            last_activity=Coalesce(Subquery(closed_at), F("first_response_at"), F("received_at"))
        )
        .filter(last_activity__lt=now - dt.timedelta(days=days))
    )
    pks = list(due.values_list("pk", flat=True))
    InquiryTransition.objects.filter(inquiry__in=pks).update(note="")
    Inquiry.objects.filter(pk__in=pks, company__isnull=True).update(company_name="", cvr="")
    return Inquiry.objects.filter(pk__in=pks).update(
        contact_name="",
        contact_phone="",
        contact_email="",
        subject="",
        message="",
        anonymised_at=now,
    )
