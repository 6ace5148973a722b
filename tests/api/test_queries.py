"""The API's lists read their related rows in a fixed number of queries, however many."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import JobCentre
from tests.api.conftest import Caller
from tests.factories import (
    CandidateFactory,
    FollowUpFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
)
from tests.factories.companies import new_company

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/companies/",
    "/api/v1/job-orders/",
    "/api/v1/candidates/",
    "/api/v1/referrals/",
    "/api/v1/placements/",
    "/api/v1/follow-ups/",
]


def _world(centre: JobCentre, count: int) -> None:
    for _ in range(count):
        company = new_company(
            cooperation=centre.cooperation, municipality=centre.municipalities.get()
        )
        order: JobOrder = JobOrderFactory(company=company, job_centre=centre, positions=3)
        candidate = CandidateFactory(job_centre=centre)
        referral = ReferralFactory(job_order=order, candidate=candidate)
        placement = PlacementFactory(referral=referral)
        FollowUpFactory(placement=placement)


def _queries(caller: Caller, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = caller.get(path)
    assert response.status_code == 200, (path, response.content)
    return len(captured)


@pytest.mark.parametrize("path", LISTS)
def test_a_list_does_not_query_per_row(writer: Caller, centre_a: JobCentre, path: str) -> None:
    _world(centre_a, 1)
    writer.get(path)  # the first call of a minute notes the client's use: one write more
    one = _queries(writer, path)
    _world(centre_a, 3)
    assert len(writer.get(path).json()["items"]) >= 3
    assert _queries(writer, path) == one, path
