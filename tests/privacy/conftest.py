from typing import Any

import pytest

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.organisations.models import JobCentre, Role, User
from tests.factories import CandidateFactory, staff

CPR = "1203851234"


@pytest.fixture
def editor(job_centre: JobCentre) -> User:
    return staff(Role.JOB_CONSULTANT, job_centre)


@pytest.fixture
def other_editor(other_job_centre: JobCentre) -> User:
    return staff(Role.JOB_CONSULTANT, other_job_centre)


@pytest.fixture
def dpo(job_centre: JobCentre) -> User:
    return staff(Role.DATA_PROTECTION_OFFICER, job_centre)


@pytest.fixture
def candidate(job_centre: JobCentre) -> Candidate:
    return CandidateFactory(
        job_centre=job_centre,
        first_name="Søren",
        last_name="Østergaard",
        cpr=CPR,
        consent_scope=ConsentScope.COOPERATION,
    )


@pytest.fixture
def db_access(db: Any) -> None:
    return None
