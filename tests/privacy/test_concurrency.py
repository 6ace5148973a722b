"""Races: two people at once must not double-propose, over-hire or silently overwrite.

The thread races need PostgreSQL's row locks and concurrent connections; SQLite runs one
writer at a time, so there they are skipped. The optimistic-locking rule itself is also
checked sequentially on every database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jobbro.joborders import services
from jobbro.joborders.models import JobOrder, Referral
from jobbro.organisations.models import Role, User
from tests.factories import CandidateFactory, JobOrderFactory, ReferralFactory, staff
from tests.races import race

ON_POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="thread races need PostgreSQL (row locks, concurrent writers); SQLite serialises",
)


@pytest.fixture
def setting(db: Any, job_centre: Any) -> dict[str, Any]:
    editor = staff(Role.BUSINESS_CONSULTANT, job_centre)
    job_order = JobOrderFactory(
        company__cooperation=job_centre.cooperation, job_centre=job_centre, positions=1
    )
    return {"editor": editor, "job_order": job_order, "job_centre": job_centre}


# --- sequential: the optimistic lock -------------------------------------------------------


@pytest.mark.django_db
def test_stale_edit_is_refused(setting: dict[str, Any]) -> None:
    job_order: JobOrder = setting["job_order"]
    editor: User = setting["editor"]
    assert job_order.version == 1
    services.job_order_update(
        actor=editor, job_order=job_order, expected_version=1, title="Tømrer, ny titel"
    )
    with pytest.raises(ValidationError) as error:
        services.job_order_update(
            actor=editor, job_order=job_order, expected_version=1, title="Anden titel"
        )
    assert error.value.code == "stale_version"
    job_order.refresh_from_db()
    assert job_order.title == "Tømrer, ny titel" and job_order.version == 2


@pytest.mark.django_db
def test_edit_form_carries_the_version(client_for: Any, setting: dict[str, Any]) -> None:
    job_order: JobOrder = setting["job_order"]
    consultant = staff(Role.BUSINESS_CONSULTANT, setting["job_centre"])
    html = client_for(consultant).get(reverse("joborders:edit", args=[job_order.pk])).content
    assert b'name="version" value="1"' in html


# --- PostgreSQL: real races -------------------------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_proposals_of_the_same_candidate(setting: dict[str, Any]) -> None:
    job_order, editor = setting["job_order"], setting["editor"]
    candidate = CandidateFactory(job_centre=setting["job_centre"])

    def propose() -> Referral:
        return services.referral_propose(actor=editor, job_order=job_order, candidate=candidate)

    results = race(propose, propose)
    assert Referral.objects.filter(job_order=job_order, candidate=candidate).count() == 1
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results
    assert errors[0].code == "duplicate"  # "… is already proposed for this job order."


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_hires_into_the_last_position(setting: dict[str, Any]) -> None:
    job_order, editor = setting["job_order"], setting["editor"]
    referrals = [
        ReferralFactory(job_order=job_order, candidate=CandidateFactory(), proposed_by=editor)
        for _ in range(2)
    ]

    def hire(referral: Referral) -> Callable[[], Any]:
        return lambda: services.referral_hire(
            actor=editor, referral=referral, start_date=timezone.localdate(), hours_per_week=37
        )

    results = race(*(hire(r) for r in referrals))
    job_order.refresh_from_db()
    assert job_order.hires == 1 <= job_order.positions
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_edits_of_the_same_version(setting: dict[str, Any]) -> None:
    job_order, editor = setting["job_order"], setting["editor"]

    def edit(title: str) -> Callable[[], Any]:
        return lambda: services.job_order_update(
            actor=editor, job_order=job_order, expected_version=1, title=title
        )

    results = race(edit("Version A"), edit("Version B"))
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results
    assert errors[0].code == "stale_version"
    job_order.refresh_from_db()
    assert job_order.version == 2
    winner = "Version A" if isinstance(results[1], Exception) else "Version B"
    assert job_order.title == winner
