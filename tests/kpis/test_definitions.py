"""Every KPI on the constructed first quarter of 2027 (see conftest): exact answers."""

import datetime as dt

import pytest

from jobbro.joborders.models import JobOrderKind, JobOrderStatus, ReferralState
from jobbro.kpis.measures import Average, Count, Durations, Share
from jobbro.kpis.periods import quarter
from jobbro.kpis.selectors import KPIS, compare, figure
from jobbro.kpis.sources import Filters
from jobbro.organisations.models import Cooperation
from tests.factories import CandidateFactory, CompanyFactory

from .conftest import hire, local, order

pytestmark = pytest.mark.django_db

EXPECTED = {
    "job_orders": Count(4),
    "positions": Count(7),
    "referral_rate": Share(3, 4),
    "fill_rate": Share(3, 7),
    "referrals": Count(5),
    "match_rate": Share(3, 4),
    "hires": Count(3),
    "time_to_fill": Durations(14.0, 30, 3),
    "ordinary_hours": Share(2, 3),
    "retention_week": Share(3, 3),
    "retention_month": Share(1, 2),
    "retention_quarter": Share(1, 2),
    "ordinary_hours_quarter": Share(1, 2),
    "cross_municipal": Share(2, 3),
    "became_jobs": Share(0, 0),
    "visits": Count(2),
    "contacts": Count(3),
    "companies_contacted": Count(2),
    "agreements_new": Count(1),
    "agreements_running": Count(2),
    "agreements_reached": Share(1, 2),
    "agreement_hires": Share(2, 6),
    "inquiries": Count(4),
    "inquiries_within_target": Share(1, 3),
    "survey_response_rate": Share(1, 2),
    "survey_overall": Average(5.0, 1),
    "survey_all": Average(4.2, 1),
}


def test_every_kpi_is_tested_here():
    assert set(EXPECTED) == set(KPIS)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_kpi_on_the_constructed_quarter(world, key):
    found = figure(key, world.coop, world.period, now=world.now)
    expected = EXPECTED[key]
    if isinstance(expected, Average):
        assert isinstance(found, Average) and found.n == expected.n
        assert found.value == pytest.approx(expected.value)
    else:
        assert found == expected


def test_the_fill_rate_and_time_to_fill_in_words(world):
    """4 job orders with 7 positions; 3 hired 10, 30 and 14 days after their order arrived."""
    fill = figure("fill_rate", world.coop, world.period)
    assert fill == Share(3, 7) and fill.percent == 43
    assert figure("time_to_fill", world.coop, world.period) == Durations(14.0, 30, 3)


def test_an_empty_period_gives_noughts_and_no_shares(world):
    empty = quarter(dt.date(2030, 7, 1))
    for key in KPIS:
        found = figure(key, world.coop, empty, now=world.now)
        match found:
            case Count():
                assert found == Count(0), key
            case Share():
                assert found == Share(0, 0) and found.percent is None, key
            case Average():
                assert found == Average(None, 0), key
            case Durations():
                assert found == Durations(None, None, 0), key
            case _:
                pytest.fail(f"{key}: {found!r}")


def test_the_period_boundaries_are_local_days(world):
    """o4 arrived 1 Jan 00:30 (31 Dec in UTC) and counts; o5 on 31 Dec 23:30 does not; o2 on
    31 Mar 23:30 counts; the visit at 00:00 on 1 April does not."""
    march = quarter(dt.date(2027, 3, 1))
    assert figure("positions", world.coop, march) == Count(7)
    day_one = figure("job_orders", world.coop, quarter(dt.date(2026, 12, 31)))
    assert day_one == Count(1)  # o5 alone
    april = quarter(dt.date(2027, 4, 1))
    assert figure("visits", world.coop, april) == Count(1)


def test_a_hire_on_the_last_day_counts_and_the_day_after_does_not(world):
    last = hire(
        world.o3,
        CandidateFactory(job_centre=world.gladsaxe),
        local(2027, 3, 1),
        dt.date(2027, 3, 31),
    )
    assert figure("hires", world.coop, world.period) == Count(4)
    last.start_date = dt.date(2027, 4, 1)
    last.save()
    assert figure("hires", world.coop, world.period) == Count(3)


def test_cancelled_orders_count_as_received_but_not_in_the_rates(world):
    order(
        local(2027, 2, 20),
        company=world.a,
        job_centre=world.herlev,
        occupation=world.carpenter,
        positions=4,
        status=JobOrderStatus.CANCELLED,
    )
    assert figure("job_orders", world.coop, world.period) == Count(5)
    assert figure("positions", world.coop, world.period) == Count(11)
    assert figure("referral_rate", world.coop, world.period) == Share(3, 4)
    assert figure("fill_rate", world.coop, world.period) == Share(3, 7)


def test_internships_and_wage_subsidies_that_became_ordinary_jobs(world):
    """At the same company, on or after the subsidised start; a job elsewhere is not one."""
    candidates = [CandidateFactory(job_centre=world.herlev) for _ in range(3)]
    internship = order(
        local(2027, 1, 3), company=world.a, job_centre=world.herlev, kind=JobOrderKind.INTERNSHIP
    )
    subsidy = order(
        local(2027, 1, 3),
        company=world.b,
        job_centre=world.gladsaxe,
        kind=JobOrderKind.WAGE_SUBSIDY,
    )
    ordinary_a = order(local(2027, 3, 1), company=world.a, job_centre=world.herlev, positions=3)
    for candidate in candidates:
        hire(
            internship if candidate != candidates[2] else subsidy,
            candidate,
            local(2027, 1, 4),
            dt.date(2027, 1, 10),
        )
    hire(ordinary_a, candidates[0], local(2027, 3, 1), dt.date(2027, 3, 15))  # became a job
    ordinary_b = order(
        local(2027, 3, 1), company=CompanyFactory(cooperation=world.coop), job_centre=world.herlev
    )
    hire(ordinary_b, candidates[1], local(2027, 3, 1), dt.date(2027, 3, 15))  # another company
    assert figure("became_jobs", world.coop, world.period) == Share(1, 3)


def test_a_declined_referral_counts_against_the_match_rate_a_withdrawn_one_does_not(world):
    referral = world.p3.referral
    world.p3.delete()
    referral.state = ReferralState.DECLINED
    referral.save()
    assert figure("match_rate", world.coop, world.period) == Share(2, 4)
    referral.state = ReferralState.WITHDRAWN
    referral.save()
    assert figure("match_rate", world.coop, world.period) == Share(2, 3)


def test_a_hire_whose_company_no_member_serves_is_left_out_of_the_cross_municipal_share(world):
    elsewhere = CompanyFactory(cooperation=world.coop)  # a municipality no member serves
    job_order = order(local(2027, 2, 1), company=elsewhere, job_centre=world.herlev)
    hire(
        job_order,
        CandidateFactory(job_centre=world.gladsaxe),
        local(2027, 2, 2),
        dt.date(2027, 2, 3),
    )
    assert figure("cross_municipal", world.coop, world.period) == Share(2, 3)
    assert figure("hires", world.coop, world.period) == Count(4)


def test_filters(world):
    herlev = Filters(job_centre=world.herlev.pk)
    assert figure("job_orders", world.coop, world.period, herlev) == Count(2)
    assert figure("hires", world.coop, world.period, herlev) == Count(2)
    assert figure("visits", world.coop, world.period, herlev) == Count(1)  # not the secretariat's
    gladsaxe = Filters(job_centre=world.gladsaxe.pk)
    assert figure("positions", world.coop, world.period, gladsaxe) == Count(3)  # not o4
    assert figure("inquiries", world.coop, world.period, gladsaxe) == Count(1)
    building = Filters(industry=world.building.pk)
    assert figure("positions", world.coop, world.period, building) == Count(3)
    assert figure("survey_response_rate", world.coop, world.period, building) == Share(1, 1)
    project = Filters(project=world.project.pk)
    assert figure("fill_rate", world.coop, world.period, project) == Share(2, 2)
    cleaner = Filters(occupation=world.cleaner.pk)
    assert figure("time_to_fill", world.coop, world.period, cleaner) == Durations(14.0, 14, 1)
    assert figure("agreements_running", world.coop, world.period, cleaner) == Count(1)  # Y: all
    senior = Filters(target_group="senior")
    assert figure("hires", world.coop, world.period, senior) == Count(1)
    assert figure("retention_month", world.coop, world.period, senior) == Share(0, 1)


def test_youth_is_under_30_on_the_day_of_the_referral_or_the_hire(world):
    """c5 was 29 when proposed on 14 Feb and 30 when starting on 15 Feb."""
    youth = Filters(target_group="youth")
    assert figure("referrals", world.coop, world.period, youth) == Count(2)  # c1, c5
    assert figure("hires", world.coop, world.period, youth) == Count(1)  # c1


def test_the_youth_mark_alone_does_not_make_a_candidate_young(world):
    from jobbro.candidates.models import TargetGroup

    world.c3.target_groups.set([TargetGroup.objects.get(code="youth")])  # born 1985
    youth = Filters(target_group="youth")
    assert figure("referrals", world.coop, world.period, youth) == Count(2)


def test_a_filter_the_kpi_cannot_use_gives_no_figure(world):
    assert (
        figure("visits", world.coop, world.period, Filters(occupation=world.carpenter.pk)) is None
    )
    assert figure("job_orders", world.coop, world.period, Filters(target_group="senior")) is None
    assert figure("inquiries", world.coop, world.period, Filters(project=world.project.pk)) is None


def test_another_cooperation_sees_only_its_own(world):
    other = Cooperation.objects.get(short_name="NRS")
    assert figure("job_orders", other, world.period) == Count(1)
    assert figure("positions", other, world.period) == Count(4)
    assert figure("hires", other, world.period) == Count(1)
    assert figure("retention_week", other, world.period) == Share(0, 1)
    assert figure("visits", other, world.period) == Count(1)
    assert figure("inquiries", other, world.period) == Count(1)
    assert figure("agreements_running", other, world.period) == Count(1)
    assert figure("survey_overall", other, world.period) == Average(1.0, 1)


def test_comparison_with_the_previous_quarter(world):
    found = {
        c.kpi.key: c
        for c in compare(world.coop, world.period, keys=["job_orders", "positions", "hires"])
    }
    assert found["job_orders"].current == Count(4) and found["job_orders"].previous == Count(1)
    assert found["positions"].current == Count(7) and found["positions"].previous == Count(5)
    assert found["hires"].previous == Count(0)
    assert found["hires"].previous_period == quarter(dt.date(2026, 10, 1))
