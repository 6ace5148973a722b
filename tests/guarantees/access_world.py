"""A job guarantee of an agreement the access matrix's job centre signed, on a team it hosts."""

from __future__ import annotations

from typing import Any

from tests.factories import (
    CourseFactory,
    JobGuaranteeFactory,
    ProviderFactory,
    RecruitmentAgreementFactory,
    TeamFactory,
)
from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    agreement = RecruitmentAgreementFactory(
        company=base.company,
        job_centre=base.centre,
        job_guarantee=True,
        guarantee_terms="Virksomheden ansætter 3 af holdets deltagere.",
    )
    course = CourseFactory(provider=ProviderFactory(cooperation=base.centre.cooperation))
    team = TeamFactory(course=course, host=base.centre)
    guarantee = JobGuaranteeFactory(agreement=agreement, team=team, job_orders=[base.job_order])
    return {"guarantees": guarantee.pk, "guarantee_agreement": agreement.pk}
