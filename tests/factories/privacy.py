"""Erasure records: a candidate anonymised on request or by the retention rule."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from jobbro.privacy.models import ErasureRecord
from jobbro.privacy.services import candidate_anonymise_for_retention, candidate_erase

from .candidates import CandidateFactory
from .organisations import UserFactory


class ErasureRecordFactory(DjangoModelFactory):
    """An erasure on the citizen's request.

    Without a `candidate_ref` it anonymises a new candidate through the service for its
    reason, so the record stands for a candidate really anonymised; with one it writes only
    the row (the log is append-only: written once, never saved again)."""

    class Meta:
        model = ErasureRecord

    by = factory.Maybe(
        factory.LazyAttribute(lambda o: o.reason == ErasureRecord.Reason.REQUEST),
        factory.SubFactory(UserFactory),
        None,  # the retention rule is nobody's act
    )
    username = factory.LazyAttribute(lambda o: o.by.get_username() if o.by else "")
    candidate_ref = None
    reason = ErasureRecord.Reason.REQUEST

    @classmethod
    def _create(cls, model_class: type[ErasureRecord], *args: Any, **kwargs: Any) -> ErasureRecord:
        if kwargs["candidate_ref"] is not None:
            return super()._create(model_class, *args, **kwargs)
        candidate = CandidateFactory()
        if kwargs["reason"] == ErasureRecord.Reason.RETENTION:
            record = candidate_anonymise_for_retention(candidate=candidate)
            assert record is not None  # a new candidate has no open follow-ups
            return record
        return candidate_erase(actor=kwargs["by"], candidate=candidate, note=kwargs.get("note", ""))
