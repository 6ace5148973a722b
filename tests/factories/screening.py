"""The cooperation's screening checklist and a referral's answers.

The only place the tests import the screening models, so their move to another app is one
line here.
"""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobbro.joborders.models import JobOrderKind
from jobbro.screening.models import ScreeningAnswer, ScreeningItem, ScreeningValue

from .joborders import ReferralFactory
from .organisations import CooperationFactory, UserFactory


class ScreeningItemFactory(DjangoModelFactory):
    class Meta:
        model = ScreeningItem

    cooperation = factory.SubFactory(CooperationFactory)
    kind = JobOrderKind.ORDINARY
    position = factory.Sequence(lambda n: n + 1)
    text_da = "Har kandidaten eget værktøj?"
    text_en = "Does the candidate have their own tools?"
    updated_by = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(timezone.now)


class ScreeningAnswerFactory(DjangoModelFactory):
    """A yes to a question of the checklist for the referral's job order, with the question's
    texts copied as `screening_record` does."""

    class Meta:
        model = ScreeningAnswer

    referral = factory.SubFactory(ReferralFactory)
    item = factory.SubFactory(
        ScreeningItemFactory,
        cooperation=factory.SelfAttribute("..referral.job_order.company.cooperation"),
        kind=factory.SelfAttribute("..referral.job_order.kind"),
    )
    position = factory.LazyAttribute(lambda o: o.item.position if o.item else 1)
    text_da = factory.LazyAttribute(lambda o: o.item.text_da if o.item else "Et fjernet spørgsmål")
    text_en = factory.LazyAttribute(lambda o: o.item.text_en if o.item else "A removed question")
    value = ScreeningValue.YES
