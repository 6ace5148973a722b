"""Writes of the privacy app: anonymisation, erasure on request."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope, Cv
from jobbro.case_imports.models import PendingTitleLink
from jobbro.joborders.models import FollowUp, Referral, ReferralTransition
from jobbro.organisations.models import User

from .models import ErasureRecord

ANONYMISED_NAME = "Anonymiseret"


def erasure_blockers(candidate: Candidate) -> list[str]:
    """Why the candidate cannot be erased now; empty when it can."""
    blockers = []
    open_follow_ups = FollowUp.objects.filter(
        placement__referral__candidate=candidate, done_at__isnull=True
    )
    if open_follow_ups.exists():
        blockers.append(
            _(
                "The candidate was hired and follow-ups are still open. Record or close the "
                "follow-ups first; until then the job centre needs the data for the hire."
            )
        )
    return blockers


def _anonymise(candidate: Candidate, *, now: dt.datetime) -> None:
    """Strip everything that identifies the person; keep the rows the statistics count.

    Referrals, placements and follow-ups stay linked to the anonymised candidate, so job
    orders' hires and the KPIs keep their numbers. Free texts about the person go.
    """
    candidate.first_name = ANONYMISED_NAME
    candidate.last_name = ANONYMISED_NAME
    candidate.cpr = None
    candidate.case_id = ""
    candidate.email = ""
    candidate.phone = ""
    candidate.street = ""
    candidate.postcode = ""
    # The year alone keeps the age groups of the reports (youth, seniors).
    candidate.birth_date = dt.date(candidate.birth_date.year, 1, 1)
    candidate.unemployment_fund = None
    candidate.consent_scope = ConsentScope.NONE
    candidate.consent_given_on = None
    candidate.consent_recorded_by = None
    candidate.status = CandidateStatus.INACTIVE
    candidate.anonymised_at = now
    candidate.save()
    cv = Cv.objects.filter(candidate=candidate).first()
    if cv is not None:
        cv.experiences.all().delete()
        cv.educations.all().delete()
        cv.qualifications.all().delete()
        cv.languages.all().delete()
        cv.skills.clear()
        cv.wished_occupations.clear()
        cv.profile_da = ""
        cv.profile_en = ""
        cv.save()
    # Titles from the case system's export waiting for a person: free text about the person.
    PendingTitleLink.objects.filter(candidate=candidate).delete()
    referrals = Referral.objects.filter(candidate=candidate)
    referrals.update(motivation="")
    ReferralTransition.objects.filter(referral__in=referrals).update(reason="")
    FollowUp.objects.filter(placement__referral__in=referrals).update(note="")


@transaction.atomic
def candidate_erase(*, actor: User, candidate: Candidate, note: str = "") -> ErasureRecord:
    """Erasure on the citizen's request: anonymise now and record who, when and why."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.anonymised_at is not None:
        raise ValidationError(_("The candidate is already anonymised."), code="anonymised")
    blockers = erasure_blockers(candidate)
    if blockers:
        raise ValidationError([ValidationError(b, code="open_follow_ups") for b in blockers])
    now = timezone.now()
    _anonymise(candidate, now=now)
    return ErasureRecord.objects.create(
        at=now,
        by=actor,
        username=actor.get_username(),
        candidate_ref=candidate.pk,
        reason=ErasureRecord.Reason.REQUEST,
        note=note,
    )


@transaction.atomic
def candidate_anonymise_for_retention(*, candidate: Candidate) -> ErasureRecord | None:
    """The retention rule: anonymise one inactive candidate, unless follow-ups are open."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.anonymised_at is not None or erasure_blockers(candidate):
        return None
    now = timezone.now()
    _anonymise(candidate, now=now)
    return ErasureRecord.objects.create(
        at=now, candidate_ref=candidate.pk, reason=ErasureRecord.Reason.RETENTION
    )
