"""The change journal that keeps every process's in-memory candidate index current."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClockTimestamp(models.Func):
    """The database clock at the moment of the call (not the transaction's start)."""

    template = "clock_timestamp()"
    output_field = models.DateTimeField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # SQLite writers take turns, so the statement's time is the insert's time.
        return "CURRENT_TIMESTAMP", []


class CandidateChange(models.Model):
    """One row per write that may change how a candidate matches, written in the writing
    transaction. Each process replays the rows it has not seen before answering a search.

    No foreign key: the row must outlive a deleted candidate, so processes drop them too.
    `changed_at` is the database clock at the insert, when the id is drawn: an id missing
    below a row older than a minute belongs to a transaction that rolled back (see holder).
    """

    id = models.BigAutoField(primary_key=True)
    candidate_id = models.BigIntegerField(_("candidate"))
    changed_at = models.DateTimeField(_("changed at"), db_default=ClockTimestamp(), db_index=True)

    class Meta:
        verbose_name = _("candidate change")
        verbose_name_plural = _("candidate changes")

    def __str__(self) -> str:
        return f"{self.candidate_id} @ {self.changed_at}"
