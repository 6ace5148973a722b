"""Objects for the access matrix: a request the matrix's job centre sent to another one,
a project holding the world's job order, and a published job posting."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jobbro.joborders.models import JobOrder
from jobbro.organisations.models import Role
from tests.factories import (
    CandidateRequestFactory,
    JobCentreFactory,
    JobOrderFactory,
    ProjectFactory,
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
    project = ProjectFactory(cooperation=base.centre.cooperation, name="Metro M5")
    JobOrder.objects.filter(pk=base.job_order.pk).update(project=project)
    posting = JobOrderFactory(
        company=base.company,
        job_centre=base.centre,
        published=True,
        published_at=timezone.now(),
        posting_key="tomrer-metro-m5-a1b2c3",
        public_description="Tømrer til metrobyggeriet.",
    )
    return {
        "joborders:project": project.pk,
        "joborders:project_edit": project.pk,
        "posting_key": posting.posting_key,
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
