"""The KKR progress scheme: recommendations and assessments with their first version."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.kkr.models import Assessment, AssessmentChange, Obligation, Recommendation, Status

from .organisations import CooperationFactory, JobCentreFactory, MunicipalityFactory, UserFactory


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    cooperation = factory.SubFactory(CooperationFactory)
    number = factory.Sequence(lambda n: f"{n + 1}")
    area = "Virksomhedsrettede indsatser"
    text = "Alle kommuner skal være en del af et formaliseret virksomhedsberedskab."
    obligation = Obligation.MUST
    order = factory.Sequence(lambda n: n)
    first_year = 2015


class AssessmentFactory(DjangoModelFactory):
    """An assessment as a report saves it: with its first version in the history."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    recommendation = factory.SubFactory(RecommendationFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2025
    status = Status.GREEN
    remark = ""
    job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..recommendation.cooperation")
    )
    updated_by = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def first_version(self, create: bool, extracted: object) -> None:
        if create:
            AssessmentChange.objects.create(
                assessment=self,
                version=self.version,
                status=self.status,
                remark=self.remark,
                job_centre=self.job_centre,
                changed_by=self.updated_by,
                changed_at=self.updated_at,
            )
