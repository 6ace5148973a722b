"""Deny by default, checked for every URL and every role.

A new view without a declared permission fails `test_every_view_declares_access`; a view
that answers a role outside its declaration fails the matrix.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company
from jobbro.joborders.models import FollowUpStep, JobOrder
from jobbro.organisations.access import declared_roles, is_public
from jobbro.organisations.models import JobCentre, Role
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    FollowUpFactory,
    JobCentreFactory,
    JobOrderFactory,
    PlacementFactory,
    ReferralFactory,
    SavedSearchFactory,
    SharingRequestFactory,
    staff,
)


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


APP_PATTERNS = [
    (name, pattern)
    for name, pattern in _patterns(get_resolver())
    if not name.startswith("admin:") and not is_public(pattern.callback)
]
# The JSON API authenticates itself (401 as JSON, not the login redirect); see jobbro/api.py.
API_PATTERNS = [(name, p) for name, p in _patterns(get_resolver()) if name.startswith("api:")]


def test_every_view_declares_access() -> None:
    undeclared = [name for name, p in APP_PATTERNS if declared_roles(p.callback) is None]
    assert not undeclared, f"views without @allowed or @public: {undeclared}"


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """One of everything at one job centre, so only roles decide the answers."""
    centre = JobCentreFactory()
    home = centre.municipalities.get()
    company = CompanyFactory(cooperation=centre.cooperation, municipality=home)
    # Taken home by the secretariat for the company's home centre: both run it, so every
    # role that recruits answers for it.
    job_order = JobOrderFactory(company=company, job_centre=centre, by_secretariat=True)
    candidate = CandidateFactory(job_centre=centre)
    referral = ReferralFactory(job_order=job_order, candidate=candidate)
    placement = PlacementFactory(
        referral=referral,
        start_date=timezone.localdate(),
        hours_per_week=37,
        recorded_by=referral.proposed_by,
        created_at=timezone.now(),
    )
    follow_up = FollowUpFactory(
        placement=placement,
        step=FollowUpStep.WEEK,
        due_on=timezone.localdate() + dt.timedelta(days=7),
    )
    users = {role: staff(role, centre) for role in Role}
    # A CV request for the candidate from another job centre of the cooperation.
    asker = staff(Role.JOB_CONSULTANT, JobCentreFactory(cooperation=centre.cooperation))
    sharing_request = SharingRequestFactory(
        candidate=candidate,
        requested_by=asker,
        requesting_job_centre=asker.memberships.get().job_centre,
    )
    saved_search = SavedSearchFactory(owner=asker, name="Tømrere", query="text=t%C3%B8mrer")
    world: dict[str, Any] = {
        "users": users,
        "companies": company.pk,
        "candidates": candidate.pk,
        "privacy": candidate.pk,
        "joborders": job_order.pk,
        "joborders:follow_up": follow_up.pk,
        "joborders:referral_transition": referral.pk,
        "joborders:hire": referral.pk,
        "sharing": sharing_request.pk,
        "searches": saved_search.pk,
    }
    # Each app whose URLs need objects of its own adds them in tests/<app>/access_world.py.
    base = AccessWorld(centre=centre, company=company, job_order=job_order, candidate=candidate)
    for extension in _world_extensions():
        world.update(extension(base))
    return world


@dataclass(frozen=True)
class AccessWorld:
    """The objects the matrix's users work with; an app's extension builds on them."""

    centre: JobCentre
    company: Company
    job_order: JobOrder
    candidate: Candidate


def _world_extensions() -> Iterator[Callable[[AccessWorld], dict[str, Any]]]:
    for path in sorted(Path(__file__).parent.glob("*/access_world.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_world")
        yield module.extend


def _url(name: str, pattern: URLPattern, world: dict[str, Any]) -> str:
    if not pattern.pattern.converters:
        return reverse(name)
    key = name if name in world else name.split(":")[0]
    assert key in world, f"{name}: add the object its URL needs to the `world` fixture"
    return reverse(name, kwargs={"pk": world[key]})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), APP_PATTERNS, ids=[n for n, _ in APP_PATTERNS])
def test_role_matrix(name: str, pattern: URLPattern, world: dict[str, Any]) -> None:
    url = _url(name, pattern, world)
    roles = declared_roles(pattern.callback) or frozenset()

    anonymous = Client().get(url)
    assert anonymous.status_code == 302, f"{name} answers anonymous users"
    assert anonymous["Location"].startswith(reverse("login"))

    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        status = client.get(url).status_code
        if role in roles:
            assert status != 403, f"{name} refuses {role}, which it declares"
        else:
            assert status == 403, f"{name} answers {role} with {status}"


def test_api_views_authenticate_themselves() -> None:
    assert API_PATTERNS, "the API is not mounted"
    unmarked = [n for n, p in API_PATTERNS if not getattr(p.callback, "authenticated_by_api", 0)]
    assert not unmarked, f"API views outside jobbro.api's access rule: {unmarked}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), API_PATTERNS, ids=[n for n, _ in API_PATTERNS])
def test_api_role_matrix(name: str, pattern: URLPattern, world: dict[str, Any]) -> None:
    url = reverse(name)
    anonymous = Client().get(url)
    assert anonymous.status_code == 401, f"{name} answers anonymous users"
    assert anonymous["Content-Type"].startswith("application/json")

    # The root only tells ninja where the API lives; it has nothing to show.
    expected = 404 if name == "api:api-root" else 200
    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == expected, f"{name} refuses {role}"
