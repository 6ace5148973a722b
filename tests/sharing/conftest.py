"""Two job centres of one cooperation, one of another; a job order at the first; fresh
matching and suggestion indexes. tests/searches shares this world."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.joborders.models import JobOrder
from jobbro.matching.holder import get_holder
from jobbro.organisations.models import JobCentre, Role, User
from jobbro.taxonomy.suggest.index import clear_cache
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
def _fresh_indexes():
    """The per-process indexes must not remember another test's candidates or skills."""
    get_holder().clear()
    clear_cache()
    yield
    get_holder().clear()
    clear_cache()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client_for():
    """A signed-in test client that reads the pages in English."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def occupation():
    return OccupationFactory(label_da="tømrer", label_en="carpenter")


@pytest.fixture
def job_order(job_centre: JobCentre, consultant: User, occupation) -> JobOrder:
    company = CompanyFactory(
        cooperation=job_centre.cooperation, municipality=job_centre.municipalities.get()
    )
    return JobOrderFactory(
        company=company, job_centre=job_centre, created_by=consultant, occupation=occupation
    )


@pytest.fixture
def partner(job_centre: JobCentre) -> User:
    """A job consultant at the job order's job centre: searches and asks."""
    return staff(Role.JOB_CONSULTANT, job_centre, first_name="Rikke")


@pytest.fixture
def owner(other_job_centre: JobCentre) -> User:
    """A job consultant at the candidates' job centre: answers the requests."""
    return staff(Role.JOB_CONSULTANT, other_job_centre, first_name="Ole")


@pytest.fixture
def foreign_job_centre() -> JobCentre:
    cooperation = CooperationFactory(name="Job7", short_name="J7")
    return JobCentreFactory(cooperation=cooperation, name="Jobcenter Vejle")


def make_candidate(job_centre: JobCentre, *, consent: bool = True, occupation=None, **kwargs):
    fields = {"job_centre": job_centre, **kwargs}
    if not consent:
        fields.update(consent_scope=ConsentScope.NONE, consent_given_on=None)
    candidate: Candidate = CandidateFactory(**fields)
    if occupation is not None:
        candidate.cv.wished_occupations.add(occupation)
    return candidate


@pytest.fixture
def secret(other_job_centre: JobCentre, occupation) -> Candidate:
    """Another job centre's candidate who has not consented to sharing."""
    return make_candidate(
        other_job_centre,
        consent=False,
        occupation=occupation,
        first_name="Sigrid",
        last_name="Hemmelig",
    )
