"""The Idempotency-Key is claimed before the write: a repeat while the first request is
still being handled gets a 409 problem, then the stored answer; never a second write. A
claim whose request died is taken over: at once on PostgreSQL (no live request holds its
row lock), after STALE_CLAIM elsewhere."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test import RequestFactory
from django.utils import timezone

from jobbro.api.idempotency import fingerprint
from jobbro.api.models import IdempotentWrite
from jobbro.candidates.models import Candidate
from jobbro.joborders.models import JobOrder, Referral
from tests.api.conftest import Caller

ON_POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL,
    reason="thread races need PostgreSQL (concurrent writers); SQLite serialises",
)


def _propose(caller: Caller, job_order: JobOrder, candidate: Candidate, key: str) -> Any:
    body = {"job_order": job_order.pk, "candidate": candidate.pk, "motivation": "Svendebrev"}
    return caller.call("POST", "/api/v1/referrals/", body, **{"Idempotency-Key": key})


def _claim_as_if_in_progress(caller: Caller, job_order: JobOrder, candidate: Candidate) -> Any:
    """The claim a first request with the same key and body leaves while it writes."""
    body = {"job_order": job_order.pk, "candidate": candidate.pk, "motivation": "Svendebrev"}
    request = RequestFactory().post(
        "/api/v1/referrals/", json.dumps(body), content_type="application/json"
    )
    assert caller.client is not None
    return IdempotentWrite.objects.create(
        user=caller.client.user,
        client=caller.client,
        key="forslag-9",
        fingerprint=fingerprint(request),
    )


@contextmanager
def _writing(claim: IdempotentWrite) -> Iterator[None]:
    """The claim's request at work, in its own connection: it holds the claim's row lock."""
    if not ON_POSTGRESQL:
        yield  # no row locks: a fresh claim counts as in progress
        return
    locked, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                IdempotentWrite.objects.select_for_update().get(pk=claim.pk)
                locked.set()
                done.wait(timeout=60)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        yield
    finally:
        done.set()
        holder.join(timeout=30)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_key_in_progress_is_a_409_then_the_stored_answer(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    claim = _claim_as_if_in_progress(writer, job_order, own_candidate)
    with _writing(claim):
        waiting = _propose(writer, job_order, own_candidate, "forslag-9")
    assert waiting.status_code == 409
    assert waiting["Content-Type"].startswith("application/problem+json")
    assert waiting["Retry-After"] == "1"
    body = waiting.json()
    assert body["type"] == "urn:jobbro:problem:idempotency-key-in-progress"
    assert "er i gang" in body["detail"]
    assert not Referral.objects.exists()
    # The first request finishes: the repeat gets its answer, and nothing is written again.
    claim.status, claim.response = 201, {"id": 77, "stored": True}
    claim.save()
    again = _propose(writer, job_order, own_candidate, "forslag-9")
    assert again.status_code == 201
    assert again.json() == {"id": 77, "stored": True}
    assert not Referral.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_claim_whose_request_died_is_taken_over(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    # Committed, and no request holds it: the one that made it was killed mid-write.
    _claim_as_if_in_progress(writer, job_order, own_candidate)
    response = _propose(writer, job_order, own_candidate, "forslag-9")
    if not ON_POSTGRESQL:  # without row locks it cannot be told from a live one yet
        assert response.status_code == 409
        assert not Referral.objects.exists()
        return
    assert response.status_code == 201, response.content
    assert Referral.objects.count() == 1
    again = _propose(writer, job_order, own_candidate, "forslag-9")
    assert again.status_code == 201 and again.json() == response.json()
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_a_stale_claim_is_taken_over(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    claim = _claim_as_if_in_progress(writer, job_order, own_candidate)
    IdempotentWrite.objects.filter(pk=claim.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )
    response = _propose(writer, job_order, own_candidate, "forslag-9")
    assert response.status_code == 201
    assert Referral.objects.count() == 1
    stored = IdempotentWrite.objects.get(key="forslag-9")
    assert stored.status == 201 and stored.response == response.json()


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_repeats_write_once(
    writer: Caller, job_order: JobOrder, own_candidate: Candidate
) -> None:
    count = 4
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = _propose(writer, job_order, own_candidate, "samtidig-1")
        except Exception as error:  # pragma: no cover - shown by the assertion below
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r.status_code for r in results)
    assert set(statuses) <= {201, 409}, statuses
    assert statuses.count(201) >= 1
    assert Referral.objects.count() == 1
    created = [r.json() for r in results if r.status_code == 201]
    assert all(body == created[0] for body in created)
    for response in results:
        if response.status_code == 409:
            assert response.json()["type"] == "urn:jobbro:problem:idempotency-key-in-progress"
    # Afterwards every repeat gets the stored answer.
    again = _propose(writer, job_order, own_candidate, "samtidig-1")
    assert again.status_code == 201 and again.json() == created[0]
