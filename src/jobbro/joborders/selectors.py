"""Reads of job orders, referrals, the cross-municipal candidate search and follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from jobbro.candidates import selectors as candidate_selectors
from jobbro.candidates.models import (
    Candidate,
    CandidateStatus,
    Cv,
    Experience,
    HeldQualification,
)
from jobbro.core.db import Lower
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, Role, User
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.taxonomy.models import Occupation, Qualification, Skill

from .models import (
    FollowUp,
    Importance,
    JobOrder,
    JobOrderStatus,
    Placement,
    Project,
    Referral,
    ReferralState,
    ReferralTransition,
    Requirement,
    RequirementKind,
)

AWAITING_ANSWER = (ReferralState.PROPOSED, ReferralState.INTERVIEW)


def open_job_orders_for(user: User) -> QuerySet[JobOrder]:
    """Open job orders the user created or that their job centres are responsible for."""
    return (
        JobOrder.objects.filter(status=JobOrderStatus.OPEN)
        .filter(Q(created_by=user) | Q(job_centre__in=job_centres_of(user)))
        .select_related("company", "job_centre")
        .order_by("deadline")
    )


def referrals_awaiting_answer_for(user: User) -> QuerySet[Referral]:
    """Referrals the company has not answered, on the user's job orders or proposed by them."""
    return (
        Referral.objects.filter(state__in=AWAITING_ANSWER)
        .filter(
            Q(proposed_by=user)
            | Q(job_order__job_centre__in=job_centres_of(user))
            | Q(job_order__created_by=user)
        )
        .select_related("job_order__company", "candidate")
        .order_by("created_at")
    )


def follow_ups_due_for(user: User, within_days: int = 7) -> QuerySet[FollowUp]:
    """Follow-ups not yet done, due within the coming week or overdue."""
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    return (
        FollowUp.objects.filter(done_at__isnull=True, due_on__lte=horizon)
        .filter(
            Q(placement__onboarding_consultant=user)
            | Q(placement__referral__job_order__job_centre__in=job_centres_of(user))
            | Q(placement__referral__candidate__job_centre__in=job_centres_of(user))
        )
        .distinct()
        .select_related("placement__referral__candidate", "placement__referral__job_order__company")
        .order_by("due_on")
    )


# --- job orders --------------------------------------------------------------------------


def job_orders_visible_to(user: User) -> QuerySet[JobOrder]:
    """The job orders of the user's cooperation; none when the user belongs to none."""
    cooperation = cooperation_of(user)
    if cooperation is None:
        return JobOrder.objects.none()
    return JobOrder.objects.filter(company__cooperation=cooperation)


def job_order_list(
    user: User,
    *,
    status: str = "",
    job_centre: JobCentre | None = None,
    kind: str = "",
    project: Project | None = None,
    text: str = "",
    mine: bool = False,
) -> QuerySet[JobOrder]:
    """Job orders of the user's cooperation matching the filters, newest first."""
    orders = (
        job_orders_visible_to(user)
        .select_related("company", "job_centre", "occupation", "project")
        .annotate(referral_count=Count("referrals"))
    )
    if status:
        orders = orders.filter(status=status)
    if job_centre is not None:
        orders = orders.filter(job_centre=job_centre)
    if kind:
        orders = orders.filter(kind=kind)
    if project is not None:
        orders = orders.filter(project=project)
    if mine:
        orders = orders.filter(Q(created_by=user) | Q(job_centre__in=job_centres_of(user)))
    text = text.strip()
    if text:
        needle = text.lower()
        orders = orders.alias(
            title_lower=Lower("title"),
            company_lower=Lower("company__name"),
            tasks_lower=Lower("tasks"),
        ).filter(
            Q(title_lower__contains=needle)
            | Q(company_lower__contains=needle)
            | Q(tasks_lower__contains=needle)
        )
    return orders.order_by("-created_at", "-pk")


def projects_of(cooperation: Cooperation | None) -> QuerySet[Project]:
    if cooperation is None:
        return Project.objects.none()
    return Project.objects.filter(cooperation=cooperation)


def job_centres_in(cooperation: Cooperation | None) -> QuerySet[JobCentre]:
    if cooperation is None:
        return JobCentre.objects.none()
    return cooperation.job_centres.all()


def job_order_for_detail(orders: QuerySet[JobOrder]) -> QuerySet[JobOrder]:
    return orders.select_related(
        "company__cooperation",
        "company__municipality",
        "job_centre",
        "occupation",
        "workplace_municipality",
        "project",
        "created_by",
    )


def requirements_of(job_order: JobOrder) -> QuerySet[Requirement]:
    return job_order.requirements.select_related("qualification", "language", "skill").order_by(
        "kind", "pk"
    )


def referrals_with_history() -> QuerySet[Referral]:
    """Referrals with candidate, transition history and placement, each in one query."""
    transitions = ReferralTransition.objects.select_related("by").order_by("at", "pk")
    return Referral.objects.select_related(
        "job_order", "candidate__job_centre", "candidate__municipality", "proposed_by", "placement"
    ).prefetch_related(Prefetch("transitions", queryset=transitions))


def referrals_of(job_order: JobOrder) -> QuerySet[Referral]:
    return referrals_with_history().filter(job_order=job_order).order_by("-created_at", "-pk")


def placements_of(job_order: JobOrder) -> QuerySet[Placement]:
    follow_ups = FollowUp.objects.order_by("due_on")
    return (
        Placement.objects.filter(referral__job_order=job_order)
        .select_related("referral__candidate", "onboarding_consultant", "recorded_by")
        .prefetch_related(Prefetch("follow_ups", queryset=follow_ups))
        .order_by("start_date", "pk")
    )


@dataclass(frozen=True)
class JobOrderDetail:
    job_order: JobOrder
    must_haves: list[Requirement]
    nice_to_haves: list[Requirement]
    referrals: QuerySet[Referral]
    placements: QuerySet[Placement]


def job_order_detail(job_order: JobOrder) -> JobOrderDetail:
    requirements = list(requirements_of(job_order))
    return JobOrderDetail(
        job_order=job_order,
        must_haves=[r for r in requirements if r.importance == Importance.MUST],
        nice_to_haves=[r for r in requirements if r.importance == Importance.NICE],
        referrals=referrals_of(job_order),
        placements=placements_of(job_order),
    )


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    return referrals_with_history().filter(job_order__in=job_orders_visible_to(user))


def onboarding_consultants_of(cooperation: Cooperation) -> QuerySet[User]:
    return (
        User.objects.filter(
            memberships__job_centre__cooperation=cooperation,
            memberships__role=Role.ONBOARDING_CONSULTANT,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- the cross-municipal candidate search ------------------------------------------------


def candidates_visible_to(user: User) -> QuerySet[Candidate]:
    """Own job centres' candidates and the cooperation's consenting ones (candidates' rule)."""
    return candidate_selectors.candidates_visible_to(user)


class _Default(Enum):
    JOB_ORDER = "job_order"


# Pass as `occupation` to search the job order's own occupation (the default); None means any.
JOB_ORDER_OCCUPATION = _Default.JOB_ORDER


def candidates_for_job_order(
    user: User,
    job_order: JobOrder,
    *,
    occupation: Occupation | _Default | None = JOB_ORDER_OCCUPATION,
    skills: Iterable[Skill] = (),
    qualifications: Iterable[Qualification] = (),
    licences: Iterable[Qualification] = (),
    municipality: Municipality | None = None,
    job_centre: JobCentre | None = None,
    text: str = "",
) -> QuerySet[Candidate]:
    """Active candidates of all member job centres the user may see, not yet proposed here.

    Plain filters, no ranking: a candidate matches an occupation by experience or wish and
    must hold every chosen skill, certificate and licence.
    """
    if occupation is JOB_ORDER_OCCUPATION:
        occupation = job_order.occupation
    candidates = candidates_visible_to(user).filter(
        status=CandidateStatus.ACTIVE,
        job_centre__cooperation=job_order.company.cooperation_id,
    )
    candidates = candidates.exclude(
        Exists(Referral.objects.filter(job_order=job_order, candidate=OuterRef("pk")))
    )
    if isinstance(occupation, Occupation):
        experienced = Experience.objects.filter(cv__candidate=OuterRef("pk"), occupation=occupation)
        wished = Cv.wished_occupations.through.objects.filter(
            cv__candidate=OuterRef("pk"), occupation=occupation
        )
        candidates = candidates.filter(Exists(experienced) | Exists(wished))
    for skill in skills:
        candidates = candidates.filter(
            Exists(Cv.skills.through.objects.filter(cv__candidate=OuterRef("pk"), skill=skill))
        )
    today = timezone.localdate()
    for qualification in [*qualifications, *licences]:
        held = HeldQualification.objects.filter(
            cv__candidate=OuterRef("pk"), qualification=qualification
        ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        candidates = candidates.filter(Exists(held))
    if municipality is not None:
        candidates = candidates.filter(municipality=municipality)
    if job_centre is not None:
        candidates = candidates.filter(job_centre=job_centre)
    text = text.strip()
    if text:
        needle = text.lower()
        candidates = candidates.alias(
            profile_da_lower=Lower("cv__profile_da"), profile_en_lower=Lower("cv__profile_en")
        ).filter(Q(profile_da_lower__contains=needle) | Q(profile_en_lower__contains=needle))
    return with_cv(candidates).order_by("available_from", "last_name", "first_name", "pk")


def with_cv(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """What a search result shows and counts, fetched per page rather than per candidate."""
    experiences = Experience.objects.select_related("occupation")
    held = HeldQualification.objects.select_related("qualification")
    return candidates.select_related("job_centre", "municipality", "cv").prefetch_related(
        Prefetch("cv__experiences", queryset=experiences),
        "cv__wished_occupations",
        "cv__skills",
        Prefetch("cv__qualifications", queryset=held),
        "cv__languages",
    )


@dataclass(frozen=True)
class CandidateHit:
    """A search result with what the page shows; the must-have count is plain counting."""

    candidate: Candidate
    occupations: list[Occupation]
    must_haves_met: int
    must_haves_total: int


def _years_in(experiences: Iterable[Experience], occupation_id: int) -> float:
    return sum(e.years for e in experiences if e.occupation_id == occupation_id)


def requirement_met(
    requirement: Requirement, candidate: Candidate, *, occupation_id: int, today: dt.date
) -> bool:
    """Whether the candidate's CV (prefetched) meets one requirement.

    Years of experience count in the job order's occupation.
    """
    cv = getattr(candidate, "cv", None)
    if cv is None:
        return False
    match requirement.kind:
        case RequirementKind.QUALIFICATION:
            return any(
                held.qualification_id == requirement.qualification_id
                and (held.expires_on is None or held.expires_on >= today)
                for held in cv.qualifications.all()
            )
        case RequirementKind.LANGUAGE:
            return any(
                spoken.language_id == requirement.language_id
                and spoken.level >= requirement.language_level
                for spoken in cv.languages.all()
            )
        case RequirementKind.SKILL:
            return any(skill.pk == requirement.skill_id for skill in cv.skills.all())
        case RequirementKind.EXPERIENCE:
            return _years_in(cv.experiences.all(), occupation_id) >= (requirement.min_years or 0)
    return False


def candidate_hits(candidates: Iterable[Candidate], job_order: JobOrder) -> list[CandidateHit]:
    """One page of search results with occupations and must-haves met, without more queries."""
    must_haves = [r for r in requirements_of(job_order) if r.importance == Importance.MUST]
    today = timezone.localdate()
    hits = []
    for candidate in candidates:
        cv = getattr(candidate, "cv", None)
        occupations: dict[int, Occupation] = {}
        if cv is not None:
            for experience in cv.experiences.all():
                occupations.setdefault(experience.occupation_id, experience.occupation)
            for wished in cv.wished_occupations.all():
                occupations.setdefault(wished.pk, wished)
        met = sum(
            requirement_met(r, candidate, occupation_id=job_order.occupation_id, today=today)
            for r in must_haves
        )
        hits.append(
            CandidateHit(
                candidate=candidate,
                occupations=list(occupations.values()),
                must_haves_met=met,
                must_haves_total=len(must_haves),
            )
        )
    return hits


def search_municipalities(cooperation: Cooperation) -> QuerySet[Municipality]:
    """Municipalities the cooperation's job centres serve: where its candidates live, mostly."""
    return Municipality.objects.filter(job_centres__cooperation=cooperation).distinct()


def search_skills(job_order: JobOrder) -> QuerySet[Skill]:
    """The job order's occupation's ESCO skills and any skill it requires."""
    required = job_order.requirements.filter(skill__isnull=False).values("skill")
    return (
        Skill.objects.filter(Q(occupations=job_order.occupation_id) | Q(pk__in=required))
        .distinct()
        .order_by("label_da", "label_en")
    )


# --- follow-ups --------------------------------------------------------------------------


class FollowUpFilter(Enum):
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


def follow_ups_visible_to(user: User) -> QuerySet[FollowUp]:
    """Follow-ups the user does or that concern their job centres' orders or candidates."""
    centres = job_centres_of(user)
    return FollowUp.objects.filter(
        Q(placement__onboarding_consultant=user)
        | Q(placement__referral__job_order__job_centre__in=centres)
        | Q(placement__referral__candidate__job_centre__in=centres)
    ).select_related(
        "placement__referral__candidate__job_centre",
        "placement__referral__job_order__company",
        "placement__onboarding_consultant",
        "done_by",
    )


def follow_up_list(user: User, *, show: FollowUpFilter = FollowUpFilter.DUE) -> QuerySet[FollowUp]:
    """Open follow-ups by due date (the overdue come first), or the recorded ones, newest first."""
    # Filter by primary key so the OR across relations never repeats a row.
    follow_ups = FollowUp.objects.filter(pk__in=follow_ups_visible_to(user).values("pk"))
    follow_ups = follow_ups.select_related(
        "placement__referral__candidate__job_centre",
        "placement__referral__job_order__company",
        "placement__onboarding_consultant",
        "done_by",
    )
    if show is FollowUpFilter.DONE:
        return follow_ups.filter(done_at__isnull=False).order_by("-done_at", "-pk")
    follow_ups = follow_ups.filter(done_at__isnull=True)
    if show is FollowUpFilter.OVERDUE:
        follow_ups = follow_ups.filter(due_on__lt=timezone.localdate())
    return follow_ups.order_by("due_on", "pk")


def today() -> dt.date:
    return timezone.localdate()
