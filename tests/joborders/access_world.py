"""Objects for the access matrix: a request the matrix's job centre sent to another one."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jobbro.organisations.models import Role
from tests.factories import (
    CandidateRequestFactory,
    JobCentreFactory,
    RequestRecipientFactory,
    staff,
)


def extend(base: Any) -> dict[str, Any]:
    other = JobCentreFactory(cooperation=base.centre.cooperation)
    sender = staff(Role.BUSINESS_CONSULTANT, base.centre)
    request = CandidateRequestFactory(
        job_order=base.job_order,
        job_centre=base.centre,
        sent_by=sender,
        sent_at=timezone.now(),
        message="Vi mangler tømrere.",
    )
    RequestRecipientFactory(request=request, job_centre=other)
    return {
        "candidate_requests:detail": request.pk,
        "candidate_requests:answers": request.pk,
        "candidate_requests:answer": request.pk,
        "candidate_requests:close": request.pk,
        # Pages of other apps about one job order.
        "candidate_requests:create": base.job_order.pk,
        "screening:company_sheet": base.job_order.pk,
        "sharing:ranked": base.job_order.pk,
        "sharing:propose": base.job_order.pk,
    }
