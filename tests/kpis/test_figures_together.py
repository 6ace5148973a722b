"""All KPIs at once (`figures`, what the dashboard asks for) give the figures that each KPI
alone (`figure`) gives, under every filter, for the constructed quarter and the one before."""

from __future__ import annotations

import pytest

from jobbro.kpis.measures import Count, Durations, Share
from jobbro.kpis.selectors import KPIS, compare, figure, figures
from jobbro.kpis.sources import Filters

pytestmark = pytest.mark.django_db


def _filter_cases(world) -> list[Filters]:
    return [
        Filters(),
        Filters(job_centre=world.herlev.pk),
        Filters(job_centre=world.gladsaxe.pk),
        Filters(industry=world.a.industry_id),
        Filters(occupation=world.o1.occupation_id),
        Filters(project=world.o1.project_id),
        Filters(target_group="senior"),
        Filters(target_group="youth"),
    ]


def test_all_at_once_equals_one_by_one(world):
    for filters in _filter_cases(world):
        for period in (world.period, world.period.previous()):
            together = figures(world.coop, period, filters, now=world.now)
            alone = {k: figure(k, world.coop, period, filters, now=world.now) for k in KPIS}
            assert together == alone, filters


def test_the_quarter_at_once_has_its_known_answers(world):
    found = figures(world.coop, world.period, now=world.now)
    assert found["job_orders"] == Count(4)
    assert found["positions"] == Count(7)
    assert found["referral_rate"] == Share(3, 4)
    assert found["fill_rate"] == Share(3, 7)
    assert found["referrals"] == Count(5)
    assert found["match_rate"] == Share(3, 4)
    assert found["hires"] == Count(3)
    assert found["time_to_fill"] == Durations(14.0, 30, 3)
    # The hires and their follow-ups: one query each, the counts not multiplied.
    assert found["retention_week"] == Share(3, 3)
    assert found["retention_month"] == Share(1, 2)
    assert found["ordinary_hours"] == Share(2, 3)
    assert found["agreements_running"] == Count(2)
    assert found["agreement_hires"] == Share(2, 6)


@pytest.mark.parametrize("keys", [["hires"], ["retention_week", "hires", "visits"]])
def test_a_choice_of_kpis_in_their_order(world, keys):
    assert list(figures(world.coop, world.period, keys=keys, now=world.now)) == keys
    assert [c.kpi.key for c in compare(world.coop, world.period, keys=keys, now=world.now)] == keys


def test_a_filter_a_source_cannot_take_gives_no_figure(world):
    found = figures(world.coop, world.period, Filters(occupation=world.o1.occupation_id))
    assert found["visits"] is None
    assert found["hires"] is not None


def test_the_agreements_progress_is_the_agreement_pages(world):
    """The dashboard counts each agreement's progress in the database; the agreement page
    (`progress_of`) counts it in Python: the same for every agreement of the world."""
    from jobbro.companies.models import RecruitmentAgreement
    from jobbro.joborders.agreement_progress import progress_of
    from jobbro.kpis.selectors import _progress

    agreements = RecruitmentAgreement.objects.prefetch_related("occupations").order_by("pk")
    assert agreements.count() >= 2
    expected = [
        (p.agreement.pk, p.job_orders, p.positions, p.hires) for p in progress_of(agreements)
    ]
    found = [(p.agreement.pk, p.job_orders, p.positions, p.hires) for p in _progress(agreements)]
    assert found == expected
    assert any(hires for *_rest, hires in found)
