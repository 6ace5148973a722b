"""The steering group's targets for the key figures, and a job centre's part of one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.kpis.models import (
    AgreementFigures,
    DailyFigures,
    DailyTimeToFill,
    StaleDays,
    SummaryState,
    Target,
    TargetPart,
)

from .companies import RecruitmentAgreementFactory
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


# --- the dashboard's summary (kpis/summary.py builds these; tests build them directly) ---


class DailyFiguresFactory(DjangoModelFactory):
    """One day's counts of a job centre, in the slice of every row."""

    class Meta:
        model = DailyFigures

    cooperation = factory.SubFactory(CooperationFactory)
    day = dt.date(2027, 1, 4)
    job_orders_n = 1
    positions_n = 2


class DailyTimeToFillFactory(DjangoModelFactory):
    class Meta:
        model = DailyTimeToFill

    cooperation = factory.SubFactory(CooperationFactory)
    day = dt.date(2027, 1, 4)
    days = 10
    n = 1


class SummaryStateFactory(DjangoModelFactory):
    class Meta:
        model = SummaryState

    cooperation = factory.SubFactory(CooperationFactory)
    built_at = factory.LazyFunction(timezone.now)
    refreshed_at = factory.LazyFunction(timezone.now)


class StaleDaysFactory(DjangoModelFactory):
    class Meta:
        model = StaleDays

    cooperation = factory.SubFactory(CooperationFactory)
    first = dt.date(2027, 1, 4)
    last = dt.date(2027, 1, 4)


class AgreementFiguresFactory(DjangoModelFactory):
    class Meta:
        model = AgreementFigures

    agreement = factory.SubFactory(RecruitmentAgreementFactory)
    cooperation = factory.SelfAttribute("agreement.company.cooperation")
    job_orders = 1
    positions = 2
    hires = 1
