"""Recruitment events and the companies and candidates invited."""

from __future__ import annotations

import datetime as dt
import secrets

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.events.models import Event, EventCandidate, EventCompany

from .candidates import CandidateFactory
from .companies import CompanyFactory
from .organisations import JobCentreFactory, UserFactory


class EventFactory(DjangoModelFactory):
    """A four-hour job fair a week ahead, organised by a centre of the cooperation."""

    class Meta:
        model = Event

    job_centre = factory.SubFactory(JobCentreFactory)
    cooperation = factory.SelfAttribute("job_centre.cooperation")
    title = "Jobmesse"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    location = "Herlev Bibliotek"
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")


class EventCompanyFactory(DjangoModelFactory):
    """A company of the event's cooperation invited by the organiser, not yet answered."""

    class Meta:
        model = EventCompany

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(
        CompanyFactory, cooperation=factory.SelfAttribute("..event.cooperation")
    )
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    invited_by = factory.SelfAttribute("event.created_by")
    changed_by = factory.SelfAttribute("invited_by")


class EventCandidateFactory(DjangoModelFactory):
    """A candidate of the organising centre, invited by the organiser."""

    class Meta:
        model = EventCandidate

    event = factory.SubFactory(EventFactory)
    candidate = factory.SubFactory(
        CandidateFactory, job_centre=factory.SelfAttribute("..event.job_centre")
    )
    job_centre = factory.SelfAttribute("candidate.job_centre")
    invited_by = factory.SelfAttribute("event.created_by")
    changed_by = factory.SelfAttribute("invited_by")
