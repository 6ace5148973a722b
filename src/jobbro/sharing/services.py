"""Asking another job centre for a candidate's CV, and recording the candidate's answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.candidates.selectors import can_edit_candidate
from jobbro.candidates.services import candidate_update
from jobbro.joborders.models import JobOrder
from jobbro.matching.selectors import visibility_for
from jobbro.organisations.models import User

from .models import SharingRequest, SharingStatus
from .selectors import may_see, requesting_centre

NOTE_MAX_LENGTH = 1000


@transaction.atomic
def sharing_request_create(
    *, actor: User, candidate: Candidate, job_order: JobOrder | None = None, note: str = ""
) -> SharingRequest:
    """Ask the candidate's own job centre to ask the candidate for consent to share."""
    centre = requesting_centre(actor, candidate)
    if centre is None:
        raise PermissionDenied
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
        others = SharingRequest.objects.filter(
            candidate=candidate, status=SharingStatus.REQUESTED
        ).exclude(pk=request.pk)
        others.update(status=SharingStatus.SHARED, answered_by=actor, answered_at=now)
    request.status = SharingStatus.SHARED if shared else SharingStatus.DECLINED
    request.answered_by = actor
    request.answered_at = now
    if note.strip():
        request.note = "\n".join(part for part in (request.note, note.strip()) if part)
    request.full_clean()
    request.save()
    return request
