"""Candidate pools and their members."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.pools.models import Pool, PoolKind, PoolMember

from .candidates import CandidateFactory
from .organisations import JobCentreFactory, UserFactory


class PoolFactory(DjangoModelFactory):
    """An industry pool (give `industries=[…]` for its field), shared in the cooperation."""

    class Meta:
        model = Pool
        skip_postgeneration_save = True

    job_centre = factory.SubFactory(JobCentreFactory)
    cooperation = factory.SelfAttribute("job_centre.cooperation")
    name = factory.Sequence(lambda n: f"Byggeri {n}")
    kind = PoolKind.INDUSTRY
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def industries(self, create: bool, extracted: list[object] | None) -> None:
        if create and extracted:
            self.industries.set(extracted)

    @factory.post_generation
    def occupations(self, create: bool, extracted: list[object] | None) -> None:
        if create and extracted:
            self.occupations.set(extracted)


class PoolMemberFactory(DjangoModelFactory):
    class Meta:
        model = PoolMember

    pool = factory.SubFactory(PoolFactory)
    candidate = factory.SubFactory(
        CandidateFactory, job_centre=factory.SelfAttribute("..pool.job_centre")
    )
    added_by = factory.SubFactory(UserFactory)
