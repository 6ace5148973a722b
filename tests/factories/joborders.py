"""Projects, job orders and their requirements, referrals, hires and follow-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.joborders.models import (
    FollowUp,
    FollowUpStep,
    Importance,
    JobOrder,
    JobOrderTask,
    Placement,
    Project,
    Referral,
    ReferralState,
    ReferralTransition,
    Requirement,
    RequirementKind,
)
from jobbro.joborders.services import FOLLOW_UP_OFFSETS
from jobbro.taxonomy.models import CefrLevel

from .candidates import CandidateFactory
from .companies import CompanyFactory
from .organisations import CooperationFactory, JobCentreFactory, UserFactory
from .taxonomy import LanguageFactory, OccupationFactory, QualificationFactory, SkillFactory


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"Metrobyggeri {n}")


class JobOrderFactory(DjangoModelFactory):
    class Meta:
        model = JobOrder

    company = factory.SubFactory(CompanyFactory)
    job_centre = factory.SubFactory(JobCentreFactory)
    created_by = factory.SubFactory(UserFactory)
    title = "Tømrer til metrobyggeri"
    occupation = factory.SubFactory(OccupationFactory)
    positions = 2
    workplace_address = "Sydhavnen, København"
    workplace_municipality = factory.SelfAttribute("company.municipality")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


def _for_kind(kind: RequirementKind, declaration: Any, otherwise: Any = None) -> factory.Maybe:
    """A requirement fills in exactly the target its kind names (the database checks it)."""
    return factory.Maybe(factory.LazyAttribute(lambda o: o.kind == kind), declaration, otherwise)


class RequirementFactory(DjangoModelFactory):
    """Two years of experience as a must; another `kind` gets its own target by default."""

    class Meta:
        model = Requirement

    job_order = factory.SubFactory(JobOrderFactory)
    importance = Importance.MUST
    kind = RequirementKind.EXPERIENCE
    qualification = _for_kind(
        RequirementKind.QUALIFICATION, factory.SubFactory(QualificationFactory)
    )
    language = _for_kind(RequirementKind.LANGUAGE, factory.SubFactory(LanguageFactory))
    language_level = _for_kind(RequirementKind.LANGUAGE, CefrLevel.B1, "")
    skill = _for_kind(RequirementKind.SKILL, factory.SubFactory(SkillFactory))
    min_years = _for_kind(RequirementKind.EXPERIENCE, 2)


class JobOrderTaskFactory(DjangoModelFactory):
    """A task without the trade that needs one skill (`skills=[...]` gives others)."""

    class Meta:
        model = JobOrderTask
        skip_postgeneration_save = True

    job_order = factory.SubFactory(JobOrderFactory)
    title = factory.Sequence(lambda n: f"Oprydning {n}")

    @factory.post_generation
    def skills(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            chosen = [SkillFactory()] if extracted is None else extracted
            self.skills.set(chosen)  # type: ignore[attr-defined]


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    job_order = factory.SubFactory(JobOrderFactory)
    candidate = factory.SubFactory(CandidateFactory)
    proposed_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)


class ReferralTransitionFactory(DjangoModelFactory):
    """The proposal's entry in the log, as `referral_propose` writes it."""

    class Meta:
        model = ReferralTransition

    referral = factory.SubFactory(ReferralFactory)
    from_state = ""
    to_state = ReferralState.PROPOSED
    by = factory.SelfAttribute("referral.proposed_by")
    at = factory.SelfAttribute("referral.created_at")


class PlacementFactory(DjangoModelFactory):
    """A hire from a hired referral, starting today, recorded by the one who proposed.

    Unlike `referral_hire` it leaves the job order's hire count and the follow-ups alone:
    tests make those they need (FollowUpFactory)."""

    class Meta:
        model = Placement

    referral = factory.SubFactory(ReferralFactory, state=ReferralState.HIRED)
    start_date = factory.LazyFunction(timezone.localdate)
    hours_per_week = 37
    recorded_by = factory.SelfAttribute("referral.proposed_by")
    created_at = factory.LazyFunction(timezone.now)


class FollowUpFactory(DjangoModelFactory):
    """An open follow-up, due as `referral_hire` schedules its step."""

    class Meta:
        model = FollowUp

    placement = factory.SubFactory(PlacementFactory)
    step = FollowUpStep.WEEK
    due_on = factory.LazyAttribute(
        lambda o: o.placement.start_date + FOLLOW_UP_OFFSETS[FollowUpStep(o.step)]
    )
    # Copied from the hire, as `referral_hire` does.
    job_order_centre = factory.LazyAttribute(lambda o: o.placement.referral.job_order.job_centre)
    candidate_centre = factory.LazyAttribute(lambda o: o.placement.referral.candidate.job_centre)
