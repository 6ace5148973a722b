"""Reads for the free search: how free text is read as concepts, and one's saved searches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import QuerySet

from jobbro.organisations.models import User
from jobbro.taxonomy.models import Occupation, Qualification, Skill
from jobbro.taxonomy.selectors import suggest_occupations, suggest_skills

from .models import SavedSearch

T = TypeVar("T")

# Suggestion scores run from 0 to about 2 (an exact label scores about 1.9); below these a
# match is a guess the user would rather not have applied silently.
OCCUPATION_THRESHOLD = 1.0
SKILL_THRESHOLD = 1.0
MAX_SKILLS = 3


@dataclass(frozen=True)
class Chip:
    """One concept the text was read as; `key` is what `drop` removes (o12, s34, q5)."""

    key: str
    label: str
    kind: str  # "occupation", "skill" or "qualification"


@dataclass(frozen=True)
class Interpretation:
    occupations: list[Occupation] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.occupations or self.skills or self.qualifications)

    @property
    def chips(self) -> list[Chip]:
        return [
            *(Chip(f"o{o.pk}", str(o.label), "occupation") for o in self.occupations),
            *(Chip(f"s{s.pk}", str(s.label), "skill") for s in self.skills),
            *(Chip(f"q{q.pk}", str(q.label), "qualification") for q in self.qualifications),
        ]


def interpret(text: str, *, dropped: set[str] | None = None) -> Interpretation:
    """The best occupation and the best few skills or certificates the text names."""
    dropped = dropped or set()
    occupation_ids = [
        s.pk
        for s in suggest_occupations(text, limit=1)
        if s.score >= OCCUPATION_THRESHOLD and f"o{s.pk}" not in dropped
    ]
    skill_ids: list[int] = []
    qualification_ids: list[int] = []
    for suggestion in suggest_skills(text, limit=10):
        if suggestion.score < SKILL_THRESHOLD or len(skill_ids + qualification_ids) >= MAX_SKILLS:
            continue
        is_qualification = suggestion.kind == "qualification"
        if f"{'q' if is_qualification else 's'}{suggestion.pk}" in dropped:
            continue
        (qualification_ids if is_qualification else skill_ids).append(suggestion.pk)
    return Interpretation(
        occupations=list(Occupation.objects.filter(pk__in=occupation_ids)),
        skills=_in_order(Skill.objects.in_bulk(skill_ids), skill_ids),
        qualifications=_in_order(
            Qualification.objects.in_bulk(qualification_ids), qualification_ids
        ),
    )


def _in_order(found: dict[int, T], ids: list[int]) -> list[T]:
    return [found[pk] for pk in ids if pk in found]


def saved_searches_of(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(owner=user).order_by("name", "pk")
