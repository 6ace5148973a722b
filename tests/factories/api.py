"""The API's clients and idempotent writes. A client issued by `client_issue` holds a
token; these rows have a hash of a known secret ("secret") for tests that need none."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.api.models import ApiClient, IdempotentWrite, Scope
from jobbro.api.services import hash_secret

from .organisations import JobCentreFactory, UserFactory


class ApiClientFactory(DjangoModelFactory):
    class Meta:
        model = ApiClient

    name = factory.Sequence(lambda n: f"Sagssystem {n}")
    job_centre = factory.SubFactory(JobCentreFactory)
    scope = Scope.READ
    user = factory.SubFactory(UserFactory, is_active=False)
    prefix = factory.Sequence(lambda n: f"{n:08x}")
    secret_hash = factory.LazyFunction(lambda: hash_secret("secret"))
    created_by = factory.SubFactory(UserFactory)


class IdempotentWriteFactory(DjangoModelFactory):
    class Meta:
        model = IdempotentWrite

    client = factory.SubFactory(ApiClientFactory)
    user = factory.SelfAttribute("client.user")
    key = factory.Sequence(lambda n: f"key-{n}")
    fingerprint = "0" * 64
    status = 201
    response = factory.LazyFunction(lambda: {"id": 1})
