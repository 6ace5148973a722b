"""The access log: who read which candidate's data.

The only place the tests import the access log's model, so its move to another app is one
line here.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.privacy.models import AccessLogEntry, Purpose

from .candidates import CandidateFactory
from .organisations import UserFactory


class AccessLogEntryFactory(DjangoModelFactory):
    """A reading of a candidate's page at the candidate's own centre, as `log_access` writes
    it. The log is append-only: the row is written once, never saved again."""

    class Meta:
        model = AccessLogEntry

    user = factory.SubFactory(UserFactory)
    username = factory.SelfAttribute("user.username")
    candidate = factory.SubFactory(CandidateFactory)
    candidate_ref = factory.SelfAttribute("candidate.pk")
    job_centre = factory.SelfAttribute("candidate.job_centre")
    purpose = Purpose.VIEW
    view_name = "candidates:detail"
    path = factory.LazyAttribute(lambda o: f"/candidates/{o.candidate.pk}/")
