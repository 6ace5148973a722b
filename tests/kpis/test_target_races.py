"""Two steering-group members saving overlapping targets of the same key figure and scope at
the same moment: one is saved, the other refused, never both. The database's constraint
covers identical periods only, so this rests on the lock on the cooperation's row
(`targets._lock_targets`). Threads need PostgreSQL (row locks, concurrent writers); the same
rule is checked sequentially in test_target_pages on every database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from jobbro.kpis import targets
from jobbro.kpis.models import Target
from jobbro.organisations.models import Role
from tests.factories import CooperationFactory, JobCentreFactory, staff
from tests.races import race

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="thread races need PostgreSQL (row locks, concurrent writers); SQLite serialises",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_overlapping_targets_at_once() -> None:
    coop = CooperationFactory()
    herlev = JobCentreFactory(cooperation=coop)
    gladsaxe = JobCentreFactory(cooperation=coop)
    first = staff(Role.STEERING_GROUP, herlev)
    second = staff(Role.STEERING_GROUP, gladsaxe)

    def saving(actor, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
        def job() -> Target:
            return targets.target_create(
                actor=actor,
                cooperation=coop,
                parts={},
                kpi="hires",
                start=start,
                end=end,
                industry=None,
                industry_section="",
                project=None,
                value=Decimal(100),
                note="",
            )

        return job

    # The year 2025 and its second quarter: overlapping, not identical.
    results = race(
        saving(first, dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        saving(second, dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    )
    saved = [r for r in results if isinstance(r, Target)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert refused[0].error_dict["__all__"][0].code == "duplicate"
    assert Target.objects.filter(cooperation=coop).count() == 1
