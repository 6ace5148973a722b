"""Read candidates from the database as engine features: a handful of `values_list` queries
per chunk of candidates, no model instances, no N+1."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from django.db.models import Q

from jobbro.candidates.models import (
    Candidate,
    CandidateStatus,
    ConsentScope,
    Cv,
    Experience,
    HeldQualification,
    SpokenLanguage,
)
from jobbro.organisations.models import Municipality
from jobbro.taxonomy.models import Occupation

from .engine import CEFR_LEVELS, OccupationCode
from .engine import CandidateFeatures as Features
from .engine import HeldQualification as Held
from .engine import SpokenLanguage as Spoken

CHUNK = 5000
DEFAULT_COMMUTE_KM = 30  # Cv.max_commute_km's default, for a candidate without a CV yet


def occupation_codes() -> dict[int, OccupationCode]:
    rows = Occupation.objects.values_list("id", "isco_group__code", "code")
    return {pk: OccupationCode(isco or "", code or "") for pk, isco, code in rows}


def municipality_coordinates() -> dict[int, tuple[float, float]]:
    rows = Municipality.objects.values_list("id", "latitude", "longitude")
    return {pk: (float(lat), float(lon)) for pk, lat, lon in rows}


def years_between(start: dt.date, end: dt.date | None, today: dt.date) -> float:
    """Like Experience.years, rounded to days' precision so sums stay stable."""
    return round(max(0.0, ((end or today) - start).days / 365.25), 4)


def all_features(*, today: dt.date, chunk: int = CHUNK) -> Iterator[Features]:
    """Every candidate, in id order, chunk by chunk (memory stays flat)."""
    last = 0
    while True:
        ids = list(
            Candidate.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:chunk]
        )
        if not ids:
            return
        yield from _features(Q(pk__gte=ids[0], pk__lte=ids[-1]), ids[0], ids[-1], today=today)
        last = ids[-1]


def features_of(candidate_ids: Sequence[int], *, today: dt.date) -> dict[int, Features]:
    """The given candidates that still exist."""
    found: dict[int, Features] = {}
    for start in range(0, len(candidate_ids), CHUNK):
        ids = candidate_ids[start : start + CHUNK]
        for features in _features(Q(pk__in=ids), None, None, today=today, ids=ids):
            found[features.id] = features
    return found


def _features(
    which: Q,
    low: int | None,
    high: int | None,
    *,
    today: dt.date,
    ids: Iterable[int] | None = None,
) -> Iterator[Features]:
    # Rows of CV tables are selected by their CV's candidate: a range or an id list.
    if ids is not None:
        by_candidate = Q(cv__candidate_id__in=list(ids))
    else:
        by_candidate = Q(cv__candidate_id__gte=low, cv__candidate_id__lte=high)
    experience: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for candidate_id, occupation_id, start, end in Experience.objects.filter(
        by_candidate
    ).values_list("cv__candidate_id", "occupation_id", "start_date", "end_date"):
        experience[candidate_id].append((occupation_id, years_between(start, end, today)))
    wished: dict[int, list[int]] = defaultdict(list)
    for candidate_id, occupation_id in Cv.wished_occupations.through.objects.filter(
        by_candidate
    ).values_list("cv__candidate_id", "occupation_id"):
        wished[candidate_id].append(occupation_id)
    skills: dict[int, list[int]] = defaultdict(list)
    for candidate_id, skill_id in Cv.skills.through.objects.filter(by_candidate).values_list(
        "cv__candidate_id", "skill_id"
    ):
        skills[candidate_id].append(skill_id)
    held: dict[int, list[Held]] = defaultdict(list)
    for candidate_id, qualification_id, expires_on in HeldQualification.objects.filter(
        by_candidate
    ).values_list("cv__candidate_id", "qualification_id", "expires_on"):
        held[candidate_id].append(Held(qualification_id, expires_on))
    spoken: dict[int, list[Spoken]] = defaultdict(list)
    for candidate_id, language_id, level in SpokenLanguage.objects.filter(by_candidate).values_list(
        "cv__candidate_id", "language_id", "level"
    ):
        spoken[candidate_id].append(Spoken(language_id, CEFR_LEVELS.get(level, 0)))
    rows = (
        Candidate.objects.filter(which)
        .order_by("pk")
        .values_list(
            "pk",
            "job_centre_id",
            "municipality_id",
            "status",
            "consent_scope",
            "available_from",
            "cv__max_commute_km",
        )
    )
    for pk, centre, municipality, status, consent, available, commute in rows:
        yield Features(
            id=pk,
            job_centre_id=centre,
            municipality_id=municipality,
            active=status == CandidateStatus.ACTIVE,
            shared_with_cooperation=consent == ConsentScope.COOPERATION,
            available_from=available,
            max_commute_km=float(DEFAULT_COMMUTE_KM if commute is None else commute),
            experience=tuple(experience.get(pk, ())),
            wished_occupations=tuple(wished.get(pk, ())),
            skills=tuple(skills.get(pk, ())),
            qualifications=tuple(held.get(pk, ())),
            languages=tuple(spoken.get(pk, ())),
        )
