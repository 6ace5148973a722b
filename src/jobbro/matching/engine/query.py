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


@dataclass(frozen=True, slots=True)
class Query:
    """A ranked search, from a job order or free.

    `occupations` are the searched occupations (a job order has one); their essential and
    optional ESCO skills are `essential_skills` / `optional_skills`. `workplace` is
    (latitude, longitude). `today` fixes the date used when there is no start date (valid
    certificates), so a query gives the same answer whenever it is run. The hits returned
    are those at `offset` … `offset + limit` in `order`; `facets` asks for counts over all
    that passed.
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

    @property
    def valid_on(self) -> dt.date:
        """Certificates must not have expired on this day: the start date, else today."""
        return self.start_date or self.today

    @property
    def must_haves(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if r.must)

    @property
    def nice_to_haves(self) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if not r.must)

    @property
    def named_skills(self) -> frozenset[int]:
        """Every skill the query mentions; a candidate holding one of them is relevant."""
        required = {
            r.target_id
            for r in self.requirements
            if r.kind is RequirementKind.SKILL and r.target_id is not None
        }
        return frozenset(self.essential_skills) | frozenset(self.optional_skills) | required

    @property
    def gated(self) -> bool:
        """Whether relevance is required: the query names an occupation or a must-have skill.
        Nice-to-have skills alone gate nothing: they add to the score, they do not cut the
        list (the free search's skills read from text); beside an occupation, holding one
        still makes a candidate relevant."""
        return bool(self.occupations) or any(
            r.kind is RequirementKind.SKILL and r.must for r in self.requirements
        )
