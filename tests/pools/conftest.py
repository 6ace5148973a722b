"""Two job centres of one cooperation (Herlev owns the pools), one of another cooperation;
a construction industry, a company in it and a carpenter job order there."""

from __future__ import annotations

import pytest
from django.test import Client

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.companies.models import Company, Industry
from jobbro.joborders.models import JobOrder
from jobbro.matching.holder import get_holder
from jobbro.organisations.models import JobCentre, Role, User
from jobbro.pools.models import Pool, PoolKind
from jobbro.taxonomy.models import Occupation
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    IndustryFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    PoolFactory,
    staff,
)


@pytest.fixture(autouse=True)
def _fresh_index():
    """The per-process matching index must not remember another test's candidates."""
    get_holder().clear()
    yield
    get_holder().clear()


@pytest.fixture
def herlev() -> JobCentre:
    return JobCentreFactory(name="Jobcenter Herlev")


@pytest.fixture
def gladsaxe(herlev: JobCentre) -> JobCentre:
    return JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=herlev.cooperation)


@pytest.fixture
def vejle() -> JobCentre:
    return JobCentreFactory(
        name="Jobcenter Vejle", cooperation=CooperationFactory(name="Job7", short_name="J7")
    )


@pytest.fixture
def owner(herlev: JobCentre) -> User:
    """A job consultant at the pools' job centre."""
    return staff(Role.JOB_CONSULTANT, herlev, first_name="Rikke", email="rikke@herlev.dk")


@pytest.fixture
def neighbour(gladsaxe: JobCentre) -> User:
    """A job consultant at the other job centre of the cooperation."""
    return staff(Role.JOB_CONSULTANT, gladsaxe, first_name="Ole", email="ole@gladsaxe.dk")


@pytest.fixture
def construction() -> Industry:
    return IndustryFactory(version="DB25", code="412000", label_da="Opførelse af bygninger")


@pytest.fixture
def carpenter_occupation() -> Occupation:
    return OccupationFactory(label_da="tømrer", label_en="carpenter")


@pytest.fixture
def company(herlev: JobCentre, construction: Industry) -> Company:
    return CompanyFactory(
        cooperation=herlev.cooperation,
        municipality=herlev.municipalities.get(),
        industry=construction,
        name="Byggeselskabet Nord A/S",
    )


@pytest.fixture
def industry_pool(herlev: JobCentre, owner: User, construction: Industry) -> Pool:
    return PoolFactory(
        job_centre=herlev, name="Byggeri", created_by=owner, industries=[construction]
    )


@pytest.fixture
def company_pool(herlev: JobCentre, owner: User, company: Company) -> Pool:
    return PoolFactory(
        job_centre=herlev,
        name="Byggeselskabet Nord",
        kind=PoolKind.COMPANY,
        company=company,
        created_by=owner,
    )


def candidate(centre: JobCentre, name: str, *, consent: bool = True, **kwargs) -> Candidate:
    fields = {"job_centre": centre, "first_name": name, "last_name": "Jensen", **kwargs}
    if not consent:
        fields.update(consent_scope=ConsentScope.NONE, consent_given_on=None)
    made: Candidate = CandidateFactory(**fields)
    return made


@pytest.fixture
def job_order(company: Company, herlev: JobCentre, owner: User, carpenter_occupation) -> JobOrder:
    return JobOrderFactory(
        company=company, job_centre=herlev, created_by=owner, occupation=carpenter_occupation
    )


@pytest.fixture
def client_for():
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
