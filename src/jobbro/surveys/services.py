"""Sending the quarterly survey round and recording a company's answer."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.notifications.models import NotificationKind
from jobbro.notifications.services import mail_address
from jobbro.organisations.models import Cooperation, User

from . import mail
from .models import SCALE_MAX, SCALE_MIN, SurveyInvitation, SurveyResponse, SurveyRound
from .quarters import Quarter
from .selectors import Recipient, Shown, recipients, shown

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
    *, survey_round: SurveyRound, recipient: Recipient, actor: User | None, now: dt.datetime
) -> SurveyInvitation:
    invitation = SurveyInvitation.objects.create(
        survey_round=survey_round,
        company=recipient.company,
        email=recipient.email,
        job_centre=recipient.job_centre,
        consultant=recipient.company.contact_consultant,
        token=secrets.token_urlsafe(32),
        sent_at=now,
        sent_by=actor,
    )
    mail_address(
        kind=NotificationKind.SURVEY,
        to=invitation.email,
        template=mail.TEMPLATE,
        context=mail.invitation_context(
            company=recipient.company.name,
            cooperation=survey_round.cooperation,
            quarter=Quarter(survey_round.year, survey_round.quarter),
        ),
        link=reverse("surveys:answer", args=[invitation.token]),
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
