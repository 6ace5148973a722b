import pytest

from jobbro.companies.models import Company
from jobbro.organisations.models import JobCentre
from tests.factories import CompanyFactory, CooperationFactory, JobCentreFactory, valid_cvrs


@pytest.fixture
def company(job_centre) -> Company:
    """A company located in the municipality the test job centre serves."""
    return CompanyFactory(
        cooperation=job_centre.cooperation,
        municipality=job_centre.municipalities.get(),
        cvr=valid_cvrs(1)[0],  # outside the shared factory's cycle of six
        name="Herlev Tømrer- og Snedkerfirma",
        city="Herlev",
    )


@pytest.fixture
def foreign_job_centre() -> JobCentre:
    """A job centre in another cooperation: its companies are none of ours."""
    cooperation = CooperationFactory(name="Nordsjællands Rekrutteringsservice", short_name="NRS")
    return JobCentreFactory(cooperation=cooperation, name="Jobcenter Hillerød")
