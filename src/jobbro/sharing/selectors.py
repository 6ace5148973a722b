"""Ranked searches with anonymous hits, and the CV requests a user sends and receives.

A search ranks every active candidate of the searcher's cooperation(s), consenting or not
(`wide_visibility`); each hit is then checked against the database with the candidates
app's rule (`visibility_for`): a hit the searcher may see is named and explained, the others
become anonymous hits that carry only the job centre, the rank and how many requirements
are met, plus an encrypted handle to ask for the CV (`tokens`). The decision is made on the
current database row, never on the index.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.candidates.selectors import cooperations_of, own_job_centres
from jobbro.joborders import selectors as joborder_selectors
from jobbro.joborders.models import JobOrder
from jobbro.matching import selectors as matching
from jobbro.matching.engine import (
    FacetCounts,
    FacetRequest,
    Order,
    Query,
    SearchResult,
    Visibility,
)
from jobbro.matching.selectors import FreeSearch, SearchFilters
from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Role, User
from jobbro.organisations.selectors import job_centres_of, staff_at

from .explain import Explained, Labels, TaskSkills, explain, requirements_met
from .models import SharingRequest, SharingStatus
from .tokens import hit_token


@dataclass(frozen=True)
class Hit:
    """One ranked candidate as a page may show it to this searcher."""

    rank: int
    job_centre: JobCentre
    requirements_met: int
    requirements_total: int
    candidate: Candidate | None = None  # None: anonymous
    explained: Explained | None = None  # None: anonymous
    token: str = ""  # anonymous only: the handle to ask for the CV
    request: SharingRequest | None = None  # this search's latest CV request, if any

    @property
    def anonymous(self) -> bool:
        return self.candidate is None


@dataclass(frozen=True)
class Ranked:
    hits: list[Hit]  # the page's, in the order asked for
    total: int  # passed the hard filters, named or anonymous
    facets: FacetCounts | None = None  # over all `total`, not only the page
    page: int = 1  # the page shown (1-based), moved to the last one when asked for more
    per_page: int = matching.DEFAULT_LIMIT

    @property
    def named(self) -> list[Candidate]:
        return [hit.candidate for hit in self.hits if hit.candidate is not None]


def wide_visibility(user: User, cooperation: Cooperation | int | None = None) -> Visibility:
    """Every job centre of the user's cooperation(s) as if their own: consent or not."""
    centres = JobCentre.objects.filter(cooperation__in=cooperations_of(user))
    if cooperation is not None:
        centres = centres.filter(cooperation=cooperation)
    return Visibility(frozenset(centres.values_list("pk", flat=True)))


def may_see(visibility: Visibility, candidate: Candidate) -> bool:
    """The candidates app's rule on the row as it is now."""
    if candidate.status != CandidateStatus.ACTIVE:
        return False
    centre = candidate.job_centre_id
    return centre in visibility.own_job_centres or (
        candidate.consent_scope == ConsentScope.COOPERATION
        and centre in visibility.cooperation_job_centres
    )


def ranked_for_job_order(
    job_order: JobOrder,
    *,
    searcher: User,
    filters: SearchFilters | None = None,
    order: Order = Order.SCORE,
    page: int = 1,
    per_page: int = matching.DEFAULT_LIMIT,
    facets: FacetRequest | None = None,
    for_tasks: bool = False,
    tasks: Sequence[TaskSkills] | None = None,
) -> Ranked:
    """One page of the job order's candidates in its cooperation, the unseeable ones
    anonymous but ranked, sorted and counted like the others; `for_tasks`: for the order's
    tasks without the trade (`matching.job_order_query`), explained task by task (`tasks`,
    read here unless the page has them: `tasks_without_trade`)."""
    cooperation = job_order.company.cooperation_id
    query = matching.job_order_query(
        job_order, searcher=searcher, filters=filters, for_tasks=for_tasks
    )
    query = dataclasses.replace(
        query,
        visibility=wide_visibility(searcher, cooperation),
        order=order,
        offset=(max(page, 1) - 1) * per_page,
        limit=per_page,
        facets=facets,
    )
    result = matching.search_index(query)
    last = max(1, -(-result.total // per_page))
    if page > last:  # an old link past the end: show the last page
        result = matching.search_index(dataclasses.replace(query, offset=(last - 1) * per_page))
    ranked = _ranked(
        result,
        searcher=searcher,
        visibility=matching.visibility_for(searcher, cooperation),
        job_order=job_order,
        tasks=(tasks_without_trade(job_order) if tasks is None else tasks) if for_tasks else (),
    )
    return dataclasses.replace(ranked, page=min(max(page, 1), last), per_page=per_page)


def tasks_without_trade(job_order: JobOrder) -> list[TaskSkills]:
    """The order's tasks that need no trade, with their skills, as the search shows them."""
    return [
        TaskSkills(task.title, tuple(skill.pk for skill in task.skills.all()))
        for task in joborder_selectors.tasks_of(job_order).filter(needs_trade=False)
    ]


def free_query(search: FreeSearch, *, searcher: User) -> Query:
    """The engine query of a free search, over all the searcher's cooperations' candidates."""
    query = matching.free_search_query(search, searcher=searcher)
    return dataclasses.replace(query, visibility=wide_visibility(searcher))


def ranked_free(search: FreeSearch, *, searcher: User) -> Ranked:
    query = free_query(search, searcher=searcher)
    return _ranked(
        matching.search_index(query),
        searcher=searcher,
        visibility=matching.visibility_for(searcher),
    )


def _ranked(
    result: SearchResult,
    *,
    searcher: User,
    visibility: Visibility,
    job_order: JobOrder | None = None,
    tasks: Sequence[TaskSkills] = (),
) -> Ranked:
    candidates = matching.candidates_by_id(result.ids)
    requests = latest_requests(result.ids, searcher=searcher, job_order=job_order)
    shown = [hit for hit in result if hit.candidate_id in candidates]
    named = [hit for hit in shown if may_see(visibility, candidates[hit.candidate_id])]
    labels = Labels.for_hits(named)
    named_ids = {hit.candidate_id for hit in named}
    hits = []
    for hit in shown:
        candidate = candidates[hit.candidate_id]
        met, total = requirements_met(hit)
        seen = hit.candidate_id in named_ids
        hits.append(
            Hit(
                rank=hit.rank,
                job_centre=candidate.job_centre,
                requirements_met=met,
                requirements_total=total,
                request=requests.get(hit.candidate_id),
                candidate=candidate if seen else None,
                explained=explain(hit, labels, tasks) if seen else None,
                token="" if seen else hit_token(candidate_id=hit.candidate_id, user_id=searcher.pk),
            )
        )
    return Ranked(hits, result.total - (len(result) - len(shown)), result.facets)


def latest_requests(
    candidate_ids: Iterable[int], *, searcher: User, job_order: JobOrder | None
) -> dict[int, SharingRequest]:
    """The searcher's job centres' latest request per candidate, for this job order (or
    for free searches when there is none)."""
    requests = (
        SharingRequest.objects.filter(candidate_id__in=list(candidate_ids), job_order=job_order)
        .filter(asked_by(searcher))
        .order_by("candidate_id", "-created_at", "-pk")
    )
    latest: dict[int, SharingRequest] = {}
    for request in requests:
        latest.setdefault(request.candidate_id, request)
    return latest


# --- the request pages --------------------------------------------------------------------


def _with_relations(requests: QuerySet[SharingRequest]) -> QuerySet[SharingRequest]:
    return requests.select_related(
        "candidate__job_centre",
        "job_order__company",
        "requested_by",
        "requesting_job_centre",
        "answered_by",
    )


def incoming_requests(user: User) -> QuerySet[SharingRequest]:
    """Requests for candidates of the job centres where the user edits candidates."""
    centres = job_centres_of(user, access.CANDIDATE_EDITORS)
    return _with_relations(SharingRequest.objects.filter(candidate__job_centre__in=centres))


def open_incoming_count(user: User) -> int:
    return incoming_requests(user).filter(status=SharingStatus.REQUESTED).count()


def asked_by(user: User) -> Q:
    """The CV requests the user's job centres sent, and the secretariat's for its staff
    (the host centre's staff do not see the secretariat's, nor the other way round)."""
    secretariat = Cooperation.objects.filter(
        job_centres__in=job_centres_of(user, [Role.SECRETARIAT])
    )
    return Q(requesting_job_centre__in=own_job_centres(user), by_secretariat=False) | Q(
        by_secretariat=True, requesting_job_centre__cooperation__in=secretariat
    )


def outgoing_requests(user: User) -> QuerySet[SharingRequest]:
    """Requests the user's job centres (or the secretariat they work in) sent."""
    return _with_relations(SharingRequest.objects.filter(asked_by(user)))


def answerable_request(user: User, pk: int) -> SharingRequest | None:
    """An open or answered request the user may answer (the candidate's own job centre)."""
    return incoming_requests(user).filter(pk=pk).first()


@dataclass(frozen=True)
class Asker:
    """Who asks for a CV: a job centre, or the secretariat hosted by `job_centre`."""

    job_centre: JobCentre
    by_secretariat: bool


def requesting_centre(user: User, candidate: Candidate) -> Asker | None:
    """Who the user asks as: one of their job centres in the candidate's cooperation, else
    the secretariat they work in there (it recruits across the cooperation)."""
    in_cooperation = Q(cooperation_id=candidate.job_centre.cooperation_id)
    own = own_job_centres(user).filter(in_cooperation).order_by("pk").first()
    if own is not None:
        return Asker(own, by_secretariat=False)
    host = job_centres_of(user, [Role.SECRETARIAT]).filter(in_cooperation).order_by("pk").first()
    return Asker(host, by_secretariat=True) if host is not None else None


def answerers_of(candidate: Candidate) -> QuerySet[User]:
    """Who answers a CV request for the candidate: the candidate editors of its job centre."""
    return staff_at([candidate.job_centre_id], access.CANDIDATE_EDITORS)


# A CV request answered this recently is still news on the asker's start page.
RECENT_ANSWER_DAYS = 14


def recent_answers_count(user: User) -> int:
    """The user's own CV requests answered in the last `RECENT_ANSWER_DAYS` days."""
    since = timezone.now() - dt.timedelta(days=RECENT_ANSWER_DAYS)
    return SharingRequest.objects.filter(
        requested_by=user,
        status__in=[SharingStatus.SHARED, SharingStatus.DECLINED],
        answered_at__gte=since,
    ).count()
