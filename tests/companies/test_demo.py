"""The demo's company service: follow-ups for "konsulent", agreements with progress,
alliance marks and one likely duplicate."""

from __future__ import annotations

import random
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobbro.candidates.models import TargetGroup
from jobbro.companies import merging, progress, selectors
from jobbro.companies.models import AllianceCommitment, Interaction, RecruitmentAgreement
from jobbro.core.demo import seed
from jobbro.core.demo.company_service import seed_company_service
from jobbro.core.demo.context import Demo
from jobbro.core.demo.occupations import TRADES
from jobbro.taxonomy.models import Language, Qualification
from tests.taxonomy.esco_subset import write_subset

pytestmark = pytest.mark.django_db


def test_seed_company_service(tmp_path):
    call_command(
        "load_taxonomy",
        "--dir",
        str(write_subset(tmp_path, [t.label_en for t in TRADES])),
        stdout=StringIO(),
    )
    demo = Demo(rng=random.Random(7), scale=0.1)  # noqa: S311 - synthetic data
    demo.trades = seed.load_trades()
    demo.target_groups = {g.code: g for g in TargetGroup.objects.all()}
    demo.languages = {lang.code: lang for lang in Language.objects.all()}
    demo.qualifications = {q.code: q for q in Qualification.objects.all()}
    seed.seed_organisations(demo)
    seed.seed_industries(demo)
    seed.seed_companies(demo)
    seed.seed_candidates(demo)
    seed.seed_projects(demo)
    seed.seed_job_orders(demo)
    seed.seed_history(demo)
    agreements_before = set(RecruitmentAgreement.objects.values_list("pk", flat=True))
    started = time.monotonic()
    seed_company_service(demo)
    assert time.monotonic() - started < 3

    konsulent = demo.users["konsulent"]
    due_today = selectors.follow_ups_due(konsulent, days=0)
    assert due_today.filter(follow_up_on=timezone.localdate()).exists()
    assert due_today.filter(follow_up_on__lt=timezone.localdate()).exists()
    assert Interaction.objects.filter(follow_up_done_by=konsulent).exists()
    assert Interaction.objects.exclude(outcome_code="").exists()
    new = RecruitmentAgreement.objects.exclude(pk__in=agreements_before).prefetch_related(
        "occupations"
    )
    assert any(row.hires for row in progress.progress_of(new))
    assert selectors.alliances_for_filter(demo.cooperation)
    assert AllianceCommitment.objects.filter(end_date__isnull=False).exists()
    pairs = merging.likely_duplicates(demo.cooperation)
    assert any(p.same_name and p.same_address for p in pairs)
