import pytest
from django.test import Client

from jobbro.organisations.models import Role, User
from tests.factories import JobCentreFactory, staff


@pytest.fixture
def job_centre():
    return JobCentreFactory(name="Jobcenter Herlev")


@pytest.fixture
def other_job_centre(job_centre):
    return JobCentreFactory(name="Jobcenter Gladsaxe", cooperation=job_centre.cooperation)


@pytest.fixture
def consultant(job_centre) -> User:
    return staff(Role.BUSINESS_CONSULTANT, job_centre)


@pytest.fixture
def client_for():
    """A test client signed in as the given user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
