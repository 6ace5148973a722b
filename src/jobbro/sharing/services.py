"""Asking another job centre for a candidate's CV, and recording the candidate's answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.candidates.selectors import can_edit_candidate
from jobbro.candidates.services import candidate_update
from jobbro.joborders.models import JobOrder
from jobbro.matching.selectors import visibility_for
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import notify
from jobbro.organisations.models import User

from .models import SharingRequest, SharingStatus
from .selectors import answerers_of, may_see, requesting_centre

NOTE_MAX_LENGTH = 1000


def _mail_context(request: SharingRequest) -> dict[str, str | bool]:
    """What a mail may say: job centres and the job order, never the candidate's name."""
    job_order = request.job_order
    return {
        "asking_centre": request.requesting_job_centre.name,
        # The mail says "the secretariat" then, in the reader's language.
        "by_secretariat": request.by_secretariat,
        "owning_centre": request.candidate.job_centre.name,
        "title": job_order.title if job_order else "",
        "company": job_order.company.name if job_order else "",
    }


@transaction.atomic
def sharing_request_create(
    *, actor: User, candidate: Candidate, job_order: JobOrder | None = None, note: str = ""
) -> SharingRequest:
    """Ask the candidate's own job centre to ask the candidate for consent to share.

    The actor asks for their job centre, or as the secretariat (`requesting_centre`); the
    answer goes back to the actor, whoever that is."""
    asker = requesting_centre(actor, candidate)
    if asker is None:
        raise PermissionDenied
    centre = asker.job_centre
    if job_order is not None and job_order.company.cooperation_id != centre.cooperation_id:
        raise PermissionDenied
    if candidate.status != CandidateStatus.ACTIVE:
        raise ValidationError(_("The candidate is no longer searchable."), code="inactive")
    if may_see(visibility_for(actor), candidate):
        raise ValidationError(_("You can already see this candidate's CV."), code="visible")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note within %(max)s characters.") % {"max": NOTE_MAX_LENGTH}}
        )
    request = SharingRequest(
        candidate=candidate,
        job_order=job_order,
        requested_by=actor,
        requesting_job_centre=centre,
        by_secretariat=asker.by_secretariat,
        created_at=timezone.now(),
        note=note.strip(),
    )
    request.full_clean()
    try:
        # A savepoint, so a request sent at the same moment by a colleague is a message,
        # not a broken transaction.
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        raise ValidationError(
            _("A request for this candidate is already waiting."), code="duplicate"
        ) from error
    notify(
        kind=NotificationKind.NEW_REQUEST,
        users=answerers_of(candidate),
        template="sharing/mail/cv_request_new",
        context=_mail_context(request),
        link=reverse("sharing:requests"),
        key=f"cv-request:{request.pk}:new",
    )
    return request


@transaction.atomic
def sharing_request_answer(
    *, actor: User, request: SharingRequest, shared: bool, note: str = ""
) -> SharingRequest:
    """Record the candidate's answer; "shared" records consent to sharing from today.

    Only a candidate editor of the candidate's own job centre answers. Sharing answers every
    open request for the candidate too: the CV is now visible to the whole cooperation.
    """
    request = (
        SharingRequest.objects.select_for_update().select_related("candidate").get(pk=request.pk)
    )
    candidate = Candidate.objects.select_for_update().get(pk=request.candidate_id)
    if not can_edit_candidate(actor, candidate):
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("This request is answered already."), code="answered")
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep the note within %(max)s characters.") % {"max": NOTE_MAX_LENGTH}}
        )
    now = timezone.now()
    others: list[SharingRequest] = []
    if shared:
        if candidate.consent_scope != ConsentScope.COOPERATION:
            candidate_update(
                actor=actor,
                candidate=candidate,
                email=candidate.email,
                phone=candidate.phone,
                street=candidate.street,
                postcode=candidate.postcode,
                municipality=candidate.municipality,
                available_from=candidate.available_from,
                status=candidate.status,
                consent_scope=ConsentScope.COOPERATION,
                consent_given_on=timezone.localdate(),
            )
        others = list(
            SharingRequest.objects.filter(candidate=candidate, status=SharingStatus.REQUESTED)
            .exclude(pk=request.pk)
            .select_related("requested_by", "requesting_job_centre", "job_order__company")
        )
        SharingRequest.objects.filter(pk__in=[o.pk for o in others]).update(
            status=SharingStatus.SHARED, answered_by=actor, answered_at=now
        )
    request.status = SharingStatus.SHARED if shared else SharingStatus.DECLINED
    request.answered_by = actor
    request.answered_at = now
    if note.strip():
        request.note = "\n".join(part for part in (request.note, note.strip()) if part)
    request.full_clean()
    request.save()
    _tell_askers(request, [request, *others] if shared else [request])
    return request


def _tell_askers(answered: SharingRequest, requests: list[SharingRequest]) -> None:
    """Each asker hears the answer; a shared CV links to the job order's ranked list."""
    for request in requests:
        link = (
            reverse("sharing:ranked", args=[request.job_order_id])
            if request.job_order_id and answered.status == SharingStatus.SHARED
            else reverse("sharing:requests")
        )
        notify(
            kind=NotificationKind.REQUEST_ANSWER,
            users=[request.requested_by],
            template="sharing/mail/cv_request_answer",
            context={**_mail_context(request), "shared": answered.status == SharingStatus.SHARED},
            link=link,
            key=f"cv-request:{request.pk}:answer",
        )
