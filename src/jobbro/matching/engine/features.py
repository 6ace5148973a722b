"""What the engine knows about a candidate: plain values, no Django.

Records are plain (not frozen) dataclasses because the index builds many of them per
query; treat them as read-only values.

Ids are the database primary keys of the taxonomy and organisation rows; the engine never
looks them up, it only compares them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

# CEFR levels as numbers so "at least B1" is a comparison.
CEFR_LEVELS = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
CEFR_NAMES = {number: name for name, number in CEFR_LEVELS.items()}


@dataclass(slots=True)
class HeldQualification:
    qualification_id: int
    expires_on: dt.date | None = None  # None: never expires


@dataclass(slots=True)
class SpokenLanguage:
    language_id: int
    level: int  # 1 (A1) … 6 (C2), see CEFR_LEVELS


@dataclass(slots=True)
class CandidateFeatures:
    """One candidate as the index stores it.

    `experience` maps an occupation id to the years worked in it (summed over the CV's
    experience rows, ongoing jobs counted up to the day the features were read).
    `shared_with_cooperation` is the consent to cross-municipal sharing: without it only the
    candidate's own job centre sees them.
    """

    id: int
    job_centre_id: int
    municipality_id: int
    active: bool
    shared_with_cooperation: bool
    available_from: dt.date
    max_commute_km: float
    experience: tuple[tuple[int, float], ...] = ()
    wished_occupations: tuple[int, ...] = ()
    skills: tuple[int, ...] = ()
    qualifications: tuple[HeldQualification, ...] = ()
    languages: tuple[SpokenLanguage, ...] = ()

    @property
    def total_years(self) -> float:
        return sum(years for _, years in self.experience)


@dataclass(frozen=True, slots=True)
class OccupationCode:
    """Where an occupation sits in ISCO/ESCO: its 4-digit ISCO unit group and ESCO code.

    ESCO codes extend the ISCO code: "7115.1" is an occupation under ISCO 7115, and
    "7115.1.3" is a narrower occupation under "7115.1". Two occupations sharing the first two
    segments ("7115.1") are in the same ESCO branch.
    """

    isco: str
    esco: str = ""

    def path(self) -> tuple[str, str, str, str, str]:
        """(major, sub-major, minor, unit group, ESCO branch), broad to narrow."""
        isco = self.isco
        segments = self.esco.split(".")
        branch = ".".join(segments[:2]) if len(segments) >= 2 else ""
        return (isco[:1], isco[:2], isco[:3], isco[:4], branch)


def normalised(features: CandidateFeatures) -> CandidateFeatures:
    """One entry per occupation, skill, qualification and language, sorted by id.

    Years in the same occupation add up; of a qualification held twice the later expiry
    counts; of a language the higher level. Already normalised features come back as they are.
    """
    f = features
    if (
        _strictly_increasing([o for o, _ in f.experience])
        and _strictly_increasing(f.wished_occupations)
        and _strictly_increasing(f.skills)
        and _strictly_increasing([q.qualification_id for q in f.qualifications])
        and _strictly_increasing([s.language_id for s in f.languages])
        and isinstance(f.max_commute_km, float)
    ):
        return f
    years: dict[int, float] = {}
    for occupation_id, worked in f.experience:
        years[occupation_id] = years.get(occupation_id, 0.0) + worked
    expiry: dict[int, dt.date | None] = {}
    for held in f.qualifications:
        qid = held.qualification_id
        if qid not in expiry:
            expiry[qid] = held.expires_on
        else:
            known = expiry[qid]
            if known is not None and (held.expires_on is None or held.expires_on > known):
                expiry[qid] = held.expires_on
    levels: dict[int, int] = {}
    for spoken in f.languages:
        levels[spoken.language_id] = max(levels.get(spoken.language_id, 0), spoken.level)
    return CandidateFeatures(
        id=f.id,
        job_centre_id=f.job_centre_id,
        municipality_id=f.municipality_id,
        active=f.active,
        shared_with_cooperation=f.shared_with_cooperation,
        available_from=f.available_from,
        max_commute_km=float(f.max_commute_km),
        experience=tuple(sorted(years.items())),
        wished_occupations=tuple(sorted(set(f.wished_occupations))),
        skills=tuple(sorted(set(f.skills))),
        qualifications=tuple(HeldQualification(q, e) for q, e in sorted(expiry.items())),
        languages=tuple(SpokenLanguage(lang, lvl) for lang, lvl in sorted(levels.items())),
    )


def _strictly_increasing(values: Sequence[int]) -> bool:
    return all(a < b for a, b in pairwise(values))
