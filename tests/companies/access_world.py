"""Objects the access matrix needs for the companies app's own URLs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from jobbro.organisations.models import Role
from tests.factories import (
    AllianceCommitmentFactory,
    CompanyFactory,
    InteractionFactory,
    RecruitmentAgreementFactory,
    staff,
    valid_cvrs,
)

if TYPE_CHECKING:
    from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    # A company at home in the centre, so its business consultant may name the contact.
    home = CompanyFactory(
        cooperation=base.centre.cooperation,
        municipality=base.centre.municipalities.first(),
        cvr=valid_cvrs(1, start=7_000_000)[0],
    )
    signer = staff(Role.BUSINESS_CONSULTANT, base.centre)
    agreement = RecruitmentAgreementFactory(
        company=home,
        job_centre=base.centre,
        signed_by=signer,
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + dt.timedelta(days=365),
    )
    follow_up = InteractionFactory(
        company=home,
        kind="call",
        consultant=signer,
        job_centre=base.centre,
        follow_up_on=timezone.localdate(),
    )
    commitment = AllianceCommitmentFactory(
        company=home,
        alliance="Byggeriets Joballiance",
        commitment="Two apprentices a year.",
        start_date=timezone.localdate(),
        recorded_by=signer,
    )
    return {
        "companies:commitment_end": commitment.pk,
        "companies:contact_consultant": home.pk,
        "companies:merge": home.pk,
        "companies:edit": home.pk,
        "companies:agreement_edit": agreement.pk,
        "companies:follow_up_done": follow_up.pk,
        "companies:follow_up_reschedule": follow_up.pk,
    }
