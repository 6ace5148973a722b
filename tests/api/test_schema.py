"""Schemathesis over the whole schema, with a write-scoped token, against the Django app.

Every operation gets examples generated from the schema (valid and not): none may answer
with a server error, and every answer must conform to the schema (status, content type,
headers, body). A small world (a company, a job order, candidates, a referral with its
placement) lets some generated ids find rows.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis import checks

from jobbro.api.models import Scope
from jobbro.api.services import client_issue
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
    referral = ReferralFactory(job_order=job_order, candidate=own)
    PlacementFactory(referral=referral)
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
