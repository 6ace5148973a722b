"""factory_boy factories for the whole domain; tests build only what they need."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.candidates.models import Candidate, ConsentScope, Cv
from jobbro.companies.models import Company, ContactPerson, Industry, Interaction
from jobbro.joborders.models import JobOrder, Referral
from jobbro.organisations.models import (
    Cooperation,
    JobCentre,
    Membership,
    Municipality,
    Region,
    Role,
    SteeringGroupTerm,
    User,
)
from jobbro.taxonomy.models import IscoGroup, Language, Occupation, Qualification, Skill

# Checksum-valid CVR numbers (weights 2,7,6,5,4,3,2,1; sum divisible by 11).
VALID_CVRS = ["10000009", "10000017", "10000025", "10000033", "10000041", "10000068"]


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    # Three digits like the real codes (PostgreSQL enforces the length); reused past 999.
    code = factory.Sequence(lambda n: f"{101 + n % 899:03d}")
    name = factory.Sequence(lambda n: f"Kommune {n}")
    region = Region.HOVEDSTADEN
    latitude = 55.676
    longitude = 12.568


class CooperationFactory(DjangoModelFactory):
    class Meta:
        model = Cooperation
        django_get_or_create = ("short_name",)

    name = "Hovedstadens Rekrutteringsservice"
    short_name = "HRS"


class JobCentreFactory(DjangoModelFactory):
    class Meta:
        model = JobCentre
        skip_postgeneration_save = True

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"Jobcenter {n}")

    @factory.post_generation
    def municipalities(self, create: bool, extracted: list[Municipality] | None) -> None:
        if create:
            self.municipalities.set(extracted or [MunicipalityFactory()])


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger{n}")
    password = factory.django.Password("pw-for-tests-1")


def staff(role: Role, job_centre: JobCentre | None = None, **kwargs: object) -> User:
    """A user holding one role at one job centre."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, job_centre=job_centre or JobCentreFactory(), role=role)
    return user


def steering_group_member(job_centre: JobCentre, *, chair: bool = False, **kwargs: object) -> User:
    """The head of a job centre in a term on its cooperation's steering group, running today."""
    head = staff(Role.STEERING_GROUP, job_centre, **kwargs)
    today = timezone.localdate()
    SteeringGroupTerm.objects.create(
        cooperation=job_centre.cooperation,
        member=head,
        job_centre=job_centre,
        is_chair=chair,
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=430),
    )
    return head


class IndustryFactory(DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("version", "code")

    version = "DB07"
    code = "412000"
    label_da = "Opførelse af bygninger"
    label_en = "Construction of buildings"


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    cooperation = factory.SubFactory(CooperationFactory)
    cvr = factory.Iterator(VALID_CVRS)
    name = factory.Sequence(lambda n: f"Byg og Anlæg {n} A/S")
    street = "Vejen 1"
    postcode = "2000"
    city = "Frederiksberg"
    municipality = factory.SubFactory(MunicipalityFactory)
    industry = factory.SubFactory(IndustryFactory)


class ContactPersonFactory(DjangoModelFactory):
    class Meta:
        model = ContactPerson

    company = factory.SubFactory(CompanyFactory)
    name = "Mette Hansen"
    title = "HR-chef"
    email = "mette@example.dk"


class InteractionFactory(DjangoModelFactory):
    class Meta:
        model = Interaction

    company = factory.SubFactory(CompanyFactory)
    kind = "visit"
    consultant = factory.SubFactory(UserFactory)
    job_centre = factory.SubFactory(JobCentreFactory)
    summary = "Besøg om rekruttering"


class IscoGroupFactory(DjangoModelFactory):
    class Meta:
        model = IscoGroup
        django_get_or_create = ("code",)

    code = "7115"
    uri = factory.LazyAttribute(lambda o: f"http://data.europa.eu/esco/isco/C{o.code}")
    label_da = "Tømrere og snedkere"
    label_en = "Carpenters and joiners"


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("uri",)

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    code = "7115.1"
    isco_group = factory.SubFactory(IscoGroupFactory)
    label_da = "tømrer"
    label_en = "carpenter"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("uri",)

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/test-{n}")
    kind = "skill"
    label_en = factory.Sequence(lambda n: f"skill {n}")


class QualificationFactory(DjangoModelFactory):
    class Meta:
        model = Qualification
        django_get_or_create = ("code",)

    code = "truck-b"
    kind = "certificate"
    label_da = "Truckcertifikat B"
    label_en = "Forklift certificate B"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "da"
    label_da = "dansk"
    label_en = "Danish"


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True  # the CV is a separate row; the candidate is unchanged

    job_centre = factory.SubFactory(JobCentreFactory)
    cpr = factory.Sequence(lambda n: f"0101{80 + n % 20:02d}{1000 + n:04d}")
    first_name = "Anders"
    last_name = factory.Sequence(lambda n: f"Jensen{n}")
    birth_date = dt.date(1985, 1, 1)
    municipality = factory.SubFactory(MunicipalityFactory)
    consent_scope = ConsentScope.COOPERATION
    consent_given_on = dt.date(2026, 1, 5)
    available_from = dt.date(2026, 1, 1)
    registered_on = dt.date(2025, 12, 1)
    cv = factory.RelatedFactory("tests.factories.CvFactory", factory_related_name="candidate")


class CvFactory(DjangoModelFactory):
    class Meta:
        model = Cv

    candidate = factory.SubFactory(CandidateFactory, cv=None)
    profile_da = "Erfaren tømrer med svendebrev."
    profile_en = "Experienced carpenter, journeyman's certificate."


class JobOrderFactory(DjangoModelFactory):
    class Meta:
        model = JobOrder

    company = factory.SubFactory(CompanyFactory)
    job_centre = factory.SubFactory(JobCentreFactory)
    created_by = factory.SubFactory(UserFactory)
    title = "Tømrer til metrobyggeri"
    occupation = factory.SubFactory(OccupationFactory)
    positions = 2
    workplace_address = "Sydhavnen, København"
    workplace_municipality = factory.SelfAttribute("company.municipality")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    job_order = factory.SubFactory(JobOrderFactory)
    candidate = factory.SubFactory(CandidateFactory)
    proposed_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)
