"""Company surveys: satisfaction rounds, invitations, responses; job barometer rounds and
answers."""

from __future__ import annotations

import secrets

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.companies.selectors import company_home_job_centre
from jobbro.surveys.models import (
    BarometerAnswer,
    BarometerLine,
    BarometerRound,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
from jobbro.surveys.quarters import Quarter
from jobbro.surveys.selectors import half_of

from .companies import CompanyFactory
from .organisations import CooperationFactory
from .taxonomy import OccupationFactory


class SurveyRoundFactory(DjangoModelFactory):
    """The cooperation's round of this quarter; a cooperation has one round a quarter."""

    class Meta:
        model = SurveyRound
        django_get_or_create = ("cooperation", "year", "quarter")

    class Params:
        period = factory.LazyFunction(lambda: Quarter.of(timezone.localdate()))

    cooperation = factory.SubFactory(CooperationFactory)
    year = factory.SelfAttribute("period.year")
    quarter = factory.SelfAttribute("period.number")


class SurveyInvitationFactory(DjangoModelFactory):
    """An invitation sent by the cron job to a company of the round's cooperation, attributed
    to its home job centre and contact consultant as `send_surveys` does."""

    class Meta:
        model = SurveyInvitation

    survey_round = factory.SubFactory(SurveyRoundFactory)
    company = factory.SubFactory(
        CompanyFactory, cooperation=factory.SelfAttribute("..survey_round.cooperation")
    )
    email = "kontakt@firma.dk"
    job_centre = factory.LazyAttribute(lambda o: company_home_job_centre(o.company))
    consultant = factory.SelfAttribute("company.contact_consultant")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))


class SurveyResponseFactory(DjangoModelFactory):
    """A fairly content answer to an invitation answered now."""

    class Meta:
        model = SurveyResponse

    invitation = factory.SubFactory(
        SurveyInvitationFactory, answered_at=factory.LazyFunction(timezone.now)
    )
    response_time = 4
    communication = 4
    guidance = 4
    understanding = 4
    overall = 4


class BarometerRoundFactory(DjangoModelFactory):
    """The cooperation's job barometer of this half-year; one a half-year."""

    class Meta:
        model = BarometerRound
        django_get_or_create = ("cooperation", "year", "half")

    class Params:
        period = factory.LazyFunction(lambda: half_of(timezone.localdate()))

    cooperation = factory.SubFactory(CooperationFactory)
    year = factory.LazyAttribute(lambda o: o.period[0])
    half = factory.LazyAttribute(lambda o: o.period[1])


class BarometerInvitationFactory(SurveyInvitationFactory):
    """An invitation to the job barometer (the same link machinery as the survey's)."""

    survey_round = None
    barometer_round = factory.SubFactory(BarometerRoundFactory)
    company = factory.SubFactory(
        CompanyFactory, cooperation=factory.SelfAttribute("..barometer_round.cooperation")
    )


class BarometerAnswerFactory(DjangoModelFactory):
    class Meta:
        model = BarometerAnswer

    invitation = factory.SubFactory(
        BarometerInvitationFactory, answered_at=factory.LazyFunction(timezone.now)
    )
    small_jobs = 1
    apprentices = 1


class BarometerLineFactory(DjangoModelFactory):
    class Meta:
        model = BarometerLine

    answer = factory.SubFactory(BarometerAnswerFactory)
    occupation = factory.SubFactory(OccupationFactory)
    hires_3m = 1
    hires_6m = 2
    hires_12m = 3
