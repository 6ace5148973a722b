"""The access log: who read which candidate's data.

The only place the tests import the access log's model, so its move to another app is one
line here.
"""

from __future__ import annotations

import factory
from django.urls import reverse
from factory.django import DjangoModelFactory

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.organisations.models import Role

from .candidates import CandidateFactory
from .organisations import staff


class AccessLogEntryFactory(DjangoModelFactory):
    """A job consultant of the candidate's own centre reading the candidate's page, as
    `log_access` writes it. The log is append-only: the row is written once, never saved
    again."""

    class Meta:
        model = AccessLogEntry

    candidate = factory.SubFactory(CandidateFactory)
    user = factory.LazyAttribute(lambda o: staff(Role.JOB_CONSULTANT, o.candidate.job_centre))
    username = factory.SelfAttribute("user.username")
    candidate_ref = factory.SelfAttribute("candidate.pk")
    job_centre = factory.SelfAttribute("candidate.job_centre")
    purpose = Purpose.VIEW
    view_name = "candidates:detail"
    path = factory.LazyAttribute(lambda o: reverse(o.view_name, args=[o.candidate.pk]))
