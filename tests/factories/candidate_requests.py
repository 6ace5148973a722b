"""Requests from one job centre to the others for candidates, their answers and offers.

The only place the tests import the request models, so their move to another app is one
line here.
"""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.candidate_requests.models import (
    CandidateRequest,
    RecipientStatus,
    RequestOffer,
    RequestRecipient,
)

from .candidates import CandidateFactory
from .joborders import JobOrderFactory
from .organisations import JobCentreFactory, UserFactory


class CandidateRequestFactory(DjangoModelFactory):
    """An open request from the job order's responsible centre (recipients are added apart)."""

    class Meta:
        model = CandidateRequest

    job_order = factory.SubFactory(JobOrderFactory)
    job_centre = factory.SelfAttribute("job_order.job_centre")
    sent_by = factory.SubFactory(UserFactory)
    sent_at = factory.LazyFunction(timezone.now)
    message = "Vi mangler tømrere."


class RequestRecipientFactory(DjangoModelFactory):
    """Another centre of the cooperation, awaiting its answer; `answered=True` answers it
    with candidates."""

    class Meta:
        model = RequestRecipient

    class Params:
        answered = factory.Trait(
            status=RecipientStatus.CANDIDATES,
            answered_by=factory.SubFactory(UserFactory),
            answered_at=factory.LazyFunction(timezone.now),
        )

    request = factory.SubFactory(CandidateRequestFactory)
    job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..request.job_centre.cooperation")
    )
    status = RecipientStatus.AWAITING


class RequestOfferFactory(DjangoModelFactory):
    """A candidate of the answering centre, offered by the one who answered."""

    class Meta:
        model = RequestOffer

    recipient = factory.SubFactory(RequestRecipientFactory, answered=True)
    request = factory.SelfAttribute("recipient.request")
    candidate = factory.SubFactory(
        CandidateFactory, job_centre=factory.SelfAttribute("..recipient.job_centre")
    )
    offered_by = factory.LazyAttribute(lambda o: o.recipient.answered_by or UserFactory())
    offered_at = factory.LazyFunction(timezone.now)
