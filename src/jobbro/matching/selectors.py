"""Ranked candidate search for the pages: from a job order, or free.

    result = rank_for_job_order(job_order, searcher=request.user)
    for hit in result:            # best first, at most `limit`
        hit.candidate_id, hit.score, hit.explanation
    result.total                  # how many passed the hard filters

Visibility is the candidates app's rule: every candidate of the searcher's own job centres
(where they hold a candidate-reading role), and the candidates of the other job centres of
their cooperation who consented to sharing. A job-order search looks only in the job
order's cooperation and leaves out candidates already proposed for it. The result carries
ids and explanations; the page fetches names (e.g. `candidates_by_id`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope
from jobbro.candidates.selectors import cooperations_of, own_job_centres
from jobbro.joborders.models import JobOrder, Referral, Requirement, RequirementKind
from jobbro.joborders.selectors import task_skill_ids
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User
from jobbro.taxonomy.models import Language, Occupation, OccupationSkill, Qualification, Skill

from . import engine
from .engine import CEFR_LEVELS, Filters, Query, SearchResult, Visibility
from .holder import get_holder

DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class SearchFilters:
    """The facets a caseworker ticks; each is a hard filter."""

    job_centres: Sequence[JobCentre] = ()  # empty: every visible job centre
    max_distance_km: float | None = None  # from the workplace (or `near` in a free search)
    licences: Sequence[Qualification] = ()  # must be held and valid on the start date
    available_by: dt.date | None = None
    among: frozenset[int] | None = None  # only these candidates (e.g. a pool's members)


@dataclass(frozen=True)
class LanguageWish:
    language: Language
    level: str  # CEFR, e.g. "B1"


@dataclass(frozen=True)
class FreeSearch:
    """A search without a job order. `skills`, `qualifications` and `languages` are
    must-haves (like the plain search page); `nice_*` only add to the score."""

    occupations: Sequence[Occupation] = ()
    skills: Sequence[Skill] = ()
    qualifications: Sequence[Qualification] = ()
    languages: Sequence[LanguageWish] = ()
    min_years: float | None = None
    nice_skills: Sequence[Skill] = ()
    nice_qualifications: Sequence[Qualification] = ()
    near: Municipality | None = None  # the "workplace" for distance and proximity
    start_date: dt.date | None = None  # available by then, certificates valid then
    filters: SearchFilters = field(default_factory=SearchFilters)


def visibility_for(user: User, cooperation: Cooperation | int | None = None) -> Visibility:
    """Whose candidates the user may see, optionally within one cooperation only."""
    if not user.is_authenticated:
        return Visibility(frozenset(), frozenset())
    own = own_job_centres(user)
    shared = JobCentre.objects.filter(cooperation__in=cooperations_of(user))
    if cooperation is not None:
        own = own.filter(cooperation=cooperation)
        shared = shared.filter(cooperation=cooperation)
    return Visibility(
        frozenset(own.values_list("pk", flat=True)), frozenset(shared.values_list("pk", flat=True))
    )


def _filters(filters: SearchFilters) -> Filters:
    return Filters(
        job_centres=frozenset(c.pk for c in filters.job_centres) if filters.job_centres else None,
        max_distance_km=filters.max_distance_km,
        licences=tuple(q.pk for q in filters.licences),
        available_by=filters.available_by,
        among=filters.among,
    )


def _occupation_skills(occupation_ids: Iterable[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    essential: list[int] = []
    optional: list[int] = []
    rows = OccupationSkill.objects.filter(occupation_id__in=list(occupation_ids)).order_by(
        "skill_id"
    )
    for skill_id, relation in rows.values_list("skill_id", "relation"):
        (essential if relation == "essential" else optional).append(skill_id)
    return tuple(dict.fromkeys(essential)), tuple(dict.fromkeys(optional))


def _coordinates(municipality: Municipality | None) -> tuple[float, float] | None:
    if municipality is None:
        return None
    return (float(municipality.latitude), float(municipality.longitude))


def engine_requirement(requirement: Requirement) -> engine.Requirement:
    """A job order's requirement in the engine's terms; `key` is its primary key."""
    must = requirement.importance == "must"
    match requirement.kind:
        case RequirementKind.QUALIFICATION:
            assert requirement.qualification_id is not None
            return engine.Requirement.qualification(
                requirement.qualification_id, must=must, key=requirement.pk
            )
        case RequirementKind.LANGUAGE:
            assert requirement.language_id is not None
            level = CEFR_LEVELS.get(requirement.language_level, 1)
            return engine.Requirement.language(
                requirement.language_id, level, must=must, key=requirement.pk
            )
        case RequirementKind.SKILL:
            assert requirement.skill_id is not None
            return engine.Requirement.skill(requirement.skill_id, must=must, key=requirement.pk)
    return engine.Requirement.experience(
        float(requirement.min_years or 0), must=must, key=requirement.pk
    )


# The requirements that concern the whole workplace, so they hold in the search for the
# tasks without the trade too; skills and years in the occupation describe the trade.
WHOLE_ORDER_KINDS = (RequirementKind.QUALIFICATION, RequirementKind.LANGUAGE)


def job_order_query(
    job_order: JobOrder,
    *,
    searcher: User,
    filters: SearchFilters | None = None,
    limit: int = DEFAULT_LIMIT,
    exclude_referred: bool = True,
    for_tasks: bool = False,
) -> Query:
    """The engine query for a job order (exposed so a page can show what is searched).

    `for_tasks`: the search for the order's tasks without the trade (substitution labour):
    no occupation; the skills of the tasks that need no trade (`task_skill_ids`), each a
    scored requirement; of the order's own requirements only the certificates and languages,
    which hold for everyone at the workplace. The order must have such task skills (the page
    offers the search only then): ValueError otherwise.
    """
    cooperation_id = job_order.company.cooperation_id
    requirements = job_order.requirements.order_by("importance", "kind", "pk")
    occupations: tuple[int, ...] = (job_order.occupation_id,)
    essential: tuple[int, ...] = ()
    optional: tuple[int, ...] = ()
    if for_tasks:
        skills = task_skill_ids(job_order)
        if not skills:
            raise ValueError(f"job order {job_order.pk} has no task without the trade to search")
        occupations = ()
        searched = tuple(
            engine_requirement(r) for r in requirements.filter(kind__in=WHOLE_ORDER_KINDS)
        ) + tuple(engine.Requirement.task_skill(skill, key=skill) for skill in skills)
    else:
        essential, optional = _occupation_skills([job_order.occupation_id])
        searched = tuple(engine_requirement(r) for r in requirements)
    exclude: frozenset[int] = frozenset()
    if exclude_referred:
        exclude = frozenset(
            Referral.objects.filter(job_order=job_order).values_list("candidate_id", flat=True)
        )
    return Query(
        visibility=visibility_for(searcher, cooperation_id),
        today=timezone.localdate(),
        occupations=occupations,
        essential_skills=essential,
        optional_skills=optional,
        requirements=searched,
        workplace=_coordinates(job_order.workplace_municipality),
        start_date=job_order.start_date,
        filters=_filters(filters or SearchFilters()),
        exclude=exclude,
        limit=limit,
    )


def rank_for_job_order(
    job_order: JobOrder,
    *,
    searcher: User,
    filters: SearchFilters | None = None,
    limit: int = DEFAULT_LIMIT,
    exclude_referred: bool = True,
    for_tasks: bool = False,
) -> SearchResult:
    """The best `limit` visible candidates for the job order (or for its tasks without
    the trade, see `job_order_query`), each explained.

    The caller checks that the searcher may see the job order.
    """
    query = job_order_query(
        job_order,
        searcher=searcher,
        filters=filters,
        limit=limit,
        exclude_referred=exclude_referred,
        for_tasks=for_tasks,
    )
    return search_index(query)


def free_search_query(search: FreeSearch, *, searcher: User, limit: int = DEFAULT_LIMIT) -> Query:
    """The engine query of a search without a job order (exposed so a page can widen it)."""
    occupation_ids = [o.pk for o in search.occupations]
    essential, optional = _occupation_skills(occupation_ids)
    requirements: list[engine.Requirement] = [
        *(engine.Requirement.skill(s.pk, must=True) for s in search.skills),
        *(engine.Requirement.qualification(q.pk, must=True) for q in search.qualifications),
        *(
            engine.Requirement.language(w.language.pk, CEFR_LEVELS.get(w.level, 1), must=True)
            for w in search.languages
        ),
        *(engine.Requirement.skill(s.pk, must=False) for s in search.nice_skills),
        *(engine.Requirement.qualification(q.pk, must=False) for q in search.nice_qualifications),
    ]
    if search.min_years:
        requirements.append(engine.Requirement.experience(float(search.min_years), must=True))
    return Query(
        visibility=visibility_for(searcher),
        today=timezone.localdate(),
        occupations=tuple(occupation_ids),
        essential_skills=essential,
        optional_skills=optional,
        requirements=tuple(requirements),
        workplace=_coordinates(search.near),
        start_date=search.start_date,
        filters=_filters(search.filters),
        limit=limit,
    )


def free_search(search: FreeSearch, *, searcher: User, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Ranked search without a job order, over the searcher's whole visibility."""
    return search_index(free_search_query(search, searcher=searcher, limit=limit))


def search_index(query: Query) -> SearchResult:
    """Search, then re-check the hits' visibility and status in the database.

    A write that bypassed the journal (a QuerySet.update) could leave the index behind; a
    hit that no longer passes is re-read into the index and the search repeated, so a
    withdrawn consent or a hire never shows up, even for a moment.
    """
    holder = get_holder()
    result = holder.search(query)
    stale = _stale_hits(result, query)
    if stale:
        holder.refresh_candidates(stale)
        result = holder.search(query)
        stale = _stale_hits(result, query)
        if stale:  # changed again meanwhile: leave them out rather than show them
            kept = tuple(hit for hit in result if hit.candidate_id not in stale)
            result = SearchResult(kept, result.total - len(result) + len(kept), result.facets)
    return result


def _stale_hits(result: SearchResult, query: Query) -> set[int]:
    rows = Candidate.objects.filter(pk__in=result.ids).values_list(
        "pk", "status", "consent_scope", "job_centre_id", "available_from"
    )
    current = {
        pk: (status, consent, centre, available) for pk, status, consent, centre, available in rows
    }
    visibility = query.visibility
    stale = set()
    for hit in result:
        row = current.get(hit.candidate_id)
        if row is None:
            stale.add(hit.candidate_id)
            continue
        status, consent, centre, available = row
        visible = centre in visibility.own_job_centres or (
            consent == ConsentScope.COOPERATION and centre in visibility.cooperation_job_centres
        )
        if (
            status != CandidateStatus.ACTIVE
            or not visible
            or available != hit.explanation.available_from
        ):
            stale.add(hit.candidate_id)
    return stale


def candidates_by_id(ids: Iterable[int]) -> dict[int, Candidate]:
    """The hits' candidates for a page, with job centre and municipality, in one query."""
    queryset: QuerySet[Candidate] = Candidate.objects.select_related("job_centre", "municipality")
    return {c.pk: c for c in queryset.filter(pk__in=list(ids))}
