"""The demo's events: one past with outcome, one upcoming with invitations."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.utils import timezone

from jobbro.core.demo.events import seed_events
from jobbro.events.models import Event, EventCandidate, EventCompany
from tests.demo_world import demo_before

pytestmark = pytest.mark.django_db


def test_seed_events(tmp_path):
    demo = demo_before(seed_events, tmp_path)
    seed_events(demo)

    past, upcoming = Event.objects.order_by("starts_at")
    assert past.ends_at < timezone.now() < upcoming.starts_at
    assert past.companies.aggregate(hires=Sum("hires"))["hires"] is not None
    assert past.companies.filter(status="attended").exists()
    assert past.candidates.filter(status="attended").exists()
    assert upcoming.companies.exists() and upcoming.candidates.exists()
    # Some companies answered by their personal link (no staff user on the change).
    assert upcoming.companies.filter(answered_at__isnull=False, changed_by=None).exists()
    assert all(entry.token for entry in EventCompany.objects.all())
    # Each candidate invited by a partner of the candidate's own job centre.
    for entry in EventCandidate.objects.select_related("candidate"):
        assert entry.job_centre_id == entry.candidate.job_centre_id
        assert entry.invited_by.memberships.filter(job_centre=entry.job_centre).exists()
