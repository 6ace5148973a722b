"""The app's URLs and a world of objects to fill them, shared by the URL-wide tests.

`tests/test_access.py` asks every role every URL; `tests/test_query_counts.py` counts the
queries of every page. Both enumerate the URLs here and open them on the objects of
`build_world`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from jobbro.candidates.models import Candidate
from jobbro.companies.models import Company
from jobbro.joborders.models import FollowUpStep, JobOrder
from jobbro.organisations.access import is_public
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


def url_patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Every named URL under `resolver`, as "namespace:name"."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


# The app's own URLs, behind the access middleware (the admin guards itself).
APP_PATTERNS = [
    (name, pattern)
    for name, pattern in url_patterns(get_resolver())
    if not name.startswith("admin:") and not is_public(pattern.callback)
]


@dataclass(frozen=True)
class AccessWorld:
    """The objects the world's users work with; an app's extension builds on them."""

    centre: JobCentre
    company: Company
    job_order: JobOrder
    candidate: Candidate


def build_world() -> dict[str, Any]:
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
        "screening:cv_anonymised_pdf_da": referral.pk,
        "screening:cv_anonymised_pdf_en": referral.pk,
        "sharing": sharing_request.pk,
        "searches": saved_search.pk,
    }
    # Each app whose URLs need objects of its own adds them in tests/<app>/access_world.py.
    base = AccessWorld(centre=centre, company=company, job_order=job_order, candidate=candidate)
    world["base"] = base
    for extension in _world_extensions():
        world.update(extension(base))
    return world


def _world_extensions() -> Iterator[Callable[[AccessWorld], dict[str, Any]]]:
    for path in sorted(Path(__file__).parent.glob("*/access_world.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_world")
        yield module.extend


def url_of(name: str, pattern: URLPattern, world: dict[str, Any]) -> str:
    """The URL `name`, on the world's object for it when it takes one."""
    if not pattern.pattern.converters:
        return reverse(name)
    key = name if name in world else name.split(":")[0]
    assert key in world, f"{name}: add the object its URL needs to `build_world`"
    value = world[key]  # a pk, or the URL's arguments by name
    return reverse(name, kwargs=value if isinstance(value, dict) else {"pk": value})
