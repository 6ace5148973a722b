"""The guarantees' answer to a completed course (`upskilling.signals.enrolment_completed`)."""

from __future__ import annotations

from typing import Any

from jobbro.organisations.models import User
from jobbro.upskilling.models import Enrolment

from . import services
from .models import JobGuarantee


def propose_on_completion(*, enrolment: Enrolment, actor: User, **_: Any) -> None:
    """Propose the participant to the job orders of every guarantee of their team, in the
    completion's transaction."""
    guarantees = JobGuarantee.objects.filter(team=enrolment.team_id).select_related(
        "agreement__company", "team__course"
    )
    for guarantee in guarantees:
        services.propose_participant(
            actor=actor, guarantee=guarantee, candidate=enrolment.candidate
        )
