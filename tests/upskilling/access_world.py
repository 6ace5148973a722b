"""A course team at the access matrix's job centre, with the candidate enrolled on it."""

from __future__ import annotations

from typing import Any

from tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    ProviderFactory,
    ReservationFactory,
    TeamFactory,
    TeamGroupFactory,
)
from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    cooperation = base.centre.cooperation
    provider = ProviderFactory(cooperation=cooperation)
    course = CourseFactory(provider=provider)
    group = TeamGroupFactory(cooperation=cooperation)
    team = TeamFactory(course=course, group=group, host=base.centre)
    ReservationFactory(team=team, job_centre=base.centre, seats=2)
    enrolment = EnrolmentFactory(team=team, candidate=base.candidate)
    return {
        "upskilling:team": team.pk,
        "upskilling:course": course.pk,
        "upskilling:group": group.pk,
        "upskilling:enrolment": enrolment.pk,
        "upskilling:provider_edit": provider.pk,
        "upskilling:course_edit": course.pk,
        "upskilling:team_edit": team.pk,
        "upskilling:group_edit": group.pk,
    }
