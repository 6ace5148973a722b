"""A cooperation whose secretariat sits in Ballerup; Herlev and Gladsaxe are members."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from jobbro.companies.models import Company
from jobbro.organisations.models import JobCentre, Role, User
from tests.factories import CompanyFactory, JobCentreFactory, staff, steering_group_member


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The web form's rate limit counts in the default cache; no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client_for():
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def secretariat_centre(job_centre: JobCentre) -> JobCentre:
    centre = JobCentreFactory(name="Jobcenter Ballerup", cooperation=job_centre.cooperation)
    cooperation = job_centre.cooperation
    cooperation.secretariat = centre
    cooperation.save()
    return centre


@pytest.fixture
def secretary(secretariat_centre: JobCentre) -> User:
    return staff(Role.SECRETARIAT, secretariat_centre, first_name="Sofie", email="sofie@jc.dk")


@pytest.fixture
def steering_member(job_centre: JobCentre) -> User:
    """The head of a member job centre, in a term on the cooperation's steering group."""
    return steering_group_member(job_centre, chair=True, first_name="Jens")


@pytest.fixture
def manager(job_centre: JobCentre) -> User:
    return staff(Role.MANAGER, job_centre, first_name="Henrik")


@pytest.fixture
def gladsaxe_consultant(other_job_centre: JobCentre) -> User:
    return staff(Role.BUSINESS_CONSULTANT, other_job_centre, first_name="Gitte")


@pytest.fixture
def company(job_centre: JobCentre, secretariat_centre: JobCentre) -> Company:
    """A company in Herlev's municipality: Herlev is its home job centre."""
    return CompanyFactory(
        cooperation=job_centre.cooperation,
        municipality=job_centre.municipalities.get(),
        name="Herlev Byg ApS",
        cvr="10000009",
    )
