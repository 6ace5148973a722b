"""The demo's survey rounds: past quarters answered with varied scores, attributed."""

from __future__ import annotations

import random
import time
from io import StringIO

import pytest
from django.core.management import call_command

from jobbro.core.demo import seed
from jobbro.core.demo.context import Demo
from jobbro.core.demo.occupations import TRADES
from jobbro.core.demo.surveys import seed_surveys
from jobbro.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound
from jobbro.surveys.quarters import Quarter
from jobbro.surveys.selectors import survey_results
from tests.taxonomy.esco_subset import write_subset

pytestmark = pytest.mark.django_db


def test_seed_surveys(tmp_path):
    call_command(
        "load_taxonomy",
        "--dir",
        str(write_subset(tmp_path, [t.label_en for t in TRADES])),
        stdout=StringIO(),
    )
    demo = Demo(rng=random.Random(7), scale=0.05)  # noqa: S311 - synthetic data
    demo.trades = seed.load_trades()
    seed.seed_organisations(demo)
    seed.seed_industries(demo)
    seed.seed_companies(demo)
    started = time.monotonic()
    seed_surveys(demo)
    assert time.monotonic() - started < 3

    rounds = list(SurveyRound.objects.all())
    assert len(rounds) == 3
    assert Quarter.of(demo.today) not in {r.period for r in rounds}  # left for the secretariat
    assert not SurveyInvitation.objects.filter(job_centre__isnull=True).exists()
    responses = SurveyResponse.objects.all()
    assert responses.count() > 10
    assert len(set(responses.values_list("overall", flat=True))) >= 3
    assert responses.exclude(comment="").exists()
    assert demo.cooperation is not None
    results = survey_results(demo.cooperation)
    assert len(results.totals) == 3
    assert any(row.trend is not None for row in results.by_job_centre)
