"""Inquiries on the shared line, built directly (the services are tested on their own)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.intake.models import Channel, Inquiry
from tests.factories import JobCentreFactory


class InquiryFactory(DjangoModelFactory):
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
