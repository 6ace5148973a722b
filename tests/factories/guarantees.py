"""Job guarantees: an agreement with a job guarantee, a team of its cooperation, one job order."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.guarantees.models import JobGuarantee

from .companies import RecruitmentAgreementFactory
from .organisations import UserFactory
from .upskilling import CourseFactory, ProviderFactory, TeamFactory


class JobGuaranteeFactory(DjangoModelFactory):
    class Meta:
        model = JobGuarantee
        skip_postgeneration_save = True

    agreement = factory.SubFactory(
        RecruitmentAgreementFactory,
        job_guarantee=True,
        guarantee_terms="Virksomheden ansætter 5 af dem, der gennemfører holdet.",
    )
    team = factory.SubFactory(
        TeamFactory,
        course=factory.SubFactory(
            CourseFactory,
            provider=factory.SubFactory(
                ProviderFactory,
                cooperation=factory.SelfAttribute("....agreement.company.cooperation"),
            ),
        ),
    )
    jobs_promised = 5
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def job_orders(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.job_orders.set(extracted)  # type: ignore[attr-defined]
