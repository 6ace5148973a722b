"""The demo's company service: follow-ups for "konsulent", agreements with progress,
alliance marks and one likely duplicate."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jobbro.companies import merging, selectors
from jobbro.companies.models import AllianceCommitment, Interaction, RecruitmentAgreement
from jobbro.core.demo.company_service import seed_company_service
from jobbro.joborders import agreement_progress as progress
from tests.demo_world import demo_before

pytestmark = pytest.mark.django_db


def test_seed_company_service(tmp_path):
    demo = demo_before(seed_company_service, tmp_path, scale=0.1)
    agreements_before = set(RecruitmentAgreement.objects.values_list("pk", flat=True))
    seed_company_service(demo)

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
