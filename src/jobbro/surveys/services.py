"""Sending the quarterly survey round and the half-yearly job barometer, and recording a
company's answer to either. Both invite by the same personal link (`_invite`)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import mail_address
from jobbro.organisations.models import Cooperation, JobCentre, User
from jobbro.taxonomy.models import Occupation

from . import mail
from .models import (
    SCALE_MAX,
    SCALE_MIN,
    BarometerAnswer,
    BarometerLine,
    BarometerRound,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
from .quarters import Quarter
from .selectors import Recipient, Shown, barometer_recipients, half_of, recipients, shown

COMMENT_MAX_LENGTH = 2000


def _round_for(*, cooperation: Cooperation, quarter: Quarter, actor: User | None) -> SurveyRound:
    """This quarter's round, locked so two senders at once invite each company once."""
    try:
        with transaction.atomic():
            survey_round, _created = SurveyRound.objects.get_or_create(
                cooperation=cooperation,
                year=quarter.year,
                quarter=quarter.number,
                defaults={"created_by": actor, "created_at": timezone.now()},
            )
    except IntegrityError:
        # Another sender opened the round a moment ago; use theirs.
        survey_round = SurveyRound.objects.get(
            cooperation=cooperation, year=quarter.year, quarter=quarter.number
        )
    return SurveyRound.objects.select_for_update().get(pk=survey_round.pk)


def _invite(
    *,
    survey_round: SurveyRound | None = None,
    barometer_round: BarometerRound | None = None,
    recipient: Recipient,
    actor: User | None,
    now: dt.datetime,
) -> SurveyInvitation:
    """The personal invitation of either kind of round, and its mail with the one-time link."""
    invitation = SurveyInvitation.objects.create(
        survey_round=survey_round,
        barometer_round=barometer_round,
        company=recipient.company,
        email=recipient.email,
        job_centre=recipient.job_centre,
        consultant=recipient.company.contact_consultant,
        token=secrets.token_urlsafe(32),
        sent_at=now,
        sent_by=actor,
    )
    if barometer_round is not None:
        template = mail.BAROMETER_TEMPLATE
        context = mail.barometer_context(
            company=recipient.company.name, barometer_round=barometer_round
        )
        link = reverse("surveys:barometer_answer", args=[invitation.token])
    else:
        assert survey_round is not None
        template = mail.TEMPLATE
        context = mail.invitation_context(
            company=recipient.company.name,
            cooperation=survey_round.cooperation,
            quarter=Quarter(survey_round.year, survey_round.quarter),
        )
        link = reverse("surveys:answer", args=[invitation.token])
    mail_address(
        kind=NotificationKind.SURVEY,
        to=invitation.email,
        template=template,
        context=context,
        link=link,
        language=mail.COMPANY_LANGUAGE,
        key=f"survey-invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def send_quarterly_surveys(
    *,
    cooperation: Cooperation,
    today: dt.date | None = None,
    actor: User | None = None,
    confirmed: Shown | None = None,
) -> int:
    """Invite every company with recent contact that this quarter's round has not invited.

    Idempotent within a quarter: a second call invites only companies that have become
    eligible since. Returns the number of invitations sent now. The mails leave with the
    transaction (the task backend enqueues them in it).

    `confirmed` is what a person saw and confirmed (companies and addresses); when the list
    is different now (a colleague sent meanwhile, a contact changed, a company had contact),
    nothing is sent: no company gets a mail its sender did not see.
    """
    today = today or timezone.localdate()
    survey_round = _round_for(cooperation=cooperation, quarter=Quarter.of(today), actor=actor)
    ready = recipients(cooperation=cooperation, today=today, exclude_round=survey_round).ready
    if confirmed is not None and shown(ready) != confirmed:
        raise ValidationError(
            _("The list of companies has changed since you looked at it. Nothing is sent."),
            code="changed",
        )
    now = timezone.now()
    for recipient in ready:
        _invite(survey_round=survey_round, recipient=recipient, actor=actor, now=now)
    return len(ready)


@transaction.atomic
def survey_answer(
    *,
    invitation: SurveyInvitation,
    response_time: int,
    communication: int,
    guidance: int,
    understanding: int,
    overall: int,
    comment: str = "",
) -> SurveyResponse:
    """Record the company's one answer to its invitation."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_answered:
        raise ValidationError(_("This survey is answered already."), code="answered")
    scores = {
        "response_time": response_time,
        "communication": communication,
        "guidance": guidance,
        "understanding": understanding,
        "overall": overall,
    }
    if any(not SCALE_MIN <= score <= SCALE_MAX for score in scores.values()):
        raise ValidationError(_("Answer on the scale from 1 to 5."), code="scale")
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Keep the comment within %(max)s characters.")
                % {"max": COMMENT_MAX_LENGTH}
            }
        )
    now = timezone.now()
    response = SurveyResponse.objects.create(
        invitation=invitation, comment=comment, created_at=now, **scores
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    return response


# --- the job barometer ------------------------------------------------------------------


def _barometer_round_for(
    *, cooperation: Cooperation, year: int, half: int, actor: User | None
) -> BarometerRound:
    """The half-year's round, locked so two senders at once invite each company once."""
    try:
        with transaction.atomic():
            barometer_round, _created = BarometerRound.objects.get_or_create(
                cooperation=cooperation,
                year=year,
                half=half,
                defaults={"created_by": actor, "created_at": timezone.now()},
            )
    except IntegrityError:
        barometer_round = BarometerRound.objects.get(cooperation=cooperation, year=year, half=half)
    return BarometerRound.objects.select_for_update().get(pk=barometer_round.pk)


@transaction.atomic
def send_barometer(
    *,
    cooperation: Cooperation,
    job_centres: Iterable[JobCentre] = (),
    today: dt.date | None = None,
    actor: User | None = None,
    confirmed: Shown | None = None,
) -> int:
    """Start this half-year's job barometer (or continue it) and invite the cooperation's
    companies not invited yet, or only those of `job_centres`; returns the number invited.

    As the satisfaction survey: nothing is sent when the list differs from what the sender
    confirmed (`confirmed`)."""
    year, half = half_of(today or timezone.localdate())
    barometer_round = _barometer_round_for(
        cooperation=cooperation, year=year, half=half, actor=actor
    )
    ready = barometer_recipients(
        cooperation=cooperation, job_centres=job_centres, exclude_round=barometer_round
    ).ready
    if confirmed is not None and shown(ready) != confirmed:
        raise ValidationError(
            _("The list of companies has changed since you looked at it. Nothing is sent."),
            code="changed",
        )
    now = timezone.now()
    for recipient in ready:
        _invite(barometer_round=barometer_round, recipient=recipient, actor=actor, now=now)
    return len(ready)


@dataclass(frozen=True)
class Outlook:
    """One occupation of a barometer answer."""

    occupation: Occupation
    hires_3m: int
    hires_6m: int
    hires_12m: int
    hard_to_fill: bool = False


@transaction.atomic
def barometer_answer(
    *,
    invitation: SurveyInvitation,
    small_jobs: int,
    apprentices: int,
    outlooks: list[Outlook],
) -> BarometerAnswer:
    """Record the company's one barometer answer: all of it or, refused, nothing."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.barometer_round_id is None:
        raise ValidationError(_("This link is not a job barometer."), code="kind")
    if invitation.is_answered:
        raise ValidationError(_("This survey is answered already."), code="answered")
    numbers = [small_jobs, apprentices] + [
        n for o in outlooks for n in (o.hires_3m, o.hires_6m, o.hires_12m)
    ]
    if any(n < 0 for n in numbers):
        raise ValidationError(_("Numbers cannot be negative."), code="negative")
    if any(not o.hires_3m <= o.hires_6m <= o.hires_12m for o in outlooks):
        # The horizons all count from the day of the answer: a longer one holds the shorter.
        raise ValidationError(
            _(
                "The hires within 6 months include those within 3 months, and those within "
                "12 months those within 6 months: no number can be less than the one before it."
            ),
            code="horizons",
        )
    occupations = [o.occupation.pk for o in outlooks]
    if len(set(occupations)) != len(occupations):
        raise ValidationError(_("Name each occupation once."), code="duplicate")
    now = timezone.now()
    answer = BarometerAnswer.objects.create(
        invitation=invitation, small_jobs=small_jobs, apprentices=apprentices, created_at=now
    )
    BarometerLine.objects.bulk_create(
        BarometerLine(
            answer=answer,
            occupation=o.occupation,
            hires_3m=o.hires_3m,
            hires_6m=o.hires_6m,
            hires_12m=o.hires_12m,
            hard_to_fill=o.hard_to_fill,
        )
        for o in outlooks
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    return answer
