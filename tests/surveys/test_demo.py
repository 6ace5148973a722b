"""The demo's survey rounds: past quarters answered with varied scores, attributed; the job
barometer's two half-years."""

from __future__ import annotations

import pytest

from jobbro.core.demo.surveys import seed_surveys
from jobbro.surveys.models import BarometerRound, SurveyInvitation, SurveyResponse, SurveyRound
from jobbro.surveys.quarters import Quarter
from jobbro.surveys.selectors import barometer_results, half_of, survey_results
from tests.demo_world import demo_before

pytestmark = pytest.mark.django_db


def test_seed_surveys(tmp_path):
    demo = demo_before(seed_surveys, tmp_path)
    seed_surveys(demo)

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


def test_seed_barometer_shows_growth(tmp_path):
    demo = demo_before(seed_surveys, tmp_path)
    seed_surveys(demo)

    previous, current = BarometerRound.objects.order_by("year", "half")
    assert (current.year, current.half) == half_of(demo.today)
    assert current.invitations.filter(answered_at__isnull=True).exists()  # still answering
    results = barometer_results(current)
    assert results.previous == previous and results.answered >= 3
    changes = [row.change for row in results.occupations]
    assert any(c is not None and c > 0 for c in changes)
    assert any(c is not None and c < 0 for c in changes)
