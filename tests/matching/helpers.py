"""Builders for matching tests: a small taxonomy, places, candidates with CVs."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from jobbro.candidates.models import (
    Candidate,
    CandidateStatus,
    ConsentScope,
)
from jobbro.joborders.models import Importance, JobOrder, Requirement
from jobbro.organisations.models import JobCentre, Municipality, Role, User
from jobbro.taxonomy.models import (
    IscoGroup,
    Language,
    Occupation,
    Qualification,
    Relation,
    Skill,
)
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    ExperienceFactory,
    HeldQualificationFactory,
    JobOrderFactory,
    LanguageFactory,
    OccupationFactory,
    OccupationSkillFactory,
    QualificationFactory,
    RequirementFactory,
    SkillFactory,
    SpokenLanguageFactory,
    staff,
)


def isco(code: str) -> IscoGroup:
    parent = isco(code[:-1]) if len(code) > 1 else None
    group, _ = IscoGroup.objects.get_or_create(
        code=code,
        defaults={
            "uri": f"http://data.europa.eu/esco/isco/C{code}",
            "label_en": f"ISCO {code}",
            "parent": parent,
        },
    )
    return group


def place(code: str, name: str, latitude: float, longitude: float) -> Municipality:
    """A municipality as the migrations load it (with its town-hall coordinates)."""
    municipality, _ = Municipality.objects.update_or_create(
        code=code, defaults={"name": name, "latitude": latitude, "longitude": longitude}
    )
    return municipality


def occupation(label: str, esco_code: str) -> Occupation:
    return OccupationFactory(
        uri=f"http://data.europa.eu/esco/occupation/{label.replace(' ', '-')}",
        code=esco_code,
        isco_group=isco(esco_code[:4]),
        label_en=label,
        label_da=label,
    )


@dataclass
class World:
    """Job centres of one cooperation, places, a small taxonomy."""

    herlev: JobCentre
    gladsaxe: JobCentre
    copenhagen: Municipality
    ballerup: Municipality
    aarhus: Municipality
    carpenter: Occupation
    roof_carpenter: Occupation  # same ESCO branch (7115.1.x)
    joiner: Occupation  # same ISCO unit 7115
    bricklayer: Occupation  # same minor group 711
    plumber: Occupation  # same sub-major group 71
    cleaner: Occupation  # elsewhere
    skills: list[Skill]
    forklift: Qualification
    first_aid: Qualification
    danish: Language
    english: Language
    consultant: User
    other_consultant: User  # at Gladsaxe
    extra: dict[str, object] = field(default_factory=dict)


def build_world(job_centre: JobCentre, other_job_centre: JobCentre) -> World:
    copenhagen = place("101", "København", 55.6756, 12.5698)
    ballerup = place("151", "Ballerup", 55.7314, 12.3633)
    aarhus = place("751", "Aarhus", 56.153, 10.204)
    job_centre.municipalities.set([copenhagen])
    other_job_centre.municipalities.set([ballerup])
    carpenter = occupation("carpenter", "7115.1")
    skills = [SkillFactory(label_en=f"carpentry skill {i}") for i in range(6)]
    for i, skill in enumerate(skills):
        OccupationSkillFactory(
            occupation=carpenter,
            skill=skill,
            relation=Relation.ESSENTIAL if i < 4 else Relation.OPTIONAL,
        )
    return World(
        herlev=job_centre,
        gladsaxe=other_job_centre,
        copenhagen=copenhagen,
        ballerup=ballerup,
        aarhus=aarhus,
        carpenter=carpenter,
        roof_carpenter=occupation("roof carpenter", "7115.1.2"),
        joiner=occupation("joiner", "7115.3"),
        bricklayer=occupation("bricklayer", "7112.1"),
        plumber=occupation("plumber", "7126.1"),
        cleaner=occupation("cleaner", "9112.1"),
        skills=skills,
        forklift=QualificationFactory(code="truck-b", label_en="Forklift certificate B"),
        first_aid=QualificationFactory(code="first-aid", kind="course", label_en="First aid"),
        danish=LanguageFactory(code="da", label_en="Danish"),
        english=LanguageFactory(code="en", label_da="engelsk", label_en="English"),
        consultant=staff(Role.BUSINESS_CONSULTANT, job_centre),
        other_consultant=staff(Role.JOB_CONSULTANT, other_job_centre),
    )


def make_candidate(
    world: World,
    *,
    occupation: Occupation | None = None,
    years: float = 3,
    wished: tuple[Occupation, ...] = (),
    skills: tuple[Skill, ...] = (),
    qualifications: tuple[tuple[Qualification, dt.date | None], ...] = (),
    languages: tuple[tuple[Language, str], ...] = (),
    job_centre: JobCentre | None = None,
    municipality: Municipality | None = None,
    consent: bool = True,
    status: str = CandidateStatus.ACTIVE,
    available_from: dt.date | None = None,
    commute: int = 30,
    title: str = "Tømrer",
) -> Candidate:
    candidate = CandidateFactory(
        job_centre=job_centre or world.herlev,
        municipality=municipality or world.copenhagen,
        consent_scope=ConsentScope.COOPERATION if consent else ConsentScope.NONE,
        consent_given_on=dt.date(2026, 1, 5) if consent else None,
        status=status,
        available_from=available_from or timezone.localdate() - dt.timedelta(days=10),
    )
    cv = candidate.cv
    cv.max_commute_km = commute
    cv.save()
    if occupation is not None:
        today = timezone.localdate()
        ExperienceFactory(
            cv=cv,
            occupation=occupation,
            title=title,
            start_date=today - dt.timedelta(days=round(years * 365.25)),
            end_date=today,
        )
    cv.wished_occupations.set(wished)
    cv.skills.set(skills)
    for qualification, expires in qualifications:
        HeldQualificationFactory(cv=cv, qualification=qualification, expires_on=expires)
    for language, level in languages:
        SpokenLanguageFactory(cv=cv, language=language, level=level)
    return candidate


def make_job_order(world: World, *, occupation: Occupation | None = None, **fields) -> JobOrder:
    company = CompanyFactory(municipality=world.copenhagen, cooperation=world.herlev.cooperation)
    fields.setdefault("start_date", timezone.localdate() + dt.timedelta(days=30))
    return JobOrderFactory(
        company=company,
        job_centre=world.herlev,
        created_by=world.consultant,
        occupation=occupation or world.carpenter,
        workplace_municipality=world.copenhagen,
        **fields,
    )


def require(job_order: JobOrder, kind: str, *, must: bool = True, **target) -> Requirement:
    return RequirementFactory(
        job_order=job_order,
        importance=Importance.MUST if must else Importance.NICE,
        kind=kind,
        **target,
    )
