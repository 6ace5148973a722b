"""Requests between job centres (forespørgsler): send, answer with candidates or "none",
close, and remind the job centres that have not answered.

Mails name the job order and the job centres, never a candidate: they link to the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.joborders.models import JobOrder, JobOrderStatus, Referral
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import notify
from jobbro.organisations.models import JobCentre, User
from jobbro.organisations.selectors import has_role_at

from .models import (
    CandidateRequest,
    RecipientStatus,
    RequestOffer,
    RequestRecipient,
)
from .selectors import (
    CENTRE_REFERRERS,
    askable_centres,
    is_sender,
    sender_for,
    staff_of,
)

MESSAGE_MAX_LENGTH = 2000


def _link(request: CandidateRequest) -> str:
    return reverse("candidate_requests:detail", args=[request.pk])


def _mail_context(request: CandidateRequest) -> dict[str, str | bool]:
    job_order = request.job_order
    return {
        "title": job_order.title,
        "company": job_order.company.name,
        "centre": request.job_centre.name,
        # The mail says "the secretariat" then, in the reader's language.
        "by_secretariat": request.by_secretariat,
        "deadline": job_order.deadline.isoformat(),
    }


def _check_text(text: str, *, field: str, required: bool) -> str:
    text = text.strip()
    if required and not text:
        raise ValidationError({field: _("Write a message to the job centres.")}, code="required")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {field: _("Keep it within %(max)s characters.") % {"max": MESSAGE_MAX_LENGTH}},
            code="max_length",
        )
    return text


@transaction.atomic
def request_send(
    *,
    actor: User,
    job_order: JobOrder,
    message: str,
    job_centres: Sequence[JobCentre] = (),
) -> CandidateRequest:
    """Ask the chosen member job centres (none chosen: all the others) for candidates.

    The job order's responsible job centre asks, through one of its consultants; for an
    order the secretariat runs, the secretariat may ask (`by_secretariat`, its host centre
    on the record), every member job centre, the host too. The answers go to the sender.
    """
    sender = sender_for(actor, job_order)
    if sender is None:
        raise PermissionDenied
    if job_order.status != JobOrderStatus.OPEN:
        raise ValidationError(_("The job order is not open."), code="not_open")
    text = _check_text(message, field="message", required=True)
    members = askable_centres(sender)
    chosen = list(members.filter(pk__in=[c.pk for c in job_centres])) if job_centres else []
    if job_centres and len(chosen) != len({c.pk for c in job_centres}):
        raise ValidationError(
            {"job_centres": _("Choose among the other job centres of the cooperation.")},
            code="foreign_centre",
        )
    recipients = chosen or list(members)
    if not recipients:
        raise ValidationError(_("The cooperation has no other job centre to ask."), code="alone")
    request = CandidateRequest(
        job_order=job_order,
        job_centre=sender.job_centre,
        by_secretariat=sender.by_secretariat,
        sent_by=actor,
        sent_at=timezone.now(),
        message=text,
    )
    try:
        # A savepoint: a colleague's request sent at the same moment is a message, not a crash.
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        raise ValidationError(
            _("The job order has an open request already; close it before sending a new one."),
            code="duplicate",
        ) from error
    RequestRecipient.objects.bulk_create(
        RequestRecipient(request=request, job_centre=centre) for centre in recipients
    )
    notify(
        kind=NotificationKind.NEW_REQUEST,
        users=staff_of(recipients),
        template="candidate_requests/mail/request_new",
        context=_mail_context(request),
        link=_link(request),
        key=f"request:{request.pk}:new",
    )
    return request


@transaction.atomic
def request_answer(
    *,
    actor: User,
    recipient: RequestRecipient,
    candidates: Sequence[Candidate] = (),
    note: str = "",
) -> RequestRecipient:
    """Answer for one's job centre: offer candidates, or (none given) answer "none".

    A job centre may offer more candidates later while the request is open.
    """
    locked = (
        RequestRecipient.objects.select_for_update()
        .select_related("request__job_order__company", "request__job_centre", "job_centre")
        .get(pk=recipient.pk)
    )
    request = locked.request
    if not has_role_at(actor, locked.job_centre, CENTRE_REFERRERS):
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("The request is closed."), code="closed")
    if request.job_order.status != JobOrderStatus.OPEN:
        raise ValidationError(
            _("The job order is %(status)s: it takes no more candidates.")
            % {"status": request.job_order.get_status_display()},
            code="job_order_not_open",
        )
    note = _check_text(note, field="note", required=False)
    now = timezone.now()
    if candidates:
        _offer(locked, candidates, actor=actor, at=now)
        locked.status = RecipientStatus.CANDIDATES
    elif locked.status == RecipientStatus.CANDIDATES:
        raise ValidationError(
            _("Your job centre has offered candidates already."),
            code="offered",
        )
    elif locked.status == RecipientStatus.NONE:
        raise ValidationError(_("Your job centre has answered already."), code="answered")
    else:
        locked.status = RecipientStatus.NONE
    locked.answered_by = actor
    locked.answered_at = now
    if note:
        locked.note = "\n".join(part for part in (locked.note, note) if part)
    locked.full_clean()
    locked.save()
    offered = locked.offers.count()
    notify(
        kind=NotificationKind.REQUEST_ANSWER,
        users=[request.sent_by],
        template="candidate_requests/mail/request_answer",
        context={
            **_mail_context(request),
            "answering_centre": locked.job_centre.name,
            "offered": offered,
        },
        link=_link(request),
        key=f"request:{request.pk}:{locked.job_centre_id}:answer:{offered}",
    )
    recipient.status = locked.status
    return locked


def _offer(
    recipient: RequestRecipient, candidates: Sequence[Candidate], *, actor: User, at: dt.datetime
) -> None:
    request = recipient.request
    ids = {c.pk for c in candidates}
    own = Candidate.objects.filter(
        pk__in=ids, job_centre=recipient.job_centre, status=CandidateStatus.ACTIVE
    )
    if own.count() != len(ids):
        raise ValidationError(
            _("Offer only your own job centre's candidates who are looking for work."),
            code="not_own",
        )
    if Referral.objects.filter(job_order_id=request.job_order_id, candidate_id__in=ids).exists():
        raise ValidationError(
            _("A candidate you chose is proposed for the job order already."), code="proposed"
        )
    try:
        # The unique constraint decides, also when two colleagues answer at once.
        with transaction.atomic():
            RequestOffer.objects.bulk_create(
                RequestOffer(
                    request=request,
                    recipient=recipient,
                    candidate_id=pk,
                    offered_by=actor,
                    offered_at=at,
                )
                for pk in sorted(ids)
            )
    except IntegrityError as error:
        raise ValidationError(
            _("A candidate you chose is offered already."), code="duplicate"
        ) from error


@transaction.atomic
def request_close(*, actor: User, request: CandidateRequest) -> CandidateRequest:
    """The asking job centre (or the secretariat) closes the request: no more answers or
    reminders."""
    locked = (
        CandidateRequest.objects.select_for_update().select_related("job_centre").get(pk=request.pk)
    )
    if not is_sender(actor, locked):
        raise PermissionDenied
    if not locked.is_open:
        raise ValidationError(_("The request is closed already."), code="closed")
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    locked.save(update_fields=["closed_at", "closed_by"])
    request.closed_at, request.closed_by = locked.closed_at, actor
    return locked


@transaction.atomic
def remind_unanswered_requests(*, now: dt.datetime | None = None) -> int:
    """Remind the job centres that have not answered an open request within the
    cooperation's `request_reminder_hours`, once each; returns how many were reminded.

    Run it periodically (cron); the mail key makes a repeated run harmless.
    """
    now = now or timezone.now()
    waiting = (
        RequestRecipient.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            status=RecipientStatus.AWAITING,
            reminded_at__isnull=True,
            request__closed_at__isnull=True,
            # A filled, closed or cancelled job order needs no more answers.
            request__job_order__status=JobOrderStatus.OPEN,
        )
        .select_related("request__job_centre__cooperation", "request__job_order__company")
        .order_by("pk")
    )
    reminded = []
    for recipient in waiting:
        request = recipient.request
        hours = request.job_centre.cooperation.request_reminder_hours
        if request.sent_at + dt.timedelta(hours=hours) > now:
            continue
        notify(
            kind=NotificationKind.NEW_REQUEST,
            users=staff_of([recipient.job_centre_id]),
            template="candidate_requests/mail/request_reminder",
            context=_mail_context(request),
            link=_link(request),
            key=f"request:{request.pk}:{recipient.job_centre_id}:reminder",
        )
        recipient.reminded_at = now
        reminded.append(recipient)
    RequestRecipient.objects.bulk_update(reminded, ["reminded_at"])
    return len(reminded)
