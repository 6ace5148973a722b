"""Reads of job guarantees: who sees and changes them, and how far each has come."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.candidates.selectors import candidates_visible_to
from jobbro.companies.models import RecruitmentAgreement
from jobbro.companies.selectors import editable_agreements, may_edit_agreement
from jobbro.joborders.models import JobOrder, JobOrderStatus, Referral, ReferralState
from jobbro.organisations.models import Cooperation, Role, User
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.upskilling.models import Enrolment, EnrolmentStatus, Team

from .models import JobGuarantee

# The page roles that may create and change a guarantee; `may_edit` decides per object.
WRITERS = (Role.SECRETARIAT, Role.MANAGER, Role.BUSINESS_CONSULTANT)


def guarantees_of(user: User) -> QuerySet[JobGuarantee]:
    """The guarantees of the user's cooperation (another cooperation sees none)."""
    return JobGuarantee.objects.filter(
        agreement__company__cooperation=cooperation_of(user)
    ).select_related("agreement__company", "agreement__job_centre", "team__course__provider")


def guarantee_for(user: User, pk: int) -> JobGuarantee | None:
    return guarantees_of(user).filter(pk=pk).first()


def may_edit(user: User, agreement: RecruitmentAgreement, team: Team) -> bool:
    """The cooperation's secretariat; the agreement's own consultants (those who may change
    the agreement); the managers of the job centre that signed it or hosts the team."""
    if may_edit_agreement(user, agreement):
        return True
    return (
        job_centres_of(user, [Role.MANAGER])
        .filter(pk__in=[agreement.job_centre_id, team.host_id])
        .exists()
    )


def may_create(user: User) -> bool:
    """Whether the user may create a guarantee for some agreement of the cooperation."""
    return job_centres_of(user, WRITERS).exists()


def agreement_choices(user: User) -> QuerySet[RecruitmentAgreement]:
    """The cooperation's agreements with a job guarantee in their terms."""
    return (
        RecruitmentAgreement.objects.filter(
            company__cooperation=cooperation_of(user), job_guarantee=True
        )
        .select_related("company", "job_centre")
        .order_by("company__name", "-start_date")
    )


def agreements_to_offer(user: User) -> QuerySet[RecruitmentAgreement]:
    """The agreements a new guarantee's first step offers the user: a business consultant
    only those it may change; the secretariat all, and a manager all if its job centre
    hosts a team (it writes for that team, chosen in the next step), else those its centre
    signed; so `teams_to_offer` refuses none of them. Not an agreement that has ended:
    nothing is left to promise under it."""
    agreements = agreement_choices(user).filter(end_date__gte=timezone.localdate())
    if job_centres_of(user, [Role.SECRETARIAT]).exists():
        return agreements
    managed = job_centres_of(user, [Role.MANAGER])
    if team_choices(user).filter(host__in=managed).exists():
        return agreements
    return agreements.filter(
        Q(pk__in=editable_agreements(user, agreements)) | Q(job_centre__in=managed)
    )


def team_choices(user: User) -> QuerySet[Team]:
    return Team.objects.filter(course__provider__cooperation=cooperation_of(user)).select_related(
        "course"
    )


def _writes_for_every_team(user: User, agreement: RecruitmentAgreement) -> bool:
    """`may_edit` without the team: who may change the agreement, or manages the job
    centre that signed it."""
    return (
        may_edit_agreement(user, agreement)
        or job_centres_of(user, [Role.MANAGER]).filter(pk=agreement.job_centre_id).exists()
    )


def teams_to_offer(user: User, agreement: RecruitmentAgreement) -> QuerySet[Team] | None:
    """The teams a new guarantee under the agreement may be for: those `may_edit` allows
    with it (a manager of another job centre: the teams its centre hosts). None when there
    is none: the save would refuse the user, so the form is refused before it is filled in."""
    teams = team_choices(user)
    if _writes_for_every_team(user, agreement):
        return teams
    hosted = teams.filter(host__in=job_centres_of(user, [Role.MANAGER]))
    return hosted if hosted.exists() else None


def job_order_choices(
    cooperation: Cooperation | None, kept: Iterable[int] = ()
) -> QuerySet[JobOrder]:
    """Open job orders of the cooperation's companies with an agreement, and those a
    guarantee already has (a filled one stays, an unchanged form keeps it)."""
    open_orders = JobOrder.objects.filter(
        company__cooperation=cooperation, status=JobOrderStatus.OPEN
    )
    return (
        (open_orders | JobOrder.objects.filter(pk__in=list(kept)))
        .select_related("company")
        .order_by("company__name", "title", "pk")
    )


# --- the outcome --------------------------------------------------------------------------

# A participant's furthest step on the guarantee's job orders, from least to most.
STEPS = ("completed", "proposed", "interview", "hired")
_STEP_OF_STATE = {
    ReferralState.PROPOSED: "proposed",
    ReferralState.DECLINED: "proposed",
    ReferralState.WITHDRAWN: "proposed",
    ReferralState.INTERVIEW: "interview",
    ReferralState.HIRED: "hired",
}


@dataclass
class Participant:
    candidate_id: int
    job_centre: str
    step: str


@dataclass
class Outcome:
    """Jobs promised against those who completed the team and how far they came on the
    guarantee's job orders (each person counted once, at their furthest step)."""

    promised: int
    completed: int = 0
    proposed: int = 0  # proposed to at least one of the job orders (any answer since)
    interview: int = 0  # invited to interview or hired
    hired: int = 0
    participants: list[Participant] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return max(0, self.promised - self.hired)

    @property
    def kept(self) -> bool:
        return self.hired >= self.promised


def outcomes(guarantees: Iterable[JobGuarantee]) -> dict[int, Outcome]:
    """Each guarantee's outcome by pk, in three queries however many guarantees."""
    guarantees = list(guarantees)
    result = {g.pk: Outcome(promised=g.jobs_promised) for g in guarantees}
    if not guarantees:
        return result
    links = JobGuarantee.job_orders.through.objects.filter(
        jobguarantee_id__in=list(result)
    ).values_list("jobguarantee_id", "joborder_id")
    orders_of: dict[int, set[int]] = defaultdict(set)
    for guarantee_id, order_id in links:
        orders_of[guarantee_id].add(order_id)
    completed = list(
        Enrolment.objects.filter(
            team_id__in={g.team_id for g in guarantees}, status=EnrolmentStatus.COMPLETED
        )
        .order_by("job_centre__name", "pk")
        .values_list("team_id", "candidate_id", "job_centre__name")
    )
    all_orders = set().union(*orders_of.values()) if orders_of else set()
    states: dict[tuple[int, int], str] = {}
    for order_id, candidate_id, state in Referral.objects.filter(
        job_order_id__in=all_orders, candidate_id__in={c for _, c, _ in completed}
    ).values_list("job_order_id", "candidate_id", "state"):
        states[(order_id, candidate_id)] = state
    for guarantee in guarantees:
        outcome = result[guarantee.pk]
        orders = orders_of[guarantee.pk]
        for team_id, candidate_id, centre in completed:
            if team_id != guarantee.team_id:
                continue
            steps = [
                STEPS.index(_STEP_OF_STATE[ReferralState(states[(o, candidate_id)])])
                for o in orders
                if (o, candidate_id) in states
            ]
            step = STEPS[max(steps, default=0)]
            outcome.participants.append(Participant(candidate_id, centre, step))
            outcome.completed += 1
            outcome.proposed += step != "completed"
            outcome.interview += step in ("interview", "hired")
            outcome.hired += step == "hired"
    return result


@dataclass
class NamedParticipant:
    participant: Participant
    candidate: Candidate | None  # None: the reader may not see who it is


def participants_for(user: User, outcome: Outcome) -> list[NamedParticipant]:
    """The outcome's participants, named only where the user may see the candidate."""
    ids = [p.candidate_id for p in outcome.participants]
    visible = {
        c.pk: c for c in candidates_visible_to(user).filter(pk__in=ids, anonymised_at__isnull=True)
    }
    return [NamedParticipant(p, visible.get(p.candidate_id)) for p in outcome.participants]


def guarantees_for_team(team: Team) -> QuerySet[JobGuarantee]:
    return team.guarantees.select_related("agreement__company")


def guarantees_for_agreements(
    agreements: Iterable[RecruitmentAgreement],
) -> QuerySet[JobGuarantee]:
    return JobGuarantee.objects.filter(agreement__in=[a.pk for a in agreements]).select_related(
        "team__course"
    )


def proposal_allowed(candidate: Candidate, job_order: JobOrder) -> bool:
    """The consent rule of a proposal made for a guarantee: a candidate goes to a job order
    another job centre (or the secretariat) runs only with consent to sharing."""
    runs_it = job_order.job_centre_id == candidate.job_centre_id and not job_order.by_secretariat
    return runs_it or candidate.consent_scope != ConsentScope.NONE
