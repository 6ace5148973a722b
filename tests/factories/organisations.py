"""The cooperation, its job centres and municipalities, staff, steering group and partners."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.organisations.models import (
    Cooperation,
    JobCentre,
    Membership,
    Municipality,
    PartnerKind,
    PartnerOrganisation,
    Region,
    Role,
    SteeringGroupTerm,
    User,
)


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


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    job_centre = factory.SubFactory(JobCentreFactory)
    role = Role.JOB_CONSULTANT


def staff(role: Role, job_centre: JobCentre | None = None, **kwargs: object) -> User:
    """A user holding one role at one job centre."""
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, job_centre=job_centre or JobCentreFactory(), role=role)
    return user


class SteeringGroupTermFactory(DjangoModelFactory):
    """A job-centre head's ordinary term, running today; the head holds the steering-group
    role at the centre, as the term's clean asks."""

    class Meta:
        model = SteeringGroupTerm

    job_centre = factory.SubFactory(JobCentreFactory)
    cooperation = factory.SelfAttribute("job_centre.cooperation")
    member = factory.LazyAttribute(lambda o: staff(Role.STEERING_GROUP, o.job_centre))
    is_chair = False
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=300))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=430))


def steering_group_member(job_centre: JobCentre, *, chair: bool = False, **kwargs: object) -> User:
    """The head of a job centre in a term on its cooperation's steering group, running today."""
    head = staff(Role.STEERING_GROUP, job_centre, **kwargs)
    SteeringGroupTermFactory(member=head, job_centre=job_centre, is_chair=chair)
    return head


class PartnerOrganisationFactory(DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"A-kasse {n}")
    kind = PartnerKind.UNEMPLOYMENT_FUND
