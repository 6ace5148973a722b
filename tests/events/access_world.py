"""An event at the access matrix's job centre, with its company and candidate on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jobbro.organisations.models import Role
from tests.factories import EventCandidateFactory, EventCompanyFactory, EventFactory, staff
from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    organiser = staff(Role.SECRETARIAT, base.centre)
    start = timezone.now() + dt.timedelta(days=10)
    event = EventFactory(
        cooperation=base.centre.cooperation,
        job_centre=base.centre,
        title="Jobmesse",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        location="Herlev Bibliotek",
        created_by=organiser,
        updated_by=organiser,
    )
    company = EventCompanyFactory(
        event=event,
        company=base.company,
        token="access-world-token",
        invited_by=organiser,
        changed_by=organiser,
    )
    candidate = EventCandidateFactory(
        event=event,
        candidate=base.candidate,
        job_centre=base.centre,
        invited_by=organiser,
        changed_by=organiser,
    )
    return {
        "events": event.pk,
        "events:company_update": company.pk,
        "events:candidate_update": candidate.pk,
    }
