"""Which pools a user sees, whose names in them, and which pools a job order concerns.

A user sees the pools of the cooperations where they hold a pool-reading role: the shared
ones, and those kept to a job centre where they work. Counts are for all who see a pool;
a member's name only where the candidate page's rule (`candidates_visible_to`) lets the
user see that candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.candidates.selectors import candidates_visible_to
from jobbro.companies.models import Company
from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Cooperation, JobCentre, Role, User
from jobbro.organisations.selectors import job_centres_of, staff_at

from .models import Pool, PoolKind, PoolMember
from .roles import MEMBER_EDITORS, POOL_EDITORS, POOL_READERS


def pools_visible_to(user: User, roles: Iterable[Role] = POOL_READERS) -> QuerySet[Pool]:
    """The pools the user may see (with `roles`): shared in their cooperations, or kept to
    one of their job centres."""
    if not user.is_authenticated:
        return Pool.objects.none()
    roles = list(roles)
    cooperations = Cooperation.objects.filter(job_centres__in=job_centres_of(user, roles))
    # The secretariat sits at a host job centre but is not its staff (as for candidates).
    own = job_centres_of(user, [r for r in roles if r != Role.SECRETARIAT])
    return Pool.objects.filter(
        Q(shared=True, cooperation__in=cooperations) | Q(job_centre__in=own)
    ).distinct()


def pool_list(user: User) -> QuerySet[Pool]:
    """The pools the user sees, with owner, company and member count, in two queries."""
    ids = pools_visible_to(user).values("pk")
    return (
        Pool.objects.filter(pk__in=ids)
        .select_related("job_centre", "company")
        .prefetch_related("industries", "occupations")
        .annotate(member_count=Count("members"))
        .order_by("name", "pk")
    )


def company_pools(user: User, company: Company) -> list[Pool]:
    """The company pools of this company the user sees, with member counts, in one query."""
    return list(
        pools_visible_to(user)
        .filter(kind=PoolKind.COMPANY, company=company)
        .annotate(member_count=Count("members"))
        .order_by("name", "pk")
    )


def pool_or_none(user: User, pk: int) -> Pool | None:
    """The pool if the user may see it; else None (the page answers 404)."""
    pools = pools_visible_to(user).values("pk")
    return (
        Pool.objects.filter(pk=pk, pk__in=pools)
        .select_related("job_centre", "company", "cooperation")
        .prefetch_related("industries", "occupations")
        .first()
    )


def is_owner(user: User, pool: Pool) -> bool:
    """The pool's owners: the consultants of its job centre."""
    return job_centres_of(user, POOL_EDITORS).filter(pk=pool.job_centre_id).exists()


def owners_of(pool: Pool) -> QuerySet[User]:
    return staff_at([pool.job_centre_id], POOL_EDITORS)


def may_add_members(user: User, pool: Pool) -> bool:
    """Whoever reads candidates and sees the pool may add the candidates they see."""
    return pools_visible_to(user, MEMBER_EDITORS).filter(pk=pool.pk).exists()


def may_remove(user: User, member: PoolMember, *, owner: bool) -> bool:
    """The pool's owners, or the one who added the member."""
    return owner or (member.added_by_id is not None and member.added_by_id == user.pk)


@dataclass(frozen=True)
class Members:
    """The members a page shows by name, and how many it does not."""

    named: list[PoolMember]
    hidden: int

    @property
    def candidates(self) -> list[Candidate]:
        return [m.candidate for m in self.named]


def members_for(user: User, pool: Pool) -> Members:
    """The pool's members the user may see by name (the candidate page's rule), in a fixed
    number of queries; the rest only counted."""
    members = PoolMember.objects.filter(pool=pool)
    visible = candidates_visible_to(user).values("pk")
    named = list(
        members.filter(candidate__in=visible)
        .select_related("candidate__job_centre", "added_by")
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )
    return Members(named, members.count() - len(named))


def addable(user: User, pool: Pool) -> QuerySet[Candidate]:
    """The candidates the user may put in the pool: ones the user sees by name (the
    candidate page's rule), active, of the pool's cooperation, and, when the pool is shared
    with other job centres, consenting to sharing in the cooperation."""
    candidates = candidates_visible_to(user).filter(
        status=CandidateStatus.ACTIVE, job_centre__cooperation_id=pool.cooperation_id
    )
    if pool.shared:
        candidates = candidates.filter(consent_scope=ConsentScope.COOPERATION)
    return candidates


def pickable_candidates(user: User, pool: Pool, text: str) -> QuerySet[Candidate]:
    """Candidates the user may add whose name matches `text`: seen by the user, active,
    not in the pool already, and consenting to sharing when the pool is shared."""
    candidates = addable(user, pool).exclude(pk__in=pool.members.values("candidate_id"))
    for word in text.split()[:4]:
        candidates = candidates.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return candidates.select_related("job_centre").order_by("last_name", "first_name", "pk")


def job_centres_to_own(user: User) -> QuerySet[JobCentre]:
    """The job centres whose pools the user may create and edit."""
    return job_centres_of(user, POOL_EDITORS).order_by("name")


def pools_of_job_order(job_order: JobOrder) -> list[Pool]:
    """The pools whose field the job order falls in: a company pool of its company, an
    industry pool of its company's industry or of its occupation; in its cooperation."""
    company = job_order.company
    return list(
        Pool.objects.filter(cooperation_id=company.cooperation_id)
        .filter(
            Q(kind=PoolKind.COMPANY, company_id=company.pk)
            | Q(kind=PoolKind.INDUSTRY, industries=company.industry_id)
            | Q(kind=PoolKind.INDUSTRY, occupations=job_order.occupation_id)
        )
        .distinct()
        .order_by("pk")
    )


@dataclass(frozen=True)
class PoolFacet:
    pool: Pool
    candidate_ids: frozenset[int]


def pool_facets(user: User, job_order: JobOrder) -> list[PoolFacet]:
    """The pools of the job order's cooperation the user sees, with their members' ids,
    for the ranked list's "among pool" facet; in two queries."""
    pools = list(
        pools_visible_to(user)
        .filter(cooperation_id=job_order.company.cooperation_id)
        .order_by("name", "pk")
    )
    ids: dict[int, set[int]] = {pool.pk: set() for pool in pools}
    rows = PoolMember.objects.filter(pool__in=pools).values_list("pool_id", "candidate_id")
    for pool_id, candidate_id in rows:
        ids[pool_id].add(candidate_id)
    return [PoolFacet(pool, frozenset(ids[pool.pk])) for pool in pools]
