"""Two job centres reserving the last seats at the same moment must not exceed the team.

The race needs PostgreSQL's row locks and concurrent connections; SQLite runs one writer at
a time, so there it is skipped."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Sum

from jobbro.organisations.models import Role
from jobbro.upskilling import services
from jobbro.upskilling.models import Reservation, WaitingEntry
from tests.factories import JobCentreFactory, TeamFactory, staff
from tests.races import race

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="thread races need PostgreSQL (row locks, concurrent writers); SQLite serialises",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("attempt", range(3))
def test_two_centres_reserving_at_once_never_exceed_the_seats(attempt: int) -> None:
    team = TeamFactory(seats=5)
    cooperation = team.course.provider.cooperation
    a = JobCentreFactory(name="A", cooperation=cooperation)
    b = JobCentreFactory(name="B", cooperation=cooperation)
    ua, ub = staff(Role.JOB_CONSULTANT, a), staff(Role.JOB_CONSULTANT, b)
    results = race(
        lambda: services.reserve_seats(actor=ua, team=team, job_centre=a, seats=4),
        lambda: services.reserve_seats(actor=ub, team=team, job_centre=b, seats=4),
    )
    assert all(isinstance(result, tuple) for result in results), results
    reserved = Reservation.objects.filter(team=team).aggregate(total=Sum("seats"))["total"]
    assert reserved == 5
    # The second in line got the one free seat and waits for the other three.
    assert sorted(results) == [(1, 3), (4, 0)]
    assert WaitingEntry.objects.get(team=team).seats == 3
