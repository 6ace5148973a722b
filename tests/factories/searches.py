"""A consultant's saved free searches."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.searches.models import SavedSearch

from .organisations import UserFactory


class SavedSearchFactory(DjangoModelFactory):
    class Meta:
        model = SavedSearch

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Tømrere {n}")
    query = "text=t%C3%B8mrer"
