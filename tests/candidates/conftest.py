from typing import Any

import pytest

from jobbro.candidates.models import Candidate, ConsentScope
from jobbro.organisations.models import JobCentre, Role, User
from tests.factories import CandidateFactory, CooperationFactory, JobCentreFactory, staff


@pytest.fixture
def foreign_job_centre(db: Any) -> JobCentre:
    """A job centre in another cooperation: its candidates are none of ours."""
    cooperation = CooperationFactory(name="Nordsjællands Rekrutteringsservice", short_name="NRS")
    return JobCentreFactory(cooperation=cooperation, name="Jobcenter Hillerød")


@pytest.fixture
def editor(job_centre: JobCentre) -> User:
    """A job consultant at the candidate's own job centre."""
    return staff(Role.JOB_CONSULTANT, job_centre)


@pytest.fixture
def other_editor(other_job_centre: JobCentre) -> User:
    """A job consultant at another job centre of the same cooperation."""
    return staff(Role.JOB_CONSULTANT, other_job_centre)


@pytest.fixture
def own_candidate(job_centre: JobCentre) -> Candidate:
    """Owned by the test job centre, not consenting to sharing."""
    return CandidateFactory(
        job_centre=job_centre,
        first_name="Søren",
        last_name="Østergaard",
        cpr="1203851234",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )


@pytest.fixture
def shared_candidate(other_job_centre: JobCentre) -> Candidate:
    """Owned by the other job centre, consenting to sharing in the cooperation."""
    return CandidateFactory(
        job_centre=other_job_centre, first_name="Aisha", last_name="Hansen", cpr="0202904321"
    )


@pytest.fixture
def private_candidate(other_job_centre: JobCentre) -> Candidate:
    """Owned by the other job centre, without consent: invisible to us."""
    return CandidateFactory(
        job_centre=other_job_centre,
        first_name="Bo",
        last_name="Larsen",
        consent_scope=ConsentScope.NONE,
        consent_given_on=None,
    )


@pytest.fixture
def foreign_candidate(foreign_job_centre: JobCentre) -> Candidate:
    """Consenting, but in another cooperation: invisible to us."""
    return CandidateFactory(job_centre=foreign_job_centre, first_name="Carl", last_name="Nielsen")
