"""Companies, their contacts and contact log, agreements, commitments and merges."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.companies.models import (
    AllianceCommitment,
    Company,
    CompanyMerge,
    ContactPerson,
    Industry,
    Interaction,
    InteractionKind,
    RecruitmentAgreement,
)
from jobbro.companies.validators import CVR_WEIGHTS, cvr_is_valid

from .organisations import CooperationFactory, JobCentreFactory, MunicipalityFactory, UserFactory

# Checksum-valid CVR numbers (weights 2,7,6,5,4,3,2,1; sum divisible by 11).
VALID_CVRS = ["10000009", "10000017", "10000025", "10000033", "10000041", "10000068"]


def valid_cvrs(count: int, start: int = 2000000) -> list[str]:
    """`count` distinct checksum-valid CVR numbers (the shared factory cycles through six)."""
    found: list[str] = []
    body = start
    while len(found) < count:
        digits = f"{body:07d}"
        check = -sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        if check < 10 and cvr_is_valid(digits + str(check)):
            found.append(digits + str(check))
        body += 1
    return found


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


_fresh_cvrs = (f"{n:08d}" for n in itertools.count(20000000) if cvr_is_valid(f"{n:08d}"))


def new_company(**fields: Any) -> Company:
    """A company with a fresh, checksum-valid CVR number, for tests that need many."""
    return CompanyFactory(cvr=next(_fresh_cvrs), **fields)


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
    kind = InteractionKind.VISIT
    consultant = factory.SubFactory(UserFactory)
    job_centre = factory.SubFactory(JobCentreFactory)
    summary = "Besøg om rekruttering"


class RecruitmentAgreementFactory(DjangoModelFactory):
    """A year's agreement without a job guarantee, signed by one of the cooperation's centres."""

    class Meta:
        model = RecruitmentAgreement

    company = factory.SubFactory(CompanyFactory)
    job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..company.cooperation")
    )
    signed_by = factory.SubFactory(UserFactory)
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=365))


class AllianceCommitmentFactory(DjangoModelFactory):
    """A running commitment (not ended)."""

    class Meta:
        model = AllianceCommitment

    company = factory.SubFactory(CompanyFactory)
    alliance = "Byggeriets Joballiance"
    commitment = "To lærlinge om året"
    start_date = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(UserFactory)


class CompanyMergeFactory(DjangoModelFactory):
    """The log of a duplicate merged into `company` (the duplicate itself is gone)."""

    class Meta:
        model = CompanyMerge

    company = factory.SubFactory(CompanyFactory)
    merged_name = "Byg og Anlæg ApS (dublet)"
    merged_cvr = "10000009"
    merged_p_number = "1012345678"
    moved = factory.LazyFunction(lambda: {"joborders.joborder": {"moved": 1, "deleted": 0}})
    merged_by = factory.SubFactory(UserFactory)
    merged_at = factory.LazyFunction(timezone.now)
