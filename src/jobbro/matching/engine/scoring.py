"""The score, in one place: weights, formulas and their scalar versions.

    score = 0.40 × occupation + 0.25 × skills + 0.20 × nice-to-haves + 0.15 × proximity

Each part is between 0 and 1, so the score is too (shown as 0–100 points).

occupation    best over the candidate's occupations (experience or wished) of
              similarity × experience factor.
              similarity: same occupation 1.0, same ESCO branch 0.8, same ISCO unit group
              (4 digits) 0.6, same minor group (3 digits) 0.4, same sub-major group
              (2 digits) 0.2, otherwise 0.
              experience factor: 0.5 + 0.5 × (1 − 2^(−years / 2)); a wished occupation without
              experience counts 0.5, two years 0.75, four years 0.875, saturating at 1.
skills        (essential held + ½ × optional held) / (essential + ½ × optional) of the
              searched occupation's ESCO skills; 0 when it has none.
nice-to-haves nice-to-haves met / max(nice-to-haves, 4); 0 when there are none. One
              nice-to-have is thus at most a quarter of the part (5 of 100 points): a
              skill picked by mistake cannot outweigh the occupation.
proximity     1 − distance / maximum commute, not below 0; 0 without a workplace.

The search for a job order's tasks without the trade (substitution labour) names no
occupation; the share of the tasks' skills held takes the place of occupation and skills:

    score = 0.65 × tasks + 0.20 × nice-to-haves + 0.15 × proximity

tasks         task skills held / task skills (each skill once, however many tasks need it).

Scores are rounded to 6 decimals (`score_units`: integer millionths) before ranking, and
ties are broken by the lower candidate id, so a query always gives the same order.
"""

from __future__ import annotations

import math
from enum import StrEnum

WEIGHT_OCCUPATION = 0.40
WEIGHT_SKILLS = 0.25
WEIGHT_NICE = 0.20
WEIGHT_PROXIMITY = 0.15

# In the search for the tasks without the trade, the tasks' skills weigh what the trade
# (occupation and its skills) weighs in the ordinary search.
WEIGHT_TASKS = WEIGHT_OCCUPATION + WEIGHT_SKILLS

OPTIONAL_SKILL_WEIGHT = 0.5
# Nice-to-haves are counted against at least this many, so that one or two of them (a
# skill picked by mistake, say) add at most 5 points each instead of 20 or 10.
NICE_TO_HAVE_FLOOR = 4
EXPERIENCE_HALF_LIFE_YEARS = 2.0
SCORE_UNITS = 1_000_000  # scores are ranked as integer millionths
EARTH_RADIUS_KM = 6371.0


class MatchKind(StrEnum):
    SAME = "same"  # the searched occupation itself
    ESCO_BRANCH = "esco_branch"  # broader/narrower/sibling occupation under one ESCO code
    ISCO_UNIT = "isco_unit"  # same 4-digit ISCO group
    ISCO_MINOR = "isco_minor"  # same 3-digit ISCO group
    ISCO_SUB_MAJOR = "isco_sub_major"  # same 2-digit ISCO group
    NONE = "none"


# Similarity by the narrowest shared level of (major, sub-major, minor, unit, ESCO branch).
LEVEL_KINDS = (
    MatchKind.NONE,  # sharing only the 1-digit major group counts for nothing
    MatchKind.ISCO_SUB_MAJOR,
    MatchKind.ISCO_MINOR,
    MatchKind.ISCO_UNIT,
    MatchKind.ESCO_BRANCH,
)
SIMILARITY = {
    MatchKind.SAME: 1.0,
    MatchKind.ESCO_BRANCH: 0.8,
    MatchKind.ISCO_UNIT: 0.6,
    MatchKind.ISCO_MINOR: 0.4,
    MatchKind.ISCO_SUB_MAJOR: 0.2,
    MatchKind.NONE: 0.0,
}


def match_kind(
    query_id: int,
    query_path: tuple[str, ...] | None,
    candidate_id: int,
    candidate_path: tuple[str, ...] | None,
) -> MatchKind:
    """How close a candidate's occupation is to a searched one."""
    if query_id == candidate_id:
        return MatchKind.SAME
    if query_path is None or candidate_path is None:
        return MatchKind.NONE
    kind = MatchKind.NONE
    for level, (mine, theirs) in enumerate(zip(query_path, candidate_path, strict=True)):
        if not mine or mine != theirs:
            break
        kind = LEVEL_KINDS[level]
    return kind


def experience_factor(years: float) -> float:
    return 0.5 + 0.5 * (1.0 - 2.0 ** (-years / EXPERIENCE_HALF_LIFE_YEARS))


def skill_coverage(
    essential_held: int, essential_total: int, optional_held: int, optional_total: int
) -> float:
    total = essential_total + OPTIONAL_SKILL_WEIGHT * optional_total
    if total <= 0:
        return 0.0
    return (essential_held + OPTIONAL_SKILL_WEIGHT * optional_held) / total


def proximity(distance_km: float | None, max_commute_km: float) -> float:
    if distance_km is None or math.isnan(distance_km):
        return 0.0
    if max_commute_km <= 0:
        return 1.0 if distance_km <= 0 else 0.0
    return max(0.0, 1.0 - distance_km / max_commute_km)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def nice_denominator(total: int) -> int:
    """What the nice-to-haves met are divided by: their number, at least the floor."""
    return max(total, NICE_TO_HAVE_FLOOR)


def nice_share(met: float, total: int) -> float:
    """The nice-to-have part of the score (0 when the job order has none)."""
    return met / nice_denominator(total) if total else 0.0


def total_score(occupation: float, skills: float, nice: float, near: float) -> float:
    return (
        WEIGHT_OCCUPATION * occupation
        + WEIGHT_SKILLS * skills
        + WEIGHT_NICE * nice
        + WEIGHT_PROXIMITY * near
    )


def task_share(held: int, total: int) -> float:
    """The tasks part of the score: the share of the task skills the candidate holds."""
    return held / total if total else 0.0


def task_score(tasks: float, nice: float, near: float) -> float:
    """The score of the search for the tasks without the trade."""
    return WEIGHT_TASKS * tasks + WEIGHT_NICE * nice + WEIGHT_PROXIMITY * near


def score_units(score: float) -> int:
    """The score as integer millionths: what ranking and ties use."""
    return round(score * SCORE_UNITS)
