"""A cooperation of two job centres (A and B), clients of A's, and a caller for the API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from jobbro.api.models import ApiClient, Scope
from jobbro.api.services import client_issue
from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company
from jobbro.joborders.models import JobOrder
from jobbro.matching.holder import get_holder
from jobbro.organisations.models import JobCentre, Role, User
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    staff,
)


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    """No rate-limit counts or ranked index left from another test."""
    cache.clear()
    get_holder().clear()
    yield
    get_holder().clear()


@dataclass
class Caller:
    """An API client's token, called through Django's test client."""

    token: str
    client: ApiClient | None = None

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        language: str | None = None,
        **headers: str,
    ) -> Any:
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if self.token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        if language:
            extra["HTTP_ACCEPT_LANGUAGE"] = language
        data = json.dumps(body) if body is not None else None
        return Client().generic(
            method, path, data=data or "", content_type="application/json", **extra
        )

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)


@pytest.fixture
def cooperation() -> Any:
    return CooperationFactory(name="Hovedstadens Rekrutteringsservice", short_name="HRS")


@pytest.fixture
def centre_a(cooperation: Any) -> JobCentre:
    return JobCentreFactory(cooperation=cooperation, name="Jobcenter Albertslund")


@pytest.fixture
def centre_b(cooperation: Any) -> JobCentre:
    return JobCentreFactory(cooperation=cooperation, name="Jobcenter Ballerup")


@pytest.fixture
def secretariat(centre_a: JobCentre) -> User:
    centre_a.cooperation.secretariat = centre_a
    centre_a.cooperation.save()
    return staff(Role.SECRETARIAT, centre_a, first_name="Sara")


def _caller(secretariat: User, centre: JobCentre, scope: str, name: str) -> Caller:
    client, token = client_issue(actor=secretariat, name=name, job_centre=centre, scope=scope)
    return Caller(token=token, client=client)


@pytest.fixture
def writer(secretariat: User, centre_a: JobCentre) -> Caller:
    return _caller(secretariat, centre_a, Scope.WRITE, "Albertslunds sagssystem")


@pytest.fixture
def reader(secretariat: User, centre_a: JobCentre) -> Caller:
    return _caller(secretariat, centre_a, Scope.READ, "Albertslunds statistik")


@pytest.fixture
def writer_b(secretariat: User, centre_b: JobCentre) -> Caller:
    return _caller(secretariat, centre_b, Scope.WRITE, "Ballerups sagssystem")


@pytest.fixture
def company(centre_a: JobCentre) -> Company:
    return CompanyFactory(
        cooperation=centre_a.cooperation,
        municipality=centre_a.municipalities.get(),
        name="Tømrerfirmaet Ågård ApS",
    )


@pytest.fixture
def occupation() -> Any:
    return OccupationFactory(label_da="tømrer", label_en="carpenter")


@pytest.fixture
def consultant(centre_a: JobCentre) -> User:
    return staff(Role.BUSINESS_CONSULTANT, centre_a, first_name="Bent")


@pytest.fixture
def job_order(company: Company, centre_a: JobCentre, consultant: User, occupation: Any) -> JobOrder:
    return JobOrderFactory(
        company=company,
        job_centre=centre_a,
        created_by=consultant,
        occupation=occupation,
        positions=2,
        title="Tømrer til nybyggeri",
    )


@pytest.fixture
def own_candidate(centre_a: JobCentre) -> Candidate:
    return CandidateFactory(job_centre=centre_a, first_name="Åse", last_name="Østergård")


@pytest.fixture
def shared_candidate(centre_b: JobCentre) -> Candidate:
    """B's candidate who consented to sharing with the cooperation."""
    return CandidateFactory(job_centre=centre_b, first_name="Bo", last_name="Bæk")


@pytest.fixture
def private_candidate(centre_b: JobCentre) -> Candidate:
    """B's candidate without consent: A's clients must not find them."""
    return CandidateFactory(
        job_centre=centre_b,
        first_name="Pia",
        last_name="Privat",
        consent_scope="none",
        consent_given_on=None,
    )
