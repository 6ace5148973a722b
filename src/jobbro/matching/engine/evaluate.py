"""The rules for one candidate in plain Python: the specification the index vectorises.

`evaluate` decides whether a candidate passes the hard filters and, if so, scores and
explains them. The index uses it to explain its top k; `reference_search` applies it to
every candidate, so tests can check the fast path against it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from . import scoring
from .features import CandidateFeatures, OccupationCode, normalised
from .query import Order, Query, Requirement, RequirementKind
from .results import (
    Component,
    DistanceInfo,
    Explanation,
    FacetCounts,
    OccupationMatch,
    RankedCandidate,
    RequirementResult,
    SearchResult,
    SkillCoverage,
)

YEARS_EPSILON = 1e-9  # years are sums of floats; 2.9999999999 years is 3 years


@dataclass(frozen=True, slots=True)
class Context:
    """What a query needs besides the candidate: occupation paths and coordinates."""

    occupation_paths: Mapping[int, tuple[str, ...]]
    coordinates: Mapping[int, tuple[float, float]]  # municipality id → (latitude, longitude)

    @classmethod
    def build(
        cls,
        occupations: Mapping[int, OccupationCode],
        coordinates: Mapping[int, tuple[float, float]],
    ) -> Context:
        return cls({k: code.path() for k, code in occupations.items()}, dict(coordinates))


@dataclass(frozen=True, slots=True)
class Evaluation:
    units: int  # score in millionths
    explanation: Explanation


def visible(features: CandidateFeatures, query: Query) -> bool:
    visibility = query.visibility
    if features.job_centre_id in visibility.own_job_centres:
        return True
    return (
        features.shared_with_cooperation
        and features.job_centre_id in visibility.cooperation_job_centres
    )


def check(
    requirement: Requirement, features: CandidateFeatures, query: Query, years: float
) -> RequirementResult:
    target = requirement.target_id
    match requirement.kind:
        case RequirementKind.QUALIFICATION:
            for held in features.qualifications:
                if held.qualification_id == target:
                    valid = held.expires_on is None or held.expires_on >= query.valid_on
                    return RequirementResult(requirement, valid, expires_on=held.expires_on)
            return RequirementResult(requirement, False)
        case RequirementKind.LANGUAGE:
            for spoken in features.languages:
                if spoken.language_id == target:
                    met = spoken.level >= requirement.min_level
                    return RequirementResult(requirement, met, held_level=spoken.level)
            return RequirementResult(requirement, False)
        case RequirementKind.SKILL | RequirementKind.TASK_SKILL:
            return RequirementResult(requirement, target in features.skills)
        case RequirementKind.EXPERIENCE:
            met = years + YEARS_EPSILON >= requirement.min_years
            return RequirementResult(requirement, met, years=years)
    raise ValueError(requirement.kind)


class Prepared:
    """A query with what every candidate's evaluation shares worked out once."""

    def __init__(
        self, query: Query, context: Context, km: dict[int, float | None] | None = None
    ) -> None:
        self.query = query
        self.context = context
        self.musts = query.must_haves
        licences = tuple(Requirement.qualification(q, must=True) for q in query.filters.licences)
        self.hard = (*self.musts, *licences)
        self.nices = query.nice_to_haves
        self.tasks = query.task_skills
        self.essential = frozenset(query.essential_skills)
        self.optional = frozenset(query.optional_skills) - self.essential  # counted once
        self.named = query.named_skills
        self.query_paths = [(q, context.occupation_paths.get(q)) for q in query.occupations]
        self._km: dict[int, float | None] = dict(km or {})  # per municipality, if known
        self._closest: dict[int, tuple[float, scoring.MatchKind, int | None]] = {}
        self.wanted = frozenset(query.occupations)

    def km(self, municipality_id: int) -> float | None:
        if municipality_id not in self._km:
            where = self.context.coordinates.get(municipality_id)
            workplace = self.query.workplace
            self._km[municipality_id] = (
                None
                if workplace is None or where is None
                else scoring.haversine_km(workplace, where)
            )
        return self._km[municipality_id]

    def closest(self, occupation_id: int) -> tuple[float, scoring.MatchKind, int | None]:
        """(similarity, kind, searched occupation) of the nearest searched occupation."""
        found = self._closest.get(occupation_id)
        if found is None:
            found = (0.0, scoring.MatchKind.NONE, None)
            path = self.context.occupation_paths.get(occupation_id)
            for query_id, query_path in self.query_paths:
                kind = scoring.match_kind(query_id, query_path, occupation_id, path)
                similarity = scoring.SIMILARITY[kind]
                if similarity > found[0]:
                    found = (similarity, kind, query_id)
            self._closest[occupation_id] = found
        return found

    def occupation_match(self, features: CandidateFeatures) -> OccupationMatch:
        best: tuple[float, float, float, int, float, bool] | None = None
        experienced = set()
        held = []
        for occupation_id, years in features.experience:
            experienced.add(occupation_id)
            held.append((occupation_id, years, True))
        held += [(o, 0.0, False) for o in features.wished_occupations if o not in experienced]
        for occupation_id, years, by_experience in held:
            similarity = self.closest(occupation_id)[0]
            if similarity <= 0:
                continue
            factor = scoring.experience_factor(years)
            value = similarity * factor
            if best is None or value > best[0]:
                best = (value, similarity, factor, occupation_id, years, by_experience)
        if best is None:
            return OccupationMatch(scoring.MatchKind.NONE, 0.0, None, None, 0.0, False, 0.0, 0.0)
        value, similarity, factor, occupation_id, years, by_experience = best
        _, kind, query_id = self.closest(occupation_id)
        return OccupationMatch(
            kind, similarity, query_id, occupation_id, years, by_experience, factor, value
        )

    def evaluate(self, f: CandidateFeatures) -> Evaluation | None:
        """The candidate's score and explanation, or None if a hard filter rules them out."""
        query = self.query
        filters = query.filters
        if not f.active or not visible(f, query) or f.id in query.exclude:
            return None
        if filters.job_centres is not None and f.job_centre_id not in filters.job_centres:
            return None
        if filters.among is not None and f.id not in filters.among:
            return None
        if query.start_date is not None and f.available_from > query.start_date:
            return None
        if filters.available_by is not None and f.available_from > filters.available_by:
            return None
        km = self.km(f.municipality_id)
        if (
            filters.max_distance_km is not None
            and query.workplace is not None
            and (km is None or km > filters.max_distance_km)
        ):
            return None
        if self.wanted:
            years = sum((y for o, y in f.experience if o in self.wanted), 0.0)
        else:
            years = sum((y for _, y in f.experience), 0.0)
        musts = [check(r, f, query, years) for r in self.hard]
        if not all(result.met for result in musts):
            return None
        occupation = self.occupation_match(f)
        skills = set(f.skills)
        if query.gated and occupation.similarity <= 0 and not (skills & self.named):
            return None

        essential_held = len(skills & self.essential)
        optional_held = len(skills & self.optional)
        coverage = SkillCoverage(
            essential_held,
            len(self.essential),
            optional_held,
            len(self.optional),
            scoring.skill_coverage(
                essential_held, len(self.essential), optional_held, len(self.optional)
            ),
        )
        commute = f.max_commute_km
        distance = DistanceInfo(
            km, commute, None if km is None else km <= commute, scoring.proximity(km, commute)
        )
        nices = [check(r, f, query, years) for r in self.nices]
        nice_met = sum(result.met for result in nices)
        nice = scoring.nice_share(nice_met, len(nices))
        tasks = [check(r, f, query, years) for r in self.tasks]
        if tasks:  # the search for the tasks without the trade
            share = scoring.task_share(sum(result.met for result in tasks), len(tasks))
            components: tuple[Component, ...] = (
                Component("tasks", share, scoring.WEIGHT_TASKS),
                Component("nice_to_have", nice, scoring.WEIGHT_NICE),
                Component("proximity", distance.value, scoring.WEIGHT_PROXIMITY),
            )
            score = scoring.task_score(share, nice, distance.value)
        else:
            components = (
                Component("occupation", occupation.value, scoring.WEIGHT_OCCUPATION),
                Component("skills", coverage.value, scoring.WEIGHT_SKILLS),
                Component("nice_to_have", nice, scoring.WEIGHT_NICE),
                Component("proximity", distance.value, scoring.WEIGHT_PROXIMITY),
            )
            score = scoring.total_score(occupation.value, coverage.value, nice, distance.value)
        explanation = Explanation(
            requirements=tuple(musts[: len(self.musts)]) + tuple(nices) + tuple(tasks),
            occupation=occupation,
            skills=coverage,
            distance=distance,
            available_from=f.available_from,
            years_in_occupation=years,
            nice_to_have_met=nice_met,
            nice_to_have_total=len(nices),
            components=components,
        )
        return Evaluation(scoring.score_units(score), explanation)


def evaluate(features: CandidateFeatures, query: Query, context: Context) -> Evaluation | None:
    """One candidate against one query: None if a hard filter rules them out (see Prepared)."""
    return Prepared(query, context).evaluate(normalised(features))


def reference_search(
    candidates: Iterable[CandidateFeatures], query: Query, context: Context
) -> SearchResult:
    """Brute force: evaluate everyone, rank by score then id, list in the query's order,
    count the facets by their definition. Slow; for tests and checks."""
    people = [normalised(f) for f in candidates]
    prepared = Prepared(query, context)
    scored = []
    for features in people:
        evaluation = prepared.evaluate(features)
        if evaluation is not None:
            scored.append((-evaluation.units, features.id, evaluation))
    scored.sort(key=lambda row: (row[0], row[1]))
    ranked = [
        RankedCandidate(cid, rank, -neg / scoring.SCORE_UNITS, ev.explanation)
        for rank, (neg, cid, ev) in enumerate(scored, start=1)
    ]
    if query.order is Order.DISTANCE:
        ranked.sort(key=lambda hit: _km_or_last(hit.explanation.distance.km))
    elif query.order is Order.AVAILABLE:
        ranked.sort(key=lambda hit: hit.explanation.available_from)
    page = ranked[query.offset : query.offset + query.limit]
    facets = None if query.facets is None else _reference_facets(people, query, context)
    return SearchResult(tuple(page), len(scored), facets)


def _km_or_last(km: float | None) -> float:
    return math.inf if km is None else km


def _reference_facets(
    people: list[CandidateFeatures], query: Query, context: Context
) -> FacetCounts:
    """Each count straight from its definition: the search with that facet value set."""
    assert query.facets is not None
    filters = query.filters

    def passing(**changes: object) -> list[CandidateFeatures]:
        changed = replace(query, filters=replace(filters, **changes))  # type: ignore[arg-type]
        prepared = Prepared(changed, context)
        return [f for f in people if prepared.evaluate(f) is not None]

    job_centres = Counter(f.job_centre_id for f in passing(job_centres=None))
    return FacetCounts(
        job_centres=dict(job_centres),
        within_km={km: len(passing(max_distance_km=km)) for km in query.facets.distances_km},
        any_distance=len(passing(max_distance_km=None)),
        licences={
            licence: len(passing(licences=(*filters.licences, licence)))
            for licence in query.facets.licences
        },
        among={key: len(passing(among=ids)) for key, ids in query.facets.among},
        any_among=len(passing(among=None)) if query.facets.among else 0,
    )
