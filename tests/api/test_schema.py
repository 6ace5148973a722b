"""Schemathesis over the whole schema, with a write-scoped token, against the Django app.

Every operation gets examples generated from the schema (valid and not): none may answer
with a server error, and every answer must conform to the schema (status, content type,
headers, body). A small world (a company, a job order, candidates, a referral with its
placement) lets some generated ids find rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis import checks

from jobbro.api.models import Scope
from jobbro.api.services import client_issue
from jobbro.joborders.models import ReferralState
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    JobCentreFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    staff,
)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request, which would end
    the test's transaction on PostgreSQL; Django's test client holds it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: Any) -> str:
    cooperation = CooperationFactory()
    centre = JobCentreFactory(cooperation=cooperation)
    other = JobCentreFactory(cooperation=cooperation)
    secretariat = staff(Role.SECRETARIAT, centre)
    company = CompanyFactory(cooperation=cooperation, municipality=centre.municipalities.get())
    job_order = JobOrderFactory(company=company, job_centre=centre)
    own = CandidateFactory(job_centre=centre)
    CandidateFactory(job_centre=other)
    CandidateFactory(job_centre=other, consent_scope="none", consent_given_on=None)
    # A hired referral with its placement, as `referral_hire` leaves them.
    hired = ReferralFactory(job_order=job_order, candidate=own, state=ReferralState.HIRED)
    PlacementFactory(referral=hired)
    ReferralFactory(job_order=job_order, candidate=CandidateFactory(job_centre=centre))
    _client, token = client_issue(
        actor=secretariat, name="Schemathesis", job_centre=centre, scope=Scope.WRITE
    )
    return token


def _schema() -> Any:
    """The schema the app serves at /api/v1/openapi.json (test_auth reads it there too)."""
    from jobbro.api.main import api

    return schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))


schema = _schema()
WSGI = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@override_settings(JOBBRO_API_RATE_LIMIT="100000/m")
def test_the_api_keeps_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(app=WSGI, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
