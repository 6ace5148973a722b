"""The steering group's targets for the key figures, and a job centre's part of one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from jobbro.kpis.models import Target, TargetPart

from .organisations import CooperationFactory, JobCentreFactory


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    cooperation = factory.SubFactory(CooperationFactory)
    kpi = "hires"
    start = dt.date(2027, 1, 1)
    end = dt.date(2027, 12, 31)
    value = Decimal(10)


class TargetPartFactory(DjangoModelFactory):
    class Meta:
        model = TargetPart

    target = factory.SubFactory(TargetFactory)
    job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..target.cooperation")
    )
    value = Decimal(5)
