"""Company satisfaction surveys: rounds, invitations, responses."""

from __future__ import annotations

import secrets

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.companies.selectors import company_home_job_centre
from jobbro.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound
from jobbro.surveys.quarters import Quarter

from .companies import CompanyFactory
from .organisations import CooperationFactory


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
