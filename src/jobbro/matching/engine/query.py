"""A search: who may be seen, what is required, what is wanted, where and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class RequirementKind(StrEnum):
    QUALIFICATION = "qualification"  # certificate, licence or course, valid on the start date
    LANGUAGE = "language"  # at least the CEFR level
    SKILL = "skill"  # an ESCO skill on the CV
    EXPERIENCE = "experience"  # years in the searched occupation(s)
    # An ESCO skill on the CV that a job order's task without the trade needs: scored in
    # the search for the tasks (substitution labour), never a hard filter.
    TASK_SKILL = "task_skill"


@dataclass(frozen=True, slots=True)
class Requirement:
    """One must-have (a hard filter) or nice-to-have (adds to the score).

    `target_id` is the qualification, language or skill id; `min_level` the CEFR number
    (1 = A1 … 6 = C2) for a language; `min_years` for experience. `key` lets the caller find
    its own requirement again in the explanation (the job order's Requirement pk).
    """

    kind: RequirementKind
    must: bool
    target_id: int | None = None
    min_level: int = 0
    min_years: float = 0.0
    key: int | None = None

    @classmethod
    def qualification(
        cls, qualification_id: int, *, must: bool, key: int | None = None
    ) -> Requirement:
        return cls(RequirementKind.QUALIFICATION, must, qualification_id, key=key)

    @classmethod
    def language(
        cls, language_id: int, min_level: int, *, must: bool, key: int | None = None
    ) -> Requirement:
        return cls(RequirementKind.LANGUAGE, must, language_id, min_level=min_level, key=key)

    @classmethod
    def skill(cls, skill_id: int, *, must: bool, key: int | None = None) -> Requirement:
        return cls(RequirementKind.SKILL, must, skill_id, key=key)

    @classmethod
    def experience(cls, min_years: float, *, must: bool, key: int | None = None) -> Requirement:
        return cls(RequirementKind.EXPERIENCE, must, min_years=min_years, key=key)

    @classmethod
    def task_skill(cls, skill_id: int, *, key: int | None = None) -> Requirement:
        """A skill a task without the trade needs (see `Query.for_tasks`)."""
        return cls(RequirementKind.TASK_SKILL, False, skill_id, key=key)


@dataclass(frozen=True, slots=True)
class Visibility:
    """Who the searcher may see: every candidate of `own_job_centres`, and the candidates
    of `cooperation_job_centres` who consented to sharing in the cooperation."""

    own_job_centres: frozenset[int]
    cooperation_job_centres: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Filters:
    """Facets the caseworker ticks; every one is a hard filter."""

    job_centres: frozenset[int] | None = None  # only candidates of these job centres
    max_distance_km: float | None = None  # from the workplace (needs one)
    licences: tuple[int, ...] = ()  # qualification ids that must be held and valid
    available_by: dt.date | None = None  # available from this date or earlier
    among: frozenset[int] | None = None  # only these candidates (ids), e.g. a pool's members


class Order(StrEnum):
    """How the hits are listed; every order breaks ties by score, then by id."""

    SCORE = "score"  # highest score first
    DISTANCE = "distance"  # nearest first; an unknown distance last
    AVAILABLE = "available"  # earliest available-from date first


@dataclass(frozen=True, slots=True)
class FacetRequest:
    """Which counts a search returns beside its hits (`SearchResult.facets`): the distances
    (km) and the licences (qualification ids) a page offers as facets."""

    distances_km: tuple[float, ...] = ()
    licences: tuple[int, ...] = ()
    among: tuple[tuple[int, frozenset[int]], ...] = ()  # (key, candidate ids), e.g. pools


@dataclass(frozen=True, slots=True)
class Query:
    """A ranked search, from a job order or free.

    `occupations` are the searched occupations (a job order has one); their essential and
    optional ESCO skills are `essential_skills` / `optional_skills`. `workplace` is
    (latitude, longitude). `today` fixes the date used when there is no start date (valid
    certificates), so a query gives the same answer whenever it is run. The hits returned
    are those at `offset` … `offset + limit` in `order`; `facets` asks for counts over all
    that passed.

    A query with task-skill requirements (`Requirement.task_skill`) is the search for the
    tasks of a job order that need no trade (substitution labour): it names no occupation
    and no occupation skill profile; a candidate is relevant by holding one of the task
    skills, and is scored on the share of them held in place of occupation and skills
    (`scoring.task_score`). Each task skill is named once.
    """

    visibility: Visibility
    today: dt.date
    occupations: tuple[int, ...] = ()
    essential_skills: tuple[int, ...] = ()
    optional_skills: tuple[int, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    workplace: tuple[float, float] | None = None
    start_date: dt.date | None = None
    filters: Filters = field(default_factory=Filters)
    exclude: frozenset[int] = frozenset()
    limit: int = 50
    offset: int = 0
    order: Order = Order.SCORE
    facets: FacetRequest | None = None

    def __post_init__(self) -> None:
        tasks = [r.target_id for r in self.requirements if r.kind is RequirementKind.TASK_SKILL]
        if not tasks:
            return
        if self.occupations or self.essential_skills or self.optional_skills:
            raise ValueError("a search for the tasks without the trade names no occupation")
        if len(set(tasks)) != len(tasks) or None in tasks:
            raise ValueError("each task skill is named once, with its skill")
        if any(r.must for r in self.requirements if r.kind is RequirementKind.TASK_SKILL):
            raise ValueError("a task skill is scored, never a must-have")

    @property
    def valid_on(self) -> dt.date:
        """Certificates must not have expired on this day: the start date, else today."""
        return self.start_date or self.today

    @property
    def must_haves(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.must)

    @property
    def nice_to_haves(self) -> tuple[Requirement, ...]:
        return tuple(
            r for r in self.requirements if not r.must and r.kind is not RequirementKind.TASK_SKILL
        )

    @property
    def task_skills(self) -> tuple[Requirement, ...]:
        """The skills of the tasks without the trade, each a scored requirement."""
        return tuple(r for r in self.requirements if r.kind is RequirementKind.TASK_SKILL)

    @property
    def for_tasks(self) -> bool:
        """Whether this is the search for a job order's tasks without the trade."""
        return any(r.kind is RequirementKind.TASK_SKILL for r in self.requirements)

    @property
    def named_skills(self) -> frozenset[int]:
        """Every skill the query mentions; a candidate holding one of them is relevant."""
        required = {
            r.target_id
            for r in self.requirements
            if r.kind in (RequirementKind.SKILL, RequirementKind.TASK_SKILL)
            and r.target_id is not None
        }
        return frozenset(self.essential_skills) | frozenset(self.optional_skills) | required

    @property
    def gated(self) -> bool:
        """Whether relevance is required: the query names an occupation, a must-have skill
        or task skills. Nice-to-have skills alone gate nothing: they add to the score, they
        do not cut the list (the free search's skills read from text); beside an occupation,
        holding one still makes a candidate relevant."""
        return (
            bool(self.occupations)
            or self.for_tasks
            or any(r.kind is RequirementKind.SKILL and r.must for r in self.requirements)
        )
