"""A small cooperation: two member job centres, a company, a job order, people in roles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.companies.models import Company
from jobbro.joborders.models import JobOrder
from jobbro.matching.holder import get_holder
from jobbro.organisations.models import JobCentre, Role, User
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    staff,
)


@pytest.fixture(autouse=True)
def _fresh_matching_index():
    """The ranked search's per-process index must not remember another test's candidates."""
    get_holder().clear()
    yield
    get_holder().clear()


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English; Danish is the default language."""
    with translation.override("en"):
        yield


@pytest.fixture
def company(job_centre: JobCentre) -> Company:
    return CompanyFactory(
        cooperation=job_centre.cooperation, municipality=job_centre.municipalities.get()
    )


@pytest.fixture
def occupation():
    return OccupationFactory(label_da="tømrer", label_en="carpenter")


@pytest.fixture
def job_order(company: Company, job_centre: JobCentre, consultant: User, occupation) -> JobOrder:
    return JobOrderFactory(
        company=company,
        job_centre=job_centre,
        created_by=consultant,
        occupation=occupation,
        positions=2,
    )


@pytest.fixture
def partner(job_centre: JobCentre) -> User:
    """A job consultant at the job order's job centre: proposes and answers."""
    return staff(Role.JOB_CONSULTANT, job_centre, first_name="Rikke")


@pytest.fixture
def onboarding(job_centre: JobCentre) -> User:
    return staff(Role.ONBOARDING_CONSULTANT, job_centre, first_name="Ole")


@pytest.fixture
def manager(job_centre: JobCentre) -> User:
    return staff(Role.MANAGER, job_centre)


@pytest.fixture
def foreign_job_centre() -> JobCentre:
    cooperation = CooperationFactory(name="Nordsjællands Rekrutteringsservice", short_name="NRS")
    return JobCentreFactory(cooperation=cooperation, name="Jobcenter Hillerød")


def make_candidate(
    job_centre: JobCentre, *, consent: bool = True, occupation=None, **kwargs
) -> Candidate:
    """A candidate whose CV wishes the occupation (when given)."""
    fields = {"job_centre": job_centre, **kwargs}
    if not consent:
        fields.update(consent_scope=ConsentScope.NONE, consent_given_on=None)
    candidate = CandidateFactory(**fields)
    if occupation is not None:
        candidate.cv.wished_occupations.add(occupation)
    return candidate


@pytest.fixture
def candidate(job_centre: JobCentre, occupation) -> Candidate:
    return make_candidate(job_centre, occupation=occupation, first_name="Anna")


def future(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)
