"""Synthetic candidates and job-order queries for the matching benchmark, without Django.

Everything comes from the files the project ships: the compact ESCO copy (occupations, their
essential and optional skills, ISCO codes), the 98 municipalities with coordinates, the
certificate/licence list and the languages. Ids are row numbers in those files (1-based).

Candidates follow the demo seed (src/jobbro/core/demo/candidates.py): one main occupation
(popularity is Zipf-like over a fixed shuffle of the ESCO occupations), years of experience
from a triangular distribution, sometimes earlier jobs and a second wish in the same ISCO
minor group, 4–9 of the occupation's essential skills and 0–3 optional ones, the trade's
usual certificates (by ISCO sub-major group), a car licence for 70 %, first aid (expiring
after five years) for 25 %, Danish as mother tongue for 80 % and otherwise at A2–C1.

Every job centre serves one municipality and all are in one cooperation: the searcher sees
every consenting candidate, the heaviest case for visibility (a real cooperation sees 1/11).
The generator is deterministic: the same (n, seed) always gives the same candidates.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from jobbro.matching.engine import (  # noqa: E402
    CandidateFeatures,
    Filters,
    HeldQualification,
    OccupationCode,
    Query,
    Requirement,
    SpokenLanguage,
    Visibility,
)

ESCO = ROOT / "src/jobbro/taxonomy/data/esco"
TAXONOMY_DATA = ROOT / "src/jobbro/taxonomy/data"
MUNICIPALITIES = ROOT / "src/jobbro/organisations/data/municipalities.csv"
TODAY = dt.date(2026, 3, 2)  # fixed, so a run is reproducible whenever it is made
ZIPF_EXPONENT = 0.8
# Larger towns get more candidates and more job orders.
TOWN_WEIGHTS = {"101": 12, "751": 6, "461": 4, "851": 4, "561": 2, "621": 2, "630": 2, "615": 2}
# Certificates people in a trade often hold, by ISCO sub-major group (first two digits).
TRADE_QUALIFICATIONS = {
    "71": ("construction-safety", "scaffolding", "hot-work", "fall-protection", "asbestos"),
    "72": ("welding-mig-mag", "welding-mma", "welding-tig", "hot-work"),
    "74": ("electrician-authorisation", "aerial-lift", "construction-safety"),
    "81": ("truck-b", "work-environment"),
    "83": ("licence-c", "licence-ce", "driver-cpc-goods", "adr", "crane-b", "earthmoving"),
    "93": ("truck-b", "construction-safety", "road-works", "truck-a"),
    "43": ("truck-a", "truck-b"),
    "51": ("hygiene",),
    "94": ("hygiene",),
    "53": ("sosu-helper", "sosu-assistant", "patient-handling", "medication"),
    "32": ("sosu-assistant", "medication"),
    "91": ("cleaning-amu",),
    "54": ("security-guard",),
}
EXPIRING = ("driver-cpc", "adr", "first-aid")
OTHER_MOTHER_TONGUES = ("pl", "ro", "lt", "uk", "ar", "tr", "so", "fa", "de", "sv", "es")


def _rows(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class World:
    """The reference data, with ids, and what the generator derives from it."""

    occupations: dict[int, OccupationCode]
    occupation_weights: list[float]  # cumulative, over occupation ids 1..n
    essential: dict[int, list[int]]
    optional: dict[int, list[int]]
    minor_group: dict[str, list[int]]  # 3-digit ISCO → occupation ids
    coordinates: dict[int, tuple[float, float]]
    municipality_codes: dict[int, str]
    municipality_weights: list[float]  # cumulative
    qualifications: dict[str, int]
    languages: dict[str, int]
    n_skills: int

    @property
    def job_centres(self) -> list[int]:
        return list(self.coordinates)  # one job centre per municipality, same id

    def trade_qualifications(self, occupation_id: int) -> list[int]:
        codes = TRADE_QUALIFICATIONS.get(self.occupations[occupation_id].isco[:2], ())
        return [self.qualifications[c] for c in codes if c in self.qualifications]


def load_world(seed: int = 1) -> World:
    occupation_rows = _rows(ESCO / "occupations.csv.gz")
    occupation_id = {row["uri"]: i for i, row in enumerate(occupation_rows, start=1)}
    occupations = {
        occupation_id[row["uri"]]: OccupationCode(row["isco_code"], row["code"])
        for row in occupation_rows
    }
    skill_id = {row["uri"]: i for i, row in enumerate(_rows(ESCO / "skills.csv.gz"), start=1)}
    essential: dict[int, list[int]] = defaultdict(list)
    optional: dict[int, list[int]] = defaultdict(list)
    for row in _rows(ESCO / "occupation_skills.csv.gz"):
        target = essential if row["relation"] == "essential" else optional
        target[occupation_id[row["occupation_uri"]]].append(skill_id[row["skill_uri"]])
    minor: dict[str, list[int]] = defaultdict(list)
    for oid, code in occupations.items():
        minor[code.isco[:3]].append(oid)
    # Popularity: a fixed shuffle of the occupations that have essential skills, Zipf weights.
    ranked = [oid for oid in occupations if len(essential[oid]) >= 3]
    random.Random(seed).shuffle(ranked)
    weight = dict.fromkeys(occupations, 0.0)
    for rank, oid in enumerate(ranked, start=1):
        weight[oid] = rank**-ZIPF_EXPONENT
    municipality_rows = _rows(MUNICIPALITIES)
    coordinates = {
        i: (float(row["latitude"]), float(row["longitude"]))
        for i, row in enumerate(municipality_rows, start=1)
    }
    codes = {i: row["code"] for i, row in enumerate(municipality_rows, start=1)}
    qualification_rows = _rows(TAXONOMY_DATA / "qualifications.csv")
    language_rows = _rows(TAXONOMY_DATA / "languages.csv")
    return World(
        occupations=occupations,
        occupation_weights=list(accumulate(weight[oid] for oid in sorted(occupations))),
        essential=dict(essential),
        optional=dict(optional),
        minor_group=dict(minor),
        coordinates=coordinates,
        municipality_codes=codes,
        municipality_weights=list(
            accumulate(TOWN_WEIGHTS.get(codes[m], 1) for m in sorted(coordinates))
        ),
        qualifications={row["code"]: i for i, row in enumerate(qualification_rows, start=1)},
        languages={row["code"]: i for i, row in enumerate(language_rows, start=1)},
        n_skills=len(skill_id),
    )


def _pick_occupation(world: World, rng: random.Random) -> int:
    return rng.choices(range(1, len(world.occupations) + 1), cum_weights=world.occupation_weights)[
        0
    ]


def _pick_municipality(world: World, rng: random.Random) -> int:
    return rng.choices(
        range(1, len(world.coordinates) + 1), cum_weights=world.municipality_weights
    )[0]


def candidates(world: World, n: int, seed: int = 1) -> Iterator[CandidateFeatures]:
    """n candidates, ids 1..n, streamed so that no list of all of them is ever held."""
    rng = random.Random(seed)
    random_, randint, sample, choice = rng.random, rng.randint, rng.sample, rng.choice
    q = world.qualifications
    lang = world.languages
    danish, english = lang["da"], lang["en"]
    licence_b, first_aid = q["licence-b"], q["first-aid"]
    expiring = {q[c] for c in q if c.startswith(EXPIRING)}
    municipality_count = len(world.coordinates)
    for candidate_id in range(1, n + 1):
        municipality = _pick_municipality(world, rng)
        job_centre = municipality
        if random_() < 0.03:  # lives outside the municipality its job centre serves
            municipality = randint(1, municipality_count)
        occupation = _pick_occupation(world, rng)
        code = world.occupations[occupation]
        years = round(min(40.0, rng.triangular(0, 25, 5)), 2)
        experience: list[tuple[int, float]] = []
        if random_() < 0.85:
            experience.append((occupation, years))
        related = world.minor_group[code.isco[:3]]
        for _ in range(choice((0, 0, 1, 2))):
            experience.append((choice(related), round(rng.uniform(0.3, 4.0), 2)))
        wished = [occupation]
        if random_() < 0.4:
            wished.append(choice(related))
        essential = world.essential.get(occupation, [])
        optional = world.optional.get(occupation, [])
        skills = set(sample(essential, min(len(essential), randint(4, 9))))
        skills.update(sample(optional, min(len(optional), randint(0, 3))))
        for other, _ in experience[1:]:
            others = world.essential.get(other, [])
            skills.update(sample(others, min(len(others), randint(0, 2))))
        held: dict[int, dt.date | None] = {}
        for i, qualification in enumerate(world.trade_qualifications(occupation)):
            if random_() < (0.8 if i == 0 else 0.35):
                held[qualification] = None
        if random_() < 0.7:
            held[licence_b] = None
        if random_() < 0.25:
            held[first_aid] = None
        qualifications = []
        for qualification in held:
            expires = None
            if qualification in expiring:
                obtained = TODAY - dt.timedelta(days=randint(30, 3000))
                expires = obtained + dt.timedelta(days=5 * 365)
            qualifications.append(HeldQualification(qualification, expires))
        if random_() < 0.8:
            languages = [SpokenLanguage(danish, 6)]
        else:
            languages = [
                SpokenLanguage(lang[choice(OTHER_MOTHER_TONGUES)], 6),
                SpokenLanguage(danish, randint(2, 5)),
            ]
        if random_() < 0.75:
            languages.append(SpokenLanguage(english, randint(2, 5)))
        yield CandidateFeatures(
            id=candidate_id,
            job_centre_id=job_centre,
            municipality_id=municipality,
            active=random_() < 0.88,
            shared_with_cooperation=random_() < 0.75,
            available_from=TODAY + dt.timedelta(days=randint(-400, 60)),
            max_commute_km=float(rng.randrange(10, 65, 5)),
            experience=tuple(experience),
            wished_occupations=tuple(wished),
            skills=tuple(sorted(skills)),
            qualifications=tuple(qualifications),
            languages=tuple(languages),
        )


def queries(world: World, count: int = 200, seed: int = 7) -> list[Query]:
    """Job-order searches: an occupation in demand, its ESCO skills, typical requirements."""
    rng = random.Random(seed)
    q, lang = world.qualifications, world.languages
    everyone = frozenset(world.job_centres)
    result = []
    for _ in range(count):
        occupation = _pick_occupation(world, rng)
        essential = world.essential.get(occupation, [])
        optional = world.optional.get(occupation, [])
        workplace = _pick_municipality(world, rng)
        must: list[Requirement] = []
        nice: list[Requirement] = []
        trade = world.trade_qualifications(occupation)
        if trade and rng.random() < 0.5:
            must.append(Requirement.qualification(trade[0], must=True))
        elif rng.random() < 0.3:
            must.append(Requirement.qualification(q["licence-b"], must=True))
        if rng.random() < 0.5:
            must.append(Requirement.language(lang["da"], 3, must=True))
        if rng.random() < 0.25:
            must.append(Requirement.experience(rng.choice((1, 2, 3)), must=True))
        if essential and rng.random() < 0.15:
            must.append(Requirement.skill(rng.choice(essential), must=True))
        options = [
            Requirement.language(lang["en"], 3, must=False),
            Requirement.qualification(q["licence-b"], must=False),
            Requirement.qualification(q["first-aid"], must=False),
            Requirement.experience(5, must=False),
        ]
        if optional:
            options.append(Requirement.skill(rng.choice(optional), must=False))
        nice = rng.sample(options, rng.randint(1, 3))
        centres = None
        if rng.random() < 0.1:
            centres = frozenset(rng.sample(sorted(everyone), 5))
        result.append(
            Query(
                visibility=Visibility(frozenset({workplace}), everyone),
                today=TODAY,
                occupations=(occupation,),
                essential_skills=tuple(essential),
                optional_skills=tuple(optional),
                requirements=(*must, *nice),
                workplace=world.coordinates[workplace],
                start_date=TODAY + dt.timedelta(days=rng.randint(7, 60)),
                filters=Filters(
                    job_centres=centres,
                    max_distance_km=50.0 if rng.random() < 0.2 else None,
                ),
                limit=50,
            )
        )
    return result
