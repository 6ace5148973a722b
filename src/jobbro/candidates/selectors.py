"""Reads of candidates: who may see and edit which, search, and the CV page.

Data protection, step 1: a candidate belongs to one job centre. Staff of that job centre
see and edit it; staff of the other job centres of the same cooperation only read it,
and only when the candidate consented to sharing. Everything else does not exist for them.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from jobbro.db import Lower
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, User
from jobbro.organisations.selectors import job_centres_of

from .models import (
    Candidate,
    ConsentScope,
    Experience,
    HeldQualification,
    SpokenLanguage,
)


def own_job_centres(user: User) -> QuerySet[JobCentre]:
    """The job centres whose candidates the user works with as their own centre's staff.

    The secretariat sits at a host job centre but is not its staff: it owns no one."""
    return job_centres_of(user, access.CANDIDATE_OWNERS)


def cooperations_of(user: User) -> QuerySet[Cooperation]:
    """The cooperations whose consenting candidates the user may read."""
    return Cooperation.objects.filter(
        job_centres__in=job_centres_of(user, access.CANDIDATE_READERS)
    ).distinct()


def candidates_visible_to(user: User) -> QuerySet[Candidate]:
    """Own job centres' candidates, plus consenting candidates of the same cooperation."""
    if not user.is_authenticated:
        return Candidate.objects.none()
    own = own_job_centres(user)
    return Candidate.objects.filter(
        Q(job_centre__in=own)
        | Q(
            consent_scope=ConsentScope.COOPERATION,
            job_centre__cooperation__in=cooperations_of(user),
        )
    )


def job_centres_for_filter(user: User) -> QuerySet[JobCentre]:
    """The job centres of the user's cooperation, for the list's filter."""
    return JobCentre.objects.filter(cooperation__in=cooperations_of(user)).order_by("name")


def candidate_list(
    user: User,
    *,
    query: str = "",
    job_centre: JobCentre | None = None,
    status: str = "",
    mine_only: bool = False,
) -> QuerySet[Candidate]:
    """Visible candidates whose name matches every word of the query, and the filters."""
    # Anonymised people are kept only for the statistics; there is nobody to work with.
    candidates = candidates_visible_to(user).filter(anonymised_at__isnull=True)
    candidates = candidates.select_related("job_centre", "municipality")
    words = query.lower().split()
    if words:
        candidates = candidates.alias(
            first_lower=Lower("first_name"), last_lower=Lower("last_name")
        )
        for word in words:
            candidates = candidates.filter(
                Q(first_lower__contains=word) | Q(last_lower__contains=word)
            )
    if job_centre is not None:
        candidates = candidates.filter(job_centre=job_centre)
    if status:
        candidates = candidates.filter(status=status)
    if mine_only:
        candidates = candidates.filter(job_centre__in=own_job_centres(user))
    return candidates.order_by("last_name", "first_name", "pk")


def _with_cv(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    """The candidates with the whole CV, in a fixed number of queries."""
    return candidates.select_related(
        "job_centre", "municipality", "unemployment_fund", "cv", "consent_recorded_by"
    ).prefetch_related(
        Prefetch(
            "cv__experiences",
            queryset=Experience.objects.select_related("occupation").order_by("-start_date", "pk"),
        ),
        "cv__educations",
        Prefetch(
            "cv__qualifications",
            queryset=HeldQualification.objects.select_related("qualification").order_by(
                "qualification__kind", "qualification__label_da"
            ),
        ),
        Prefetch(
            "cv__languages",
            queryset=SpokenLanguage.objects.select_related("language").order_by(
                "-level", "language__label_da"
            ),
        ),
        "cv__skills",
        "cv__wished_occupations",
    )


def candidate_detail(user: User, pk: int) -> Candidate | None:
    """One visible candidate with the whole CV in a fixed number of queries; else 404."""
    candidates = _with_cv(candidates_visible_to(user)).prefetch_related(
        "target_groups", "referrals__job_order__company"
    )
    return candidates.filter(pk=pk).first()


def cv_of(user: User, pk: int) -> Candidate | None:
    """One visible candidate with the whole CV (the CV as PDF); else 404."""
    return _with_cv(candidates_visible_to(user)).filter(pk=pk).first()


def anonymised_cv_of(user: User, pk: int) -> Candidate | None:
    """A candidate whose anonymised CV the user may read: only one the user may read named,
    the candidate page's rule. An anonymous hit in another centre's search is no key to it:
    employers, schools and dates identify a person without consent to share (the company
    sheet gives the anonymised CV of a proposed candidate by the referral)."""
    return cv_of(user, pk)


def candidate_with_cv(pk: int) -> Candidate | None:
    """The candidate with the whole CV, for a caller that has checked the right to it."""
    return _with_cv(Candidate.objects.filter(pk=pk)).first()


def can_edit_candidate(user: User, candidate: Candidate) -> bool:
    """Only a candidate editor at the candidate's own job centre may change it, and no one
    an anonymised candidate: editing would put personal data back on an erased person."""
    if not user.is_authenticated or candidate.anonymised_at is not None:
        return False
    return user.memberships.filter(
        job_centre_id=candidate.job_centre_id, role__in=list(access.CANDIDATE_EDITORS)
    ).exists()


def can_see_personal_data(user: User, candidate: Candidate) -> bool:
    """CPR and contact data stay with the owning job centre."""
    if not user.is_authenticated:
        return False
    return own_job_centres(user).filter(pk=candidate.job_centre_id).exists()
