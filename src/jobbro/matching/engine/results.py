"""What a search returns: the ranked candidates, each with why it ranks where it does.

Plain (not frozen) dataclasses, because 50 explanations are built per search and frozen
ones cost four times as much to create; treat them as read-only values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

from .query import Requirement, RequirementKind
from .scoring import MatchKind


@dataclass(slots=True)
class RequirementResult:
    """One requirement of the query and whether the candidate meets it, with what they hold:
    the CEFR level (languages), expiry date (qualifications), years (experience)."""

    requirement: Requirement
    met: bool
    held_level: int | None = None
    expires_on: dt.date | None = None
    years: float | None = None


@dataclass(slots=True)
class OccupationMatch:
    """The candidate's occupation that scored best against the searched occupation(s)."""

    kind: MatchKind
    similarity: float
    query_occupation_id: int | None
    candidate_occupation_id: int | None
    years: float  # experience in the candidate's matching occupation (0 if only wished)
    by_experience: bool  # False: only on the wish list
    experience_factor: float
    value: float  # similarity × experience factor


@dataclass(slots=True)
class SkillCoverage:
    essential_held: int
    essential_total: int
    optional_held: int
    optional_total: int
    value: float


@dataclass(slots=True)
class DistanceInfo:
    km: float | None  # None: no workplace given, or no coordinates
    max_commute_km: float
    within_commute: bool | None
    value: float  # proximity, 0–1


@dataclass(slots=True)
class Component:
    """One term of the score: value (0–1) × weight = points (of the 0–1 score)."""

    name: str  # "occupation", "skills", "nice_to_have", "proximity"; or "tasks" for those two
    value: float
    weight: float

    @property
    def points(self) -> float:
        return self.value * self.weight


@dataclass(slots=True)
class Explanation:
    # must-haves (all met), nice-to-haves, then the task skills in the search for the tasks
    requirements: tuple[RequirementResult, ...]
    occupation: OccupationMatch
    skills: SkillCoverage
    distance: DistanceInfo
    available_from: dt.date
    years_in_occupation: float  # in the searched occupation(s); all experience if none
    nice_to_have_met: int
    nice_to_have_total: int
    components: tuple[Component, ...]

    @property
    def must_haves(self) -> tuple[RequirementResult, ...]:
        return tuple(r for r in self.requirements if r.requirement.must)

    @property
    def nice_to_haves(self) -> tuple[RequirementResult, ...]:
        return tuple(
            r
            for r in self.requirements
            if not r.requirement.must and r.requirement.kind is not RequirementKind.TASK_SKILL
        )

    @property
    def task_skills(self) -> tuple[RequirementResult, ...]:
        """Each skill of the tasks without the trade, held or not (the search for tasks)."""
        return tuple(
            r for r in self.requirements if r.requirement.kind is RequirementKind.TASK_SKILL
        )


@dataclass(slots=True)
class RankedCandidate:
    candidate_id: int
    rank: int  # 1-based place by score among all who passed, whatever the order listed
    score: float  # 0–1, rounded to 6 decimals; multiply by 100 for points
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """How many would pass if one facet were set to each value, the others as they are.

    `job_centres`: per job centre id, the hits there (the job-centre facet left out; a
    centre without hits is absent). `within_km`: per requested distance, the hits that near
    the workplace, and `any_distance` without a distance limit (the distance facet left
    out). `licences`: per requested licence id, the hits that also hold it, valid.
    `among`: per requested key (a pool), the hits among its candidates, and `any_among`
    without the `among` filter (both only when keys were requested).
    """

    job_centres: dict[int, int]
    within_km: dict[float, int]
    any_distance: int
    licences: dict[int, int]
    among: dict[int, int] = field(default_factory=dict)
    any_among: int = 0


@dataclass(frozen=True, slots=True)
class SearchResult(Sequence[RankedCandidate]):
    """The requested slice of the ranked candidates, how many passed the hard filters in
    all, and the facet counts if the query asked for them."""

    candidates: tuple[RankedCandidate, ...]
    total: int
    facets: FacetCounts | None = None

    @overload
    def __getitem__(self, index: int) -> RankedCandidate: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RankedCandidate]: ...
    def __getitem__(self, index: int | slice) -> RankedCandidate | Sequence[RankedCandidate]:
        return self.candidates[index]

    def __len__(self) -> int:
        return len(self.candidates)

    def __iter__(self) -> Iterator[RankedCandidate]:
        return iter(self.candidates)

    @property
    def ids(self) -> list[int]:
        return [c.candidate_id for c in self.candidates]
