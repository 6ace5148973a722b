"""A national cooperation's five years, generated fast, for the dashboards' benchmark and the
load test (`manage.py seed_national`, docs/performance.md).

At scale 1: every one of the 98 municipalities in 24 job centres, 300,000 candidates with
CVs (occupations weighted as the job orders ask for them, so the ranked list has work),
20,000 companies, 250,000 job orders, 1,000,000 referrals, 200,000 hires with their
follow-ups, company contact, recruitment agreements, inquiries and survey answers, dated
over the five years up to today. Names, addresses, CPR and CVR numbers are invented but
valid in form (the demo's word lists; CPR numbers encrypted and hashed as the app does).

Speed: rows are built in memory and written with `bulk_create` in batches; the job orders
go in chunks with their referrals, hires and follow-ups, so memory stays flat. Everything
is one transaction: an interrupted run leaves nothing behind. Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from jobbro.candidates.models import (
    Candidate,
    ConsentScope,
    Cv,
    Experience,
    HeldQualification,
    SpokenLanguage,
    TargetGroup,
)
from jobbro.candidates.validators import cpr_birth_date
from jobbro.companies.models import (
    Company,
    Industry,
    IndustryVersion,
    Interaction,
    InteractionKind,
    InteractionOutcome,
    RecruitmentAgreement,
)
from jobbro.intake.models import Channel, Inquiry, InquiryStatus
from jobbro.joborders.models import (
    FollowUp,
    FollowUpStep,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Placement,
    Project,
    Referral,
    ReferralState,
)
from jobbro.organisations.models import (
    Cooperation,
    JobCentre,
    Membership,
    Municipality,
    Role,
    SteeringGroupTerm,
    User,
)
from jobbro.surveys.models import QUESTIONS, SurveyInvitation, SurveyResponse, SurveyRound
from jobbro.taxonomy.models import (
    CefrLevel,
    Language,
    Occupation,
    OccupationSkill,
    Qualification,
    Relation,
)

from .demo.companies import NAME_PATTERNS, demo_cvr
from .demo.context import DEMO_PASSWORD
from .demo.names import DANISH_SURNAMES, STREETS, ascii_slug, person_name, phone, pick_origin

SHORT_NAME = "NAT"
NAME = "Nationalt Rekrutteringssamarbejde"
USERNAME_PREFIX = "nat-"
MANAGER = "nat-leder"
STEERING = "nat-styregruppe"

# Scale 1: the national figures (issue 14 point 7, issue 16 point 3).
NATIONAL = {
    "candidates": 300_000,
    "companies": 20_000,
    "job_orders": 250_000,
    "referrals": 1_000_000,
    "placements": 200_000,
}
CENTRES = 24
YEARS = 5
BATCH = 5_000  # rows per INSERT
ORDER_CHUNK = 4_000  # job orders generated (with referrals, hires, follow-ups) at a time

KIND_WEIGHTS = {
    JobOrderKind.ORDINARY: 60,
    JobOrderKind.INTERNSHIP: 12,
    JobOrderKind.WAGE_SUBSIDY: 10,
    JobOrderKind.SMALL_JOB: 6,
    JobOrderKind.APPRENTICESHIP: 4,
    JobOrderKind.FLEX_JOB: 5,
    JobOrderKind.JOB_ROTATION: 3,
}
SUBSIDISED = (JobOrderKind.INTERNSHIP, JobOrderKind.WAGE_SUBSIDY)
HOURS = {JobOrderKind.SMALL_JOB: 12, JobOrderKind.FLEX_JOB: 20}
POSITION_WEIGHTS = {1: 74, 2: 14, 3: 6, 4: 3, 5: 2, 10: 1}
# A subsidised hire that becomes an ordinary job at the same company (Fyn: 76 of 184).
BECOMES_JOB = 0.4
# CVs, as in the demo and the matching benchmark (bench/matching_data.py): consent to share
# with the cooperation, the car licence, first aid, Danish as mother tongue, some English.
CONSENTED = 0.75
LICENCE_B, FIRST_AID = 0.7, 0.25
DANISH_MOTHER_TONGUE, ENGLISH = 0.8, 0.75
# Candidates' marks beside youth (counted by age): share of candidates with each.
MARKS = {"senior": 0.18, "academic": 0.12, "refugee": 0.08, "flex_job": 0.06, "sick_listed": 0.1}
FOLLOW_UPS = (
    (FollowUpStep.WEEK, 7, 0.95),
    (FollowUpStep.MONTH, 30, 0.9),
    (FollowUpStep.QUARTER, 90, 0.85),
)
INTERACTIONS_PER_COMPANY_YEAR = 3
INTERACTION_WEIGHTS = {
    InteractionKind.VISIT: 30,
    InteractionKind.CALL: 40,
    InteractionKind.MAIL: 20,
    InteractionKind.MEETING: 10,
}
AGREEMENT_SHARE = 0.1  # of the companies, each with one recruitment agreement
INQUIRIES_PER_COMPANY_YEAR = 0.5
SURVEYED_PER_ROUND = 0.025  # of the companies, each quarter
SURVEY_ANSWERED = 0.4
PROJECTS = (
    "Byggeriets fremtid",
    "Grøn omstilling",
    "Flere i fleksjob",
    "Unge i job",
    "Sundhed og omsorg",
    "Transport og logistik",
    "Hotel og restauration",
    "Seniorer i arbejde",
    "Fra praktik til job",
    "Akademikere i erhverv",
)
SECTOR_OF_SECTION = {  # DB25 sections → the demo's company name patterns
    "F": "construction",
    "C": "metal",
    "I": "hospitality",
    "Q": "care",
    "H": "logistics",
    "N": "cleaning",
}


@dataclass(frozen=True)
class Sizes:
    candidates: int
    companies: int
    job_orders: int
    referrals: int
    placements: int
    centres: int = CENTRES
    years: int = YEARS

    @classmethod
    def scaled(cls, scale: float, **given: int | None) -> Sizes:
        """The national sizes times `scale`, each overridden where given."""
        sizes: dict[str, int] = {k: max(10, round(v * scale)) for k, v in NATIONAL.items()}
        sizes.update({k: v for k, v in given.items() if v is not None})
        return cls(**sizes)


def national_exists() -> bool:
    return Cooperation.objects.filter(short_name=SHORT_NAME).exists()


@contextmanager
def _dated_by_us(*fields: models.DateTimeField) -> Iterator[None]:
    """Let the generator set creation times a model normally stamps with the save's now:
    five years of history cannot all be created today."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def _field(model: type[models.Model], name: str) -> models.DateTimeField:
    found = model._meta.get_field(name)
    assert isinstance(found, models.DateTimeField)
    return found


def _bulk(model: type[models.Model], rows: Sequence[Any]) -> list[Any]:
    return model._default_manager.bulk_create(rows, batch_size=BATCH)


@dataclass
class _World:
    rng: random.Random
    cv_rng: random.Random  # the CVs' own stream: the rest is the same with or without them
    sizes: Sizes
    today: dt.date
    start: dt.date
    cooperation: Cooperation = field(init=False)
    centres: list[JobCentre] = field(default_factory=list)
    centre_of: dict[int, int] = field(default_factory=dict)  # municipality id → centre id
    municipalities: list[Municipality] = field(default_factory=list)
    job_consultant: dict[int, int] = field(default_factory=dict)  # centre id → user id
    business_consultant: dict[int, int] = field(default_factory=dict)
    occupations: list[int] = field(default_factory=list)
    industries: list[Industry] = field(default_factory=list)
    projects: list[int] = field(default_factory=list)
    candidates_at: dict[int, list[int]] = field(default_factory=dict)  # centre id → ids
    candidates: list[int] = field(default_factory=list)
    companies: list[tuple[int, int, int]] = field(default_factory=list)  # id, centre, municipality
    municipality_of: dict[int, int] = field(default_factory=dict)  # company id → municipality
    counts: dict[str, int] = field(default_factory=dict)

    def moment(self, first: dt.date | None = None, last: dt.date | None = None) -> dt.datetime:
        """A working-day time between the two days (both included), in local time."""
        first = first or self.start
        last = last or self.today
        day = first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        if day.weekday() >= 5 and self.rng.random() < 0.9:
            day -= dt.timedelta(days=day.weekday() - 4)  # weekends are quiet: to Friday
            day = max(day, first)
        at = dt.datetime.combine(day, dt.time(self.rng.randint(7, 16), self.rng.randint(0, 59)))
        return timezone.make_aware(at)


def seed_national(sizes: Sizes, *, seed_value: int = 2026, today: dt.date | None = None,
                  progress: Callable[[str], None] = lambda _: None) -> dict[str, int]:  # fmt: skip
    """Create the national cooperation and its five years; the caller checks
    `national_exists()` first. Returns what was made, by kind."""
    today = today or timezone.localdate()
    world = _World(
        rng=random.Random(seed_value),  # noqa: S311 - synthetic data
        cv_rng=random.Random(seed_value + 1),  # noqa: S311
        sizes=sizes,
        today=today,
        start=today.replace(year=today.year - sizes.years) + dt.timedelta(days=1),
    )
    if not Occupation.objects.exists():
        raise LookupError("No occupations: load the ESCO taxonomy first (load_taxonomy).")
    steps: list[tuple[str, Callable[[_World], None]]] = [
        ("organisation", _organisation),
        ("candidates", _candidates),
        ("companies", _companies),
        ("job orders, referrals, hires and follow-ups", _job_orders),
        ("company contact and agreements", _company_contact),
        ("inquiries", _inquiries),
        ("surveys", _surveys),
    ]
    with (
        transaction.atomic(),
        _dated_by_us(
            _field(JobOrder, "created_at"),
            _field(Candidate, "created_at"),
            _field(Company, "created_at"),
            _field(RecruitmentAgreement, "created_at"),
        ),
    ):
        for label, step in steps:
            progress(label)
            step(world)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, or the planner guesses
            cursor.execute("ANALYZE")
    return world.counts


# --- the cooperation --------------------------------------------------------------------


def _organisation(world: _World) -> None:
    rng = world.rng
    world.municipalities = list(Municipality.objects.order_by("region", "code"))
    n = min(world.sizes.centres, len(world.municipalities))
    world.cooperation = Cooperation.objects.create(name=NAME, short_name=SHORT_NAME)
    # Neighbours together: consecutive municipalities (by region and code) share a centre.
    size, larger = divmod(len(world.municipalities), n)
    groups, at = [], 0
    for i in range(n):
        until = at + size + (1 if i < larger else 0)
        groups.append(world.municipalities[at:until])
        at = until
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow by design
    users: list[User] = []
    for group in groups:
        centre = JobCentre.objects.create(
            cooperation=world.cooperation, name=f"Jobcenter {group[0].name}"
        )
        centre.municipalities.set(group)
        world.centres.append(centre)
        for m in group:
            world.centre_of[m.pk] = centre.pk
        slug = ascii_slug(group[0].name)
        for kind in ("jk", "vk"):
            first, last = person_name(rng, pick_origin(rng), rng.random() < 0.5)
            users.append(
                User(
                    username=f"{USERNAME_PREFIX}{kind}-{slug}",
                    first_name=first,
                    last_name=last,
                    email=f"{kind}-{slug}@national.example",
                    password=password,
                )
            )
    secretariat = world.centres[0]
    world.cooperation.secretariat = secretariat
    world.cooperation.save(update_fields=["secretariat"])
    for username, first, last in ((MANAGER, "Lone", "Leder"), (STEERING, "Sten", "Styregruppe")):
        users.append(
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@national.example",
                password=password,
            )
        )
    users = _bulk(User, users)
    memberships = []
    for i, centre in enumerate(world.centres):
        jk, vk = users[2 * i], users[2 * i + 1]
        world.job_consultant[centre.pk] = jk.pk
        world.business_consultant[centre.pk] = vk.pk
        memberships += [
            Membership(user=jk, job_centre=centre, role=Role.JOB_CONSULTANT),
            Membership(user=vk, job_centre=centre, role=Role.BUSINESS_CONSULTANT),
        ]
    manager, steering = users[-2], users[-1]
    memberships += [
        Membership(user=manager, job_centre=secretariat, role=Role.MANAGER),
        Membership(user=steering, job_centre=secretariat, role=Role.STEERING_GROUP),
    ]
    _bulk(Membership, memberships)
    SteeringGroupTerm.objects.create(
        cooperation=world.cooperation,
        member=steering,
        job_centre=secretariat,
        is_chair=True,
        starts_on=world.start,
        ends_on=world.today.replace(year=world.today.year + 2),
    )
    world.projects = [
        p.pk
        for p in _bulk(
            Project,
            [Project(cooperation=world.cooperation, name=name) for name in PROJECTS],
        )
    ]
    # The occupations job orders name: a few hundred, some much more often than others.
    ids = list(Occupation.objects.order_by("pk").values_list("pk", flat=True))
    world.occupations = rng.sample(ids, min(len(ids), 400))
    world.industries = list(Industry.objects.filter(version=IndustryVersion.DB25).order_by("pk"))
    if not world.industries:
        raise LookupError("No DB25 industries: migrate the database first.")
    world.counts.update(job_centres=len(world.centres), users=len(users))


# --- candidates -------------------------------------------------------------------------


def _cpr(rng: random.Random, birth: dt.date, used: set[str]) -> str:
    """A CPR number valid in form (date, century digit), unique in the set."""
    while True:
        seventh = rng.randint(0, 3) if birth.year < 2000 else rng.randint(4, 9)
        cpr = f"{birth:%d%m%y}{seventh}{rng.randint(0, 999):03d}"
        if cpr not in used and cpr_birth_date(cpr) == birth:
            used.add(cpr)
            return cpr


def _candidates(world: _World) -> None:
    rng = world.rng
    used: set[str] = set()
    marks = {g.code: g.pk for g in TargetGroup.objects.filter(code__in=MARKS)}
    through = Candidate.target_groups.through
    # Centres differ in size: weights from 1 to 4.
    weights = [rng.choice((1, 1, 2, 2, 3, 4)) for _ in world.centres]
    municipalities_of: dict[int, list[int]] = {}
    for m in world.municipalities:
        municipalities_of.setdefault(world.centre_of[m.pk], []).append(m.pk)
    total = world.sizes.candidates
    cvs = _Cvs(world)
    made = 0
    while made < total:
        batch: list[Candidate] = []
        for _ in range(min(BATCH, total - made)):
            centre = rng.choices(world.centres, weights=weights)[0]
            age_days = rng.randint(18 * 365, 66 * 365)
            birth = world.today - dt.timedelta(days=age_days)
            female = rng.random() < 0.48
            first, last = person_name(rng, pick_origin(rng), female)
            registered = world.start + dt.timedelta(
                days=rng.randint(-365, (world.today - world.start).days)
            )
            slug = ascii_slug(f"{first}.{last}")
            candidate = Candidate(
                job_centre=centre,
                first_name=first,
                last_name=last,
                birth_date=birth,
                email=f"{slug}{rng.randint(1, 999)}@example.net",
                phone=phone(rng),
                street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                municipality_id=rng.choice(municipalities_of[centre.pk]),
                available_from=registered,
                registered_on=registered,
                created_at=timezone.make_aware(dt.datetime.combine(registered, dt.time(9))),
            )
            candidate.cpr = _cpr(rng, birth, used)
            if cvs.rng.random() < CONSENTED:
                candidate.consent_scope = ConsentScope.COOPERATION
                candidate.consent_given_on = registered
            batch.append(candidate)
        created = _bulk(Candidate, batch)
        links = []
        for c in created:
            world.candidates.append(c.pk)
            world.candidates_at.setdefault(c.job_centre_id, []).append(c.pk)
            for code, share in MARKS.items():
                if code in marks and rng.random() < share:
                    links.append(through(candidate_id=c.pk, targetgroup_id=marks[code]))
        _bulk(through, links)
        cvs.write(created)
        made += len(created)
    world.counts["candidates"] = made
    world.counts["cvs"] = cvs.made


class _Cvs:
    """Each candidate's CV: a main trade (weighted as the job orders name occupations) with
    years in it, sometimes an earlier one, 4–9 of the trade's essential skills, licences
    and languages."""

    def __init__(self, world: _World) -> None:
        self.world = world
        self.rng = world.cv_rng
        self.weights = [1 / (i + 1) for i in range(len(world.occupations))]
        self.essential: dict[int, list[int]] = {}
        for occupation, skill in OccupationSkill.objects.filter(
            occupation__in=world.occupations, relation=Relation.ESSENTIAL
        ).values_list("occupation", "skill"):
            self.essential.setdefault(occupation, []).append(skill)
        qualifications = dict(
            Qualification.objects.filter(code__in=("licence-b", "first-aid")).values_list(
                "code", "pk"
            )
        )
        self.licence_b, self.first_aid = (
            qualifications.get("licence-b"),
            qualifications.get("first-aid"),
        )
        languages = dict(Language.objects.values_list("code", "pk"))
        self.danish, self.english = languages.get("da"), languages.get("en")
        self.other_tongues = [
            languages[c] for c in ("ar", "pl", "uk", "tr", "so", "ro") if c in languages
        ]
        self.made = 0

    def write(self, candidates: Sequence[Candidate]) -> None:
        rng, today = self.rng, self.world.today
        cvs = _bulk(
            Cv,
            [Cv(candidate_id=c.pk, max_commute_km=rng.randrange(10, 65, 5)) for c in candidates],
        )
        experiences: list[Experience] = []
        wished, skills = [], []
        held: list[HeldQualification] = []
        spoken: list[SpokenLanguage] = []
        for cv in cvs:
            main = rng.choices(self.world.occupations, weights=self.weights)[0]
            other = rng.choice(self.world.occupations)
            years = min(40.0, rng.triangular(0.3, 25, 5))
            ended = today - dt.timedelta(days=rng.randint(0, 400))
            started = ended - dt.timedelta(days=round(years * 365.25))
            experiences.append(
                Experience(cv=cv, occupation_id=main, title="", start_date=started, end_date=ended)
            )
            if rng.random() < 0.3:
                before = started - dt.timedelta(days=rng.randint(30, 1500))
                experiences.append(
                    Experience(
                        cv=cv, occupation_id=other, title="", start_date=before, end_date=started
                    )
                )
            wished.append(Cv.wished_occupations.through(cv_id=cv.pk, occupation_id=main))
            essential = self.essential.get(main, [])
            skills += [
                Cv.skills.through(cv_id=cv.pk, skill_id=s)
                for s in rng.sample(essential, min(len(essential), rng.randint(4, 9)))
            ]
            for pk, share in ((self.licence_b, LICENCE_B), (self.first_aid, FIRST_AID)):
                if pk and rng.random() < share:
                    held.append(HeldQualification(cv=cv, qualification_id=pk))
            if self.danish and rng.random() < DANISH_MOTHER_TONGUE:
                spoken.append(SpokenLanguage(cv=cv, language_id=self.danish, level=CefrLevel.C2))
            elif self.danish and self.other_tongues:
                tongue = rng.choice(self.other_tongues)
                spoken.append(SpokenLanguage(cv=cv, language_id=tongue, level=CefrLevel.C2))
                level = rng.choice((CefrLevel.A2, CefrLevel.B1, CefrLevel.B2))
                spoken.append(SpokenLanguage(cv=cv, language_id=self.danish, level=level))
            if self.english and rng.random() < ENGLISH:
                level = rng.choice((CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1))
                spoken.append(SpokenLanguage(cv=cv, language_id=self.english, level=level))
        for model, rows in (
            (Experience, experiences),
            (Cv.wished_occupations.through, wished),
            (Cv.skills.through, skills),
            (HeldQualification, held),
            (SpokenLanguage, spoken),
        ):
            _bulk(model, rows)
        self.made += len(cvs)


# --- companies --------------------------------------------------------------------------


def _companies(world: _World) -> None:
    rng = world.rng
    cvrs: set[str] = set()
    # Industries: a few dozen common ones carry most companies.
    common = rng.sample(world.industries, min(40, len(world.industries)))
    rows: list[Company] = []
    while len(rows) < world.sizes.companies:
        cvr = demo_cvr(rng.randrange(1_000_000, 10_000_000))
        if cvr is None or cvr in cvrs or cvr.startswith("0"):
            continue
        cvrs.add(cvr)
        municipality = rng.choice(world.municipalities)
        industry = rng.choice(common) if rng.random() < 0.8 else rng.choice(world.industries)
        sector = SECTOR_OF_SECTION.get(industry.code[:1], rng.choice(list(NAME_PATTERNS)))
        town = municipality.name
        name = rng.choice(NAME_PATTERNS[sector]).format(
            surname=rng.choice(DANISH_SURNAMES), town=town
        )
        domain = ascii_slug(f"{name} {cvr}".replace(" ApS", "").replace(" A/S", ""))[:50]
        centre = world.centre_of[municipality.pk]
        rows.append(
            Company(
                cooperation=world.cooperation,
                cvr=cvr,
                name=name,
                street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                postcode=f"{rng.randint(1000, 9990)}",
                city=town,
                municipality=municipality,
                industry=industry,
                phone=phone(rng),
                email=f"kontakt@{domain}.dk",
                contact_consultant_id=world.business_consultant[centre],
                created_at=world.moment(world.start - dt.timedelta(days=365), world.start),
            )
        )
    for company in _bulk(Company, rows):
        world.companies.append(
            (company.pk, world.centre_of[company.municipality_id], company.municipality_id)
        )
        world.municipality_of[company.pk] = company.municipality_id
    world.counts["companies"] = len(world.companies)


# --- job orders, referrals, hires, follow-ups -------------------------------------------


@dataclass
class _Order:
    company: int
    centre: int
    kind: str
    created: dt.datetime
    positions: int
    hires: int
    referred: int
    cancelled: bool = False
    hired: list[int] = field(default_factory=list)  # a follow-on order's candidate
    order: JobOrder | None = None


def _job_orders(world: _World) -> None:
    rng, sizes = world.rng, world.sizes
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    positions, position_weights = list(POSITION_WEIGHTS), list(POSITION_WEIGHTS.values())
    mean_positions = sum(p * w for p, w in POSITION_WEIGHTS.items()) / sum(position_weights)
    # Follow-on ordinary jobs add hires: plan fewer ordinary ones to land near the target.
    subsidised = sum(KIND_WEIGHTS[k] for k in SUBSIDISED) / sum(kind_weights)
    planned_hires = sizes.placements / (1 + BECOMES_JOB * subsidised)
    fill = min(0.95, planned_hires / (sizes.job_orders * mean_positions * 0.95))
    referrals_per_order = sizes.referrals / sizes.job_orders
    # Busier companies: a fifth of the companies get most orders.
    busy = world.companies[: max(1, len(world.companies) // 5)]
    occupation_weights = [1 / (i + 1) for i in range(len(world.occupations))]
    made = 0
    totals = {"job_orders": 0, "referrals": 0, "placements": 0, "follow_ups": 0}
    while made < sizes.job_orders:
        plans: list[_Order] = []
        for _ in range(min(ORDER_CHUNK, sizes.job_orders - made)):
            company, centre, _m = rng.choice(busy if rng.random() < 0.6 else world.companies)
            created = world.moment()
            age = (world.today - timezone.localdate(created)).days
            n_positions = rng.choices(positions, weights=position_weights)[0]
            cancelled = rng.random() < 0.03
            hires = 0
            if not cancelled and age > 14:
                hires = sum(rng.random() < fill for _ in range(n_positions))
            mean_extra = max(0.0, referrals_per_order - 0.5)
            referred = max(hires, 1 + int(rng.expovariate(1 / mean_extra)) if mean_extra else 1)
            plans.append(
                _Order(
                    company,
                    centre,
                    rng.choices(kinds, weights=kind_weights)[0],
                    created,
                    n_positions,
                    hires,
                    0 if cancelled and rng.random() < 0.5 else referred,
                    cancelled,
                )
            )
        made += len(plans)
        follow_on = _write_orders(world, plans, occupation_weights, totals)
        _write_orders(world, follow_on, occupation_weights, totals)
    world.counts.update(totals)


def _write_orders(
    world: _World, plans: list[_Order], occupation_weights: list[float], totals: dict[str, int]
) -> list[_Order]:
    """The planned orders with their referrals, hires and follow-ups; returns the ordinary
    jobs that some of their subsidised hires became (to be written the same way)."""
    if not plans:
        return []
    rng = world.rng
    today = world.today
    orders = []
    for plan in plans:
        kind = plan.kind
        day = timezone.localdate(plan.created)
        age = (today - day).days
        if plan.cancelled:
            status = JobOrderStatus.CANCELLED
        elif plan.hires == plan.positions:
            status = JobOrderStatus.FILLED
        elif age > 90:
            status = JobOrderStatus.CLOSED
        else:
            status = JobOrderStatus.OPEN
        occupation = rng.choices(world.occupations, weights=occupation_weights)[0]
        orders.append(
            JobOrder(
                company_id=plan.company,
                job_centre_id=plan.centre,
                by_secretariat=rng.random() < 0.05,
                created_by_id=world.business_consultant[plan.centre],
                title=f"Stilling {occupation}",
                occupation_id=occupation,
                positions=plan.positions,
                hires=plan.hires,
                kind=kind,
                hours_per_week=HOURS.get(JobOrderKind(kind), 37),
                workplace_address=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                workplace_municipality_id=world.municipality_of[plan.company],
                start_date=day + dt.timedelta(days=rng.randint(14, 60)),
                deadline=day + dt.timedelta(days=rng.randint(7, 30)),
                project_id=rng.choice(world.projects) if rng.random() < 0.25 else None,
                status=status,
                created_at=plan.created,
            )
        )
    for plan, order in zip(plans, _bulk(JobOrder, orders), strict=True):
        plan.order = order
    referrals: list[Referral] = []
    hired_plan: list[_Order] = []
    for plan in plans:
        order = plan.order
        assert order is not None
        chosen = list(plan.hired)
        local = world.candidates_at.get(plan.centre) or world.candidates
        tries = 0
        while len(chosen) < plan.referred and tries < 4 * plan.referred:
            tries += 1
            pool = local if rng.random() < 0.8 else world.candidates
            candidate = rng.choice(pool)
            if candidate not in chosen:
                chosen.append(candidate)
        hires = min(plan.hires, len(chosen))
        if hires != plan.hires:  # a tiny world ran out of candidates
            order.hires = hires
            JobOrder.objects.filter(pk=order.pk).update(hires=hires)
        open_order = order.status == JobOrderStatus.OPEN
        for i, candidate in enumerate(chosen):
            if i < hires:
                state = ReferralState.HIRED
            elif open_order:
                state = rng.choices(
                    (ReferralState.PROPOSED, ReferralState.INTERVIEW, ReferralState.DECLINED),
                    weights=(50, 30, 20),
                )[0]
            else:
                state = rng.choices(
                    (ReferralState.DECLINED, ReferralState.WITHDRAWN, ReferralState.PROPOSED),
                    weights=(65, 25, 10),
                )[0]
            created = order.created_at + dt.timedelta(
                days=rng.randint(0, 10 if i < hires else 30), hours=rng.randint(0, 6)
            )
            referrals.append(
                Referral(
                    job_order=order,
                    candidate_id=candidate,
                    proposed_by_id=world.job_consultant[plan.centre],
                    state=state,
                    created_at=min(created, timezone.now()),
                )
            )
            if state == ReferralState.HIRED:
                hired_plan.append(plan)
    referrals = _bulk(Referral, referrals)
    hired = [r for r in referrals if r.state == ReferralState.HIRED]
    placements = []
    for referral, plan in zip(hired, hired_plan, strict=True):
        day = timezone.localdate(referral.created_at)
        start = day + dt.timedelta(days=rng.randint(3, 40))
        ordinary = plan.kind in (JobOrderKind.ORDINARY, JobOrderKind.APPRENTICESHIP)
        placements.append(
            Placement(
                referral=referral,
                start_date=start,
                hours_per_week=referral.job_order.hours_per_week,
                ordinary_hours=ordinary and rng.random() < 0.8,
                recorded_by_id=world.job_consultant[plan.centre],
                created_at=timezone.make_aware(
                    dt.datetime.combine(min(start, today), dt.time(rng.randint(8, 15)))
                ),
            )
        )
    placements = _bulk(Placement, placements)
    follow_ups: list[FollowUp] = []
    follow_on: list[_Order] = []
    centre_of = {c: centre for centre, ids in world.candidates_at.items() for c in ids}
    for placement, plan in zip(placements, hired_plan, strict=True):
        employed = True
        for step, days, stays in FOLLOW_UPS:
            due = placement.start_date + dt.timedelta(days=days)
            done = due <= today - dt.timedelta(days=5) and rng.random() < 0.92
            if done:
                employed = employed and rng.random() < stays
            done_at = timezone.make_aware(
                dt.datetime.combine(due + dt.timedelta(days=rng.randint(0, 4)), dt.time(11))
            )
            follow_ups.append(
                FollowUp(
                    placement=placement,
                    step=step,
                    due_on=due,
                    done_at=done_at if done else None,
                    done_by_id=world.job_consultant[plan.centre] if done else None,
                    still_employed=employed if done else None,
                    ordinary_hours=(employed and rng.random() < 0.75) if done else None,
                    job_order_centre_id=plan.centre,
                    candidate_centre_id=centre_of[placement.referral.candidate_id],
                )
            )
        if plan.kind in SUBSIDISED and rng.random() < BECOMES_JOB:
            created = timezone.make_aware(
                dt.datetime.combine(
                    placement.start_date + dt.timedelta(days=rng.randint(30, 120)), dt.time(10)
                )
            )
            if timezone.localdate(created) < today - dt.timedelta(days=60):
                follow_on.append(
                    _Order(
                        plan.company,
                        plan.centre,
                        JobOrderKind.ORDINARY,
                        created,
                        1,
                        1,
                        1,
                        hired=[placement.referral.candidate_id],
                    )
                )
    _bulk(FollowUp, follow_ups)
    totals["job_orders"] += len(orders)
    totals["referrals"] += len(referrals)
    totals["placements"] += len(placements)
    totals["follow_ups"] += len(follow_ups)
    return follow_on


# --- company contact and agreements -----------------------------------------------------


def _company_contact(world: _World) -> None:
    rng = world.rng
    kinds, weights = list(INTERACTION_WEIGHTS), list(INTERACTION_WEIGHTS.values())
    outcomes = [*InteractionOutcome.values, ""]
    n = round(len(world.companies) * world.sizes.years * INTERACTIONS_PER_COMPANY_YEAR)
    rows = []
    for _ in range(n):
        company, centre, _m = rng.choice(world.companies)
        rows.append(
            Interaction(
                company_id=company,
                kind=rng.choices(kinds, weights=weights)[0],
                occurred_at=world.moment(),
                consultant_id=world.business_consultant[centre],
                job_centre_id=centre,
                by_secretariat=rng.random() < 0.05,
                outcome_code=rng.choice(outcomes),
            )
        )
    world.counts["interactions"] = len(_bulk(Interaction, rows))
    agreements = []
    for company, centre, _m in rng.sample(
        world.companies, max(1, round(len(world.companies) * AGREEMENT_SHARE))
    ):
        start = timezone.localdate(world.moment())
        agreements.append(
            RecruitmentAgreement(
                company_id=company,
                job_centre_id=centre,
                by_secretariat=rng.random() < 0.05,
                signed_by_id=world.business_consultant[centre],
                start_date=start,
                end_date=start + dt.timedelta(days=rng.choice((182, 365, 730))),
                expected_hires=rng.choice((0, 2, 3, 5, 8, 10, 20)),
                created_at=timezone.make_aware(dt.datetime.combine(start, dt.time(9))),
            )
        )
    agreements = _bulk(RecruitmentAgreement, agreements)
    through = RecruitmentAgreement.occupations.through
    links = []
    for agreement in agreements:
        for occupation in rng.sample(world.occupations[:60], rng.choice((0, 1, 1, 2))):
            links.append(through(recruitmentagreement_id=agreement.pk, occupation_id=occupation))
    _bulk(through, links)
    world.counts["agreements"] = len(agreements)


# --- the shared line --------------------------------------------------------------------


def _inquiries(world: _World) -> None:
    rng = world.rng
    hours = world.cooperation.inquiry_response_hours
    n = max(10, round(len(world.companies) * world.sizes.years * INQUIRIES_PER_COMPANY_YEAR))
    now = timezone.now()
    rows = []
    for i in range(n):
        company, centre, _m = rng.choice(world.companies)
        received = world.moment()
        respond_by = received + dt.timedelta(hours=hours)
        answered = received + dt.timedelta(hours=rng.expovariate(1 / (hours * 0.8)))
        status = rng.choices(
            (InquiryStatus.ANSWERED, InquiryStatus.CLOSED, InquiryStatus.NEW), weights=(75, 20, 5)
        )[0]
        if status == InquiryStatus.NEW and received < now - dt.timedelta(days=30):
            status = InquiryStatus.ANSWERED
        responded = status == InquiryStatus.ANSWERED and answered <= now
        if status == InquiryStatus.ANSWERED and not responded:
            status = InquiryStatus.NEW
        first, last = person_name(rng, pick_origin(rng), rng.random() < 0.5)
        rows.append(
            Inquiry(
                cooperation=world.cooperation,
                reference=f"N{i:08d}",
                channel=rng.choice(Channel.values),
                received_at=received,
                respond_by=respond_by,
                company_id=company,
                company_name="Virksomhed",
                contact_name=f"{first} {last}",
                contact_phone=phone(rng),
                subject="Behov for medarbejdere",
                message="Vi søger medarbejdere og vil gerne høre, hvad jobcentret kan tilbyde.",
                routed_to_id=centre,
                at_secretariat=rng.random() < 0.1,
                status=status,
                first_response_at=answered if responded else None,
                first_response_by_id=world.business_consultant[centre] if responded else None,
            )
        )
    world.counts["inquiries"] = len(_bulk(Inquiry, rows))


# --- surveys ----------------------------------------------------------------------------


def _surveys(world: _World) -> None:
    rng = world.rng
    per_round = max(2, round(len(world.companies) * SURVEYED_PER_ROUND))
    invitations: list[SurveyInvitation] = []
    day = world.start
    quarters = []
    while day <= world.today:
        quarters.append((day.year, (day.month - 1) // 3 + 1))
        day = (day.replace(day=1) + dt.timedelta(days=95)).replace(day=1)
    for year, number in sorted(set(quarters)):
        sent = timezone.make_aware(dt.datetime(year, 3 * (number - 1) + 1, 15, 9))
        if sent.date() > world.today:
            continue
        survey_round = SurveyRound.objects.create(
            cooperation=world.cooperation, year=year, quarter=number, created_at=sent
        )
        for company, centre, _m in rng.sample(
            world.companies, min(per_round, len(world.companies))
        ):
            answered = sent + dt.timedelta(days=rng.randint(1, 20))
            invitations.append(
                SurveyInvitation(
                    survey_round=survey_round,
                    company_id=company,
                    email=f"kontakt{company}@virksomhed.example",
                    job_centre_id=centre,
                    consultant_id=world.business_consultant[centre],
                    token=f"{rng.getrandbits(128):032x}",
                    sent_at=sent,
                    answered_at=answered
                    if rng.random() < SURVEY_ANSWERED and answered < timezone.now()
                    else None,
                )
            )
    invitations = _bulk(SurveyInvitation, invitations)
    responses = []
    for invitation in invitations:
        if invitation.answered_at is None:
            continue
        scores = {q: rng.choices((1, 2, 3, 4, 5), weights=(3, 7, 20, 40, 30))[0] for q in QUESTIONS}
        responses.append(
            SurveyResponse(invitation=invitation, created_at=invitation.answered_at, **scores)
        )
    world.counts["survey_invitations"] = len(invitations)
    world.counts["survey_responses"] = len(_bulk(SurveyResponse, responses))
