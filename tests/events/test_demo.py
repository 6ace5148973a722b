"""The demo's events: one past with outcome, one upcoming with invitations."""

from __future__ import annotations

import random
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from jobbro.candidates.models import TargetGroup
from jobbro.core.demo import seed
from jobbro.core.demo.context import Demo
from jobbro.core.demo.events import seed_events
from jobbro.core.demo.occupations import TRADES
from jobbro.events.models import Event, EventCandidate, EventCompany
from jobbro.taxonomy.models import Language, Qualification
from tests.taxonomy.esco_subset import write_subset

pytestmark = pytest.mark.django_db


def test_seed_events(tmp_path):
    call_command(
        "load_taxonomy",
        "--dir",
        str(write_subset(tmp_path, [t.label_en for t in TRADES])),
        stdout=StringIO(),
    )
    demo = Demo(rng=random.Random(7), scale=0.05)  # noqa: S311 - synthetic data
    demo.trades = seed.load_trades()
    demo.target_groups = {g.code: g for g in TargetGroup.objects.all()}
    demo.languages = {lang.code: lang for lang in Language.objects.all()}
    demo.qualifications = {q.code: q for q in Qualification.objects.all()}
    seed.seed_organisations(demo)
    seed.seed_industries(demo)
    seed.seed_companies(demo)
    seed.seed_candidates(demo)
    started = time.monotonic()
    seed_events(demo)
    assert time.monotonic() - started < 3

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
