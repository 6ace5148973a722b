"""Writes of the matching app: the change journal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection
from django.db.models.functions import Now

from jobbro.candidates.models import Cv

from .models import CandidateChange

BULK_JOURNAL = 1000
_candidate_of_cv: dict[int, int] = {}  # a CV never changes candidate (one-to-one)


def candidates_of_cvs(cv_ids: Iterable[int]) -> list[int]:
    """The candidate ids of CVs, remembered per process."""
    ids = list(cv_ids)
    missing = [c for c in ids if c not in _candidate_of_cv]
    if missing:
        _candidate_of_cv.update(Cv.objects.filter(pk__in=missing).values_list("pk", "candidate_id"))
    return [_candidate_of_cv[c] for c in ids if c in _candidate_of_cv]


def note_candidates_changed(candidate_ids: Iterable[int]) -> None:
    """Journal that these candidates changed, in the caller's transaction.

    Call it after writes that send no signals: `Candidate.objects.filter(...).update(...)`,
    `bulk_create` of CV rows. Every process's index re-reads the candidates before its next
    search.
    """
    unique = sorted({int(c) for c in candidate_ids if c is not None})
    if len(unique) > BULK_JOURNAL:
        # A bulk import's tens of thousands: one executemany, the clock from the column's
        # database default as for every row (bulk_create prepares each row's default itself).
        table = connection.ops.quote_name(CandidateChange._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (candidate_id) VALUES (%s)",  # noqa: S608  # the model's table
                [(c,) for c in unique],
            )
    elif unique:
        CandidateChange.objects.bulk_create([CandidateChange(candidate_id=c) for c in unique])


def prune_journal(*, older_than: dt.timedelta) -> int:
    """Delete journal rows older than the given age; returns how many.

    A process that has not searched for longer than that rebuilds its index from scratch
    (see `holder.IndexHolder`), so pruned rows are never needed.
    """
    deleted, _ = CandidateChange.objects.filter(changed_at__lt=Now() - older_than).delete()
    return deleted
