"""Two reports for one municipality's year at the same moment: one is saved, the other
refused whole, never a silent overwrite. Threads need PostgreSQL (row locks, concurrent
writers); the same rule is checked sequentially in test_services on every database."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from jobbro.kkr.models import Assessment, AssessmentChange
from jobbro.kkr.services import Entry, year_report
from tests.races import race

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="thread races need PostgreSQL (row locks, concurrent writers); SQLite serialises",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _reporter(s: SimpleNamespace, user, status: str, remark: str, version: int):  # type: ignore[no-untyped-def]
    def job() -> int:
        return year_report(
            actor=user,
            cooperation=s.hrs,
            municipality=s.herlev,
            year=2025,
            entries=[Entry(s.r1, status, remark, version), Entry(s.r2, "green", "", version)],
            today=dt.date(2025, 12, 1),
        )

    return job


def _outcome(results: list) -> tuple[list, list]:
    saved = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(saved) + len(refused) == len(results), results
    return saved, refused


def test_two_first_reports_at_once(scheme: SimpleNamespace) -> None:
    s = scheme
    results = race(
        _reporter(s, s.manager, "red", "Ikke påbegyndt.", 0),
        _reporter(s, s.team_leader_h, "yellow", "Påbegyndt.", 0),
    )
    saved, refused = _outcome(results)
    assert saved == [2] and len(refused) == 1
    assert refused[0].code == "stale_version"
    winner = 0 if isinstance(results[0], int) else 1
    expected = ("red", "Ikke påbegyndt.") if winner == 0 else ("yellow", "Påbegyndt.")
    r1 = Assessment.objects.get(recommendation=s.r1)
    assert (r1.status, r1.remark, r1.version) == (*expected, 1)
    assert AssessmentChange.objects.count() == 2  # the winner's two rows, nothing of the other


def test_two_changes_of_the_same_version_at_once(scheme: SimpleNamespace) -> None:
    s = scheme
    _reporter(s, s.manager, "red", "Ikke påbegyndt.", 0)()
    results = race(
        _reporter(s, s.manager, "yellow", "Påbegyndt.", 1),
        _reporter(s, s.team_leader_h, "green", "", 1),
    )
    saved, refused = _outcome(results)
    assert saved == [1] and len(refused) == 1
    r1 = Assessment.objects.get(recommendation=s.r1)
    assert r1.version == 2
    assert list(r1.changes.order_by("version").values_list("version", flat=True)) == [1, 2]
