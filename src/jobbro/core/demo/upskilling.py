"""Upskilling: an AMU centre's forklift course with two teams shared by three job centres –
one finished (certificates on the CVs, outcomes recorded),
one open for reservations."""

from __future__ import annotations

import datetime as dt

from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.organisations.models import JobCentre
from jobbro.upskilling import services
from jobbro.upskilling.models import Course, Provider, ProviderKind, Team, TeamGroup

from .context import Demo


def _candidates(demo: Demo, centre: JobCentre, count: int) -> list[Candidate]:
    held = demo.qualifications["truck-a"]
    return [
        c
        for c in demo.candidates
        if c.job_centre_id == centre.pk
        and c.status == CandidateStatus.ACTIVE
        and not c.cv.qualifications.filter(qualification=held).exists()
    ][:count]


def seed_upskilling(demo: Demo) -> None:
    assert demo.cooperation is not None
    centres = [demo.job_centres[name] for name in ("København", "Herlev", "Ballerup")]
    provider = Provider.objects.create(
        cooperation=demo.cooperation,
        name="AMU Hovedstaden",
        kind=ProviderKind.AMU,
        municipality=demo.municipalities["101"],
    )
    course = Course.objects.create(provider=provider, title="Truckcertifikat A", weeks=3)
    course.qualifications.add(demo.qualifications["truck-a"])
    group = TeamGroup.objects.create(
        cooperation=demo.cooperation, name="Lager og logistik", average=12, minimum=8
    )
    finished_on = demo.today - dt.timedelta(days=100)
    past = Team.objects.create(
        course=course,
        group=group,
        host=centres[0],
        starts_on=finished_on - dt.timedelta(weeks=3),
        # Seats are taken before a team ends (services.reserve_seats): it ends today while
        # the demo writes its history, and on the day it finished after.
        ends_on=demo.today,
        place="AMU Hovedstaden, Valby",
        seats=16,
        price=4500,
    )
    upcoming = Team.objects.create(
        course=course,
        group=group,
        host=centres[1],
        starts_on=demo.today + dt.timedelta(days=30),
        ends_on=demo.today + dt.timedelta(days=51),
        place="AMU Hovedstaden, Valby",
        seats=12,
        price=4500,
    )
    for centre, seats in zip(centres, (6, 5, 4), strict=True):
        consultant = demo.job_consultants[centre.pk][0]
        services.reserve_seats(actor=consultant, team=past, job_centre=centre, seats=seats)
        services.reserve_seats(actor=consultant, team=upcoming, job_centre=centre, seats=seats - 2)
        for number, candidate in enumerate(_candidates(demo, centre, seats)):
            enrolment = services.enrol(actor=consultant, team=past, candidate=candidate)
            if number == seats - 1:
                services.drop_out(
                    actor=consultant,
                    enrolment=enrolment,
                    finished_on=past.starts_on + dt.timedelta(days=6),
                    reason="Fik arbejde før kursets slutning",
                )
                continue
            services.complete(actor=consultant, enrolment=enrolment, finished_on=finished_on)
            hours = number % 3 != 2
            services.record_outcome(
                actor=consultant,
                enrolment=enrolment,
                got_job=number == 0,
                got_hours=hours,
                hours_after_three_months=hours and number != 1,
                started_education=number == 3,
            )
    Team.objects.filter(pk=past.pk).update(ends_on=finished_on)
    past.ends_on = finished_on
