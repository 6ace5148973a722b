"""The shared line: inquiries, their transition log, and changes of the service targets."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.intake.models import (
    Action,
    Channel,
    Inquiry,
    InquiryTransition,
    SpentFormToken,
    TargetChange,
)

from .organisations import CooperationFactory, JobCentreFactory, UserFactory


class InquiryFactory(DjangoModelFactory):
    """A new phone inquiry, built directly (the services are tested on their own)."""

    class Meta:
        model = Inquiry

    routed_to = factory.SubFactory(JobCentreFactory)
    cooperation = factory.SelfAttribute("routed_to.cooperation")
    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    channel = Channel.PHONE
    received_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=2))
    respond_by = factory.LazyAttribute(lambda o: o.received_at + dt.timedelta(hours=24))
    company_name = "Byg og Anlæg A/S"
    contact_name = "Mette Hansen"
    contact_phone = "12 34 56 78"
    subject = "Fire tømrere til metroen"
    message = "Vi mangler fire tømrere fra 1. marts."


class InquiryTransitionFactory(DjangoModelFactory):
    """The registration of the inquiry, as the intake services log it."""

    class Meta:
        model = InquiryTransition

    inquiry = factory.SubFactory(InquiryFactory)
    action = Action.REGISTERED
    from_status = ""
    to_status = factory.SelfAttribute("inquiry.status")
    by = factory.SelfAttribute("inquiry.registered_by")
    at = factory.SelfAttribute("inquiry.received_at")
    to_job_centre = factory.SelfAttribute("inquiry.routed_to")
    to_secretariat = factory.SelfAttribute("inquiry.at_secretariat")


class TargetChangeFactory(DjangoModelFactory):
    """The change that set the cooperation's targets as they are now."""

    class Meta:
        model = TargetChange

    cooperation = factory.SubFactory(CooperationFactory)
    by = factory.SubFactory(UserFactory)
    at = factory.LazyFunction(timezone.now)
    inquiry_response_hours = factory.SelfAttribute("cooperation.inquiry_response_hours")
    request_reminder_hours = factory.SelfAttribute("cooperation.request_reminder_hours")
    previous_inquiry_response_hours = factory.LazyAttribute(lambda o: o.inquiry_response_hours + 4)
    previous_request_reminder_hours = factory.LazyAttribute(lambda o: o.request_reminder_hours + 24)


class SpentFormTokenFactory(DjangoModelFactory):
    """The web form's nonce, spent by the inquiry it registered."""

    class Meta:
        model = SpentFormToken

    nonce = factory.Sequence(lambda n: f"nonce-{n:08d}")
    inquiry = factory.SubFactory(InquiryFactory, channel=Channel.WEB)
