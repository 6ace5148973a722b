"""What each user wants to hear about, and the mails queued."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.notifications.models import Notification, NotificationKind, NotificationSettings

from .organisations import UserFactory


class NotificationSettingsFactory(DjangoModelFactory):
    """The choices of a user who wants every kind (the defaults)."""

    class Meta:
        model = NotificationSettings

    user = factory.SubFactory(UserFactory)


class NotificationFactory(DjangoModelFactory):
    """A queued, unsent reminder of a due follow-up, with the context its template reads."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    address = factory.LazyAttribute(
        lambda o: (o.user.email or f"{o.user.username}@example.dk") if o.user else "x@example.dk"
    )
    kind = NotificationKind.FOLLOW_UP_DUE
    language = "da"
    template = "core/mail/follow_up_due"
    context = factory.LazyFunction(
        lambda: {
            "step": "week",
            "due_on": "2026-01-12",
            "company": "Byg og Anlæg A/S",
            "job_title": "Tømrer til metrobyggeri",
        }
    )
