"""Writes of recruitment events: the event, its companies and candidates, the outcome."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate
from jobbro.candidates.models import CandidateStatus as PersonStatus
from jobbro.companies.models import Company
from jobbro.companies.selectors import mail_address_of
from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import mail_address
from jobbro.organisations.models import JobCentre, User
from jobbro.updates import model_update

from . import mail
from .models import (
    RECRUITING_FOR_MAX_LENGTH,
    CandidateStatus,
    CompanyStatus,
    Event,
    EventCandidate,
    EventCompany,
)
from .selectors import may_edit_events, own_candidate_centres


def _save(instance: Model, duplicate: str) -> None:
    """Validate (the constraints' own messages) and save; a race on a unique key is a
    message too, not a broken transaction."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(duplicate, code="duplicate") from error


def _check_event_fields(event: Event, actor: User) -> None:
    if not may_edit_events(actor, event.cooperation):
        raise PermissionDenied
    if event.job_centre.cooperation_id != event.cooperation_id:
        raise ValidationError({"job_centre": _("Choose a job centre of the cooperation.")})


@transaction.atomic
def event_create(
    *,
    actor: User,
    job_centre: JobCentre,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str,
    description: str = "",
) -> Event:
    now = timezone.now()
    event = Event(
        cooperation=job_centre.cooperation,
        job_centre=job_centre,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        description=description.strip(),
        created_by=actor,
        created_at=now,
        updated_by=actor,
        updated_at=now,
    )
    _check_event_fields(event, actor)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_update(
    *,
    actor: User,
    event: Event,
    job_centre: JobCentre,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str,
    description: str = "",
) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    data = {
        "job_centre": job_centre,
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": location,
        "description": description,
    }

    def settle(edited: Event) -> None:
        edited.updated_by = actor
        edited.updated_at = timezone.now()
        _check_event_fields(edited, actor)

    model_update(instance=event, fields=data.keys(), data=data, before_save=settle)
    return event


@transaction.atomic
def event_company_add(*, actor: User, event: Event, company: Company) -> EventCompany:
    if not may_edit_events(actor, event.cooperation):
        raise PermissionDenied
    if company.cooperation_id != event.cooperation_id:
        raise ValidationError(_("The company is not one of the cooperation's."), code="foreign")
    now = timezone.now()
    entry = EventCompany(
        event=event,
        company=company,
        token=secrets.token_urlsafe(32),
        email=mail_address_of(company),
        invited_by=actor,
        invited_at=now,
        changed_by=actor,
        changed_at=now,
    )
    _save(entry, _("The company is on the event already."))
    if entry.email:
        _mail_invitation(entry)
    return entry


def _mail_invitation(entry: EventCompany) -> None:
    """The contact person's mail with the personal link; it leaves with the transaction."""
    mail_address(
        kind=NotificationKind.EVENT_INVITATION,
        to=entry.email,
        template=mail.TEMPLATE,
        context=mail.invitation_context(entry.event, entry.company.name),
        link=reverse("events:company_answer", args=[entry.token]),
        language=mail.COMPANY_LANGUAGE,
        key=f"event-invitation:{entry.pk}",
    )


@transaction.atomic
def event_company_update(
    *, actor: User, entry: EventCompany, status: CompanyStatus | str, interviews: int, hires: int
) -> EventCompany:
    """A status change and the outcome; interviews and hires only for those who attended."""
    entry = EventCompany.objects.select_for_update().select_related("event").get(pk=entry.pk)
    if not may_edit_events(actor, entry.event.cooperation):
        raise PermissionDenied
    # The company's own answer (coming, participants, recruiting_for) stays as it gave it.
    entry.status = status
    entry.interviews = interviews
    entry.hires = hires
    entry.changed_by = actor
    entry.changed_at = timezone.now()
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def event_company_answer(
    *, entry: EventCompany, coming: bool, participants: int | None = None, recruiting_for: str = ""
) -> EventCompany:
    """The company's own answer by its personal link: it comes (how many, recruiting for
    what) or it cannot. It may change the answer until the event starts, and not once the
    job centre has recorded that it attended."""
    entry = EventCompany.objects.select_for_update().select_related("event").get(pk=entry.pk)
    if entry.event.has_started:
        raise ValidationError(
            _("The event has started, so the answer can no longer be changed."), code="started"
        )
    if entry.status == CompanyStatus.ATTENDED:
        raise ValidationError(
            _(
                "The job centre has recorded that your company attended. "
                "Contact the job centre if something has changed."
            ),
            code="attended",
        )
    recruiting_for = recruiting_for.strip()
    if len(recruiting_for) > RECRUITING_FOR_MAX_LENGTH:
        raise ValidationError(
            {
                "recruiting_for": _("Keep it within %(max)s characters.")
                % {"max": RECRUITING_FOR_MAX_LENGTH}
            }
        )
    now = timezone.now()
    entry.coming = coming
    entry.status = CompanyStatus.REGISTERED if coming else CompanyStatus.DECLINED
    entry.participants = participants if coming else None
    entry.recruiting_for = recruiting_for if coming else ""
    entry.answered_at = now
    entry.changed_by = None  # the company itself
    entry.changed_at = now
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def event_candidate_add(*, actor: User, event: Event, candidate: Candidate) -> EventCandidate:
    """Invite one of the actor's own job centre's candidates who is looking for work."""
    centres = own_candidate_centres(actor, event.cooperation)
    if not centres.filter(pk=candidate.job_centre_id).exists():
        raise PermissionDenied
    if candidate.status != PersonStatus.ACTIVE or candidate.anonymised_at is not None:
        raise ValidationError(_("The candidate is not looking for work now."), code="inactive")
    now = timezone.now()
    entry = EventCandidate(
        event=event,
        candidate=candidate,
        job_centre_id=candidate.job_centre_id,
        invited_by=actor,
        invited_at=now,
        changed_by=actor,
        changed_at=now,
    )
    _save(entry, _("The candidate is on the event already."))
    return entry


@transaction.atomic
def event_candidate_update(
    *,
    actor: User,
    entry: EventCandidate,
    status: CandidateStatus | str,
    interviewed: bool,
    hired: bool,
) -> EventCandidate:
    """The candidate's own job centre records the status and outcome, as it invites them."""
    entry = (
        EventCandidate.objects.select_for_update()
        .select_related("event", "candidate")
        .get(pk=entry.pk)
    )
    centres = own_candidate_centres(actor, entry.event.cooperation)
    if not centres.filter(pk=entry.candidate.job_centre_id).exists():
        raise PermissionDenied
    entry.status = status
    entry.interviewed = interviewed
    entry.hired = hired
    entry.changed_by = actor
    entry.changed_at = timezone.now()
    entry.full_clean()
    entry.save()
    return entry
