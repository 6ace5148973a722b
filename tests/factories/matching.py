"""The change journal of the in-memory candidate index."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.matching.models import CandidateChange

from .candidates import CandidateFactory


class CandidateChangeFactory(DjangoModelFactory):
    """A journal row for a candidate; the database clock stamps it, as for every write."""

    class Meta:
        model = CandidateChange

    candidate_id = factory.LazyFunction(lambda: CandidateFactory().pk)
