"""The engine's explanation of a ranked candidate in plain words (Danish or English).

`Labels.for_hits` fetches every label the hits need in a few queries, then `explain` words
each hit: must-haves met, nice-to-haves met or missing, how the occupation matches, skills
covered, distance, availability and the score's points per component; in the search for
a job order's tasks without the trade, each task's skills held or missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from jobbro.matching.engine import (
    CEFR_NAMES,
    Explanation,
    MatchKind,
    OccupationMatch,
    RankedCandidate,
    RequirementKind,
    RequirementResult,
)
from jobbro.taxonomy.models import Language, Occupation, Qualification, Skill


@dataclass(frozen=True)
class Line:
    text: str
    met: bool = True


@dataclass(frozen=True)
class Point:
    label: str
    points: str  # formatted, e.g. "31,5"


@dataclass(frozen=True)
class TaskSkills:
    """A task without the trade and the skills it needs, as the search for tasks shows it."""

    title: str
    skill_ids: tuple[int, ...]


@dataclass(frozen=True)
class TaskLines:
    title: str
    lines: list[Line]


@dataclass(frozen=True)
class Explained:
    points: int  # the score, 0–100
    must_haves: list[Line]
    nice_to_haves: list[Line]
    occupation: str
    skills: str
    distance: str
    outside_commute: bool
    available: str
    components: list[Point]
    tasks: list[TaskLines] = dataclasses.field(default_factory=list)  # the search for tasks


@dataclass
class Labels:
    occupations: dict[int, Occupation]
    skills: dict[int, str]
    qualifications: dict[int, str]
    languages: dict[int, str]

    @classmethod
    def for_hits(cls, hits: Iterable[RankedCandidate]) -> Labels:
        occupation_ids: set[int] = set()
        wanted: dict[RequirementKind, set[int]] = {kind: set() for kind in RequirementKind}
        for hit in hits:
            match = hit.explanation.occupation
            for pk in (match.query_occupation_id, match.candidate_occupation_id):
                if pk is not None:
                    occupation_ids.add(pk)
            for result in hit.explanation.requirements:
                if result.requirement.target_id is not None:
                    wanted[result.requirement.kind].add(result.requirement.target_id)
        occupations = Occupation.objects.select_related("isco_group").in_bulk(occupation_ids)
        skills = Skill.objects.in_bulk(
            wanted[RequirementKind.SKILL] | wanted[RequirementKind.TASK_SKILL]
        )
        qualifications = Qualification.objects.in_bulk(wanted[RequirementKind.QUALIFICATION])
        languages = Language.objects.in_bulk(wanted[RequirementKind.LANGUAGE])
        return cls(
            occupations=occupations,
            skills={pk: str(s.label) for pk, s in skills.items()},
            qualifications={pk: str(q.label) for pk, q in qualifications.items()},
            languages={pk: str(lang.label) for pk, lang in languages.items()},
        )


def _number(value: float, digits: int = 1) -> str:
    """1 decimal, without a trailing ",0": 6.5 → "6,5" in Danish, 6.0 → "6"."""
    rounded = round(value, digits)
    if rounded == int(rounded):
        return str(int(rounded))
    return str(formats.number_format(rounded, digits))


def _plural(years: float) -> int:
    """The count that picks "year" or "years": 1 only for exactly one."""
    return 1 if _number(years) == "1" else 2


def _date(day: dt.date) -> str:
    return str(formats.date_format(day, "DATE_FORMAT"))


def requirement_text(result: RequirementResult, labels: Labels) -> str:
    requirement = result.requirement
    target = requirement.target_id
    match requirement.kind:
        case RequirementKind.QUALIFICATION:
            name = labels.qualifications.get(target or 0, "?")
            if result.met and result.expires_on is not None:
                return _("%(name)s (valid until %(date)s)") % {
                    "name": name,
                    "date": _date(result.expires_on),
                }
            return name
        case RequirementKind.LANGUAGE:
            name = labels.languages.get(target or 0, "?")
            wanted = CEFR_NAMES.get(requirement.min_level, "")
            if result.held_level:
                return _("%(language)s at least %(wanted)s (has %(held)s)") % {
                    "language": name,
                    "wanted": wanted,
                    "held": CEFR_NAMES.get(result.held_level, ""),
                }
            return _("%(language)s at least %(wanted)s") % {"language": name, "wanted": wanted}
        case RequirementKind.SKILL | RequirementKind.TASK_SKILL:
            return labels.skills.get(target or 0, "?")
    years = _number(requirement.min_years)
    if result.years is not None:
        return _("at least %(years)s years in the occupation (has %(held)s)") % {
            "years": years,
            "held": _number(result.years),
        }
    return _("at least %(years)s years in the occupation") % {"years": years}


def _isco(occupation: Occupation | None, digits: int) -> str:
    code = occupation.isco_group.code if occupation is not None else ""
    return str(code)[:digits]


def occupation_text(match: OccupationMatch, labels: Labels) -> str:
    """ "same occupation, 6.5 years", "related occupation (same ISCO group 7115): …"."""
    held = labels.occupations.get(match.candidate_occupation_id or 0)
    held_label = str(held.label) if held is not None else ""
    if match.kind == MatchKind.NONE or held is None:
        return _("no matching occupation")
    if match.kind == MatchKind.SAME:
        text = ngettext(
            "same occupation, %(years)s year",
            "same occupation, %(years)s years",
            _plural(match.years),
        ) % {"years": _number(match.years)}
    elif match.kind == MatchKind.ESCO_BRANCH:
        text = _("closely related occupation: %(occupation)s") % {"occupation": held_label}
    else:
        digits = {MatchKind.ISCO_UNIT: 4, MatchKind.ISCO_MINOR: 3}.get(match.kind, 2)
        text = _("related occupation (same ISCO group %(code)s): %(occupation)s") % {
            "code": _isco(held, digits),
            "occupation": held_label,
        }
        if match.by_experience and match.years:
            text += ", " + ngettext("%(years)s year", "%(years)s years", _plural(match.years)) % {
                "years": _number(match.years)
            }
    if not match.by_experience:
        if match.kind == MatchKind.SAME:
            return _("only as a wished occupation")
        return text + " – " + _("only as a wished occupation")
    return text


def skills_text(explanation: Explanation) -> str:
    skills = explanation.skills
    parts = []
    if skills.essential_total:
        parts.append(
            _("essential skills %(held)s of %(total)s")
            % {"held": skills.essential_held, "total": skills.essential_total}
        )
    if skills.optional_total:
        parts.append(
            _("optional %(held)s of %(total)s")
            % {"held": skills.optional_held, "total": skills.optional_total}
        )
    return ", ".join(parts)


def distance_text(explanation: Explanation) -> str:
    distance = explanation.distance
    if distance.km is None:
        return ""
    values = {"km": _number(distance.km, 0), "max": _number(distance.max_commute_km, 0)}
    if distance.within_commute is False:
        return _("%(km)s km from the workplace – outside the commute (max %(max)s km)") % values
    return _("%(km)s km from the workplace (max commute %(max)s km)") % values


def available_text(available_from: dt.date) -> str:
    if available_from <= timezone.localdate():
        return _("available now")
    return _("available from %(date)s") % {"date": _date(available_from)}


def component_label(name: str) -> str:
    labels = {
        "occupation": pgettext("score component", "Occupation"),
        "skills": pgettext("score component", "Skills"),
        "nice_to_have": pgettext("score component", "Nice-to-haves"),
        "proximity": pgettext("score component", "Distance"),
        "tasks": pgettext("score component", "The tasks' skills"),
    }
    return labels.get(name, name)


def task_lines(
    explanation: Explanation, labels: Labels, tasks: Sequence[TaskSkills]
) -> list[TaskLines]:
    """Per task without the trade, each skill it needs: held or missing. Without the
    tasks at hand, all the task skills under one heading."""
    results = {r.requirement.target_id: r for r in explanation.task_skills}
    if not tasks:
        every = tuple(skill for skill in results if skill is not None)
        tasks = [TaskSkills(_("The tasks without the trade"), every)]
    return [
        TaskLines(
            task.title,
            [
                Line(requirement_text(results[skill], labels), results[skill].met)
                for skill in task.skill_ids
                if skill in results
            ],
        )
        for task in tasks
    ]


def explain(hit: RankedCandidate, labels: Labels, tasks: Sequence[TaskSkills] = ()) -> Explained:
    """The hit in words; `tasks` names the tasks without the trade in the search for them."""
    explanation = hit.explanation
    for_tasks = bool(explanation.task_skills)
    if for_tasks:
        occupation = _("The trade is not required: ranked by the skills of the tasks")
    else:
        occupation = occupation_text(explanation.occupation, labels)
    return Explained(
        points=round(hit.score * 100),
        must_haves=[Line(requirement_text(r, labels), r.met) for r in explanation.must_haves],
        nice_to_haves=[Line(requirement_text(r, labels), r.met) for r in explanation.nice_to_haves],
        occupation=occupation,
        skills=skills_text(explanation),
        distance=distance_text(explanation),
        outside_commute=explanation.distance.within_commute is False,
        available=available_text(explanation.available_from),
        components=[
            Point(component_label(c.name), _number(c.points * 100)) for c in explanation.components
        ],
        tasks=task_lines(explanation, labels, tasks) if for_tasks else [],
    )


def requirements_met(hit: RankedCandidate) -> tuple[int, int]:
    """How many of the search's requirements the candidate meets, of how many.

    All must-haves are met (they are hard filters); nice-to-haves and, in the search for
    the tasks, the task skills count when met.
    """
    explanation = hit.explanation
    met = sum(1 for r in explanation.requirements if r.met)
    return met, len(explanation.requirements)
