"""The board's sections on the constructed week (conftest.py), with known answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from jobbro.board.selectors import Scope, board
from jobbro.joborders.models import JobOrder, JobOrderStatus
from jobbro.kpis.periods import week
from tests.factories import CooperationFactory, ReservationFactory, TeamFactory

from .world import NOW, WEEK, hire, local

pytestmark = pytest.mark.django_db


def test_the_board_is_as_of_the_end_of_a_past_week(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    assert shown.as_of == local(2026, 3, 9, 0, 0)
    assert shown.day == dt.date(2026, 3, 8)


def test_new_positions_and_the_subsidised_and_small_jobs_apart_by_danish_days(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    # o1 arrived on Monday 00:30 Danish time (Sunday in UTC); o3 on Sunday 23:30. The order
    # of the evening before and the one of the midnight after are another week's.
    assert shown.new_positions == [world.o1, world.o5]  # a flex job is not a small job
    assert shown.subsidised == [world.o2, world.o4, world.o3]  # o3: ordinary, 12 hours
    assert shown.new_positions_total == 4
    assert shown.subsidised_total == 4


def test_what_was_filled_counts_the_hires_recorded_in_the_week(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    rows = [(f.job_order, f.hires, f.filled, f.first_day) for f in shown.filled]
    assert rows == [
        (world.o1, 1, 1, dt.date(2026, 4, 1)),  # the hire of Monday 00:10 is next week's
        (world.old_a, 1, 2, dt.date(2026, 3, 16)),
    ]
    assert shown.hires_total == 2


def test_coming_events_start_within_four_weeks_or_were_announced_in_the_week(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    assert shown.events == [world.e1, world.e2, world.e3]


def test_easy_and_hard_to_fill_by_occupation(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    [easy] = shown.easy
    assert (easy.occupation, easy.orders, easy.positions, easy.filled) == (world.carpenter, 2, 4, 3)
    assert easy.share.percent == 75
    assert easy.median_days == 15
    [hard] = shown.hard
    assert (hard.occupation, hard.orders, hard.positions, hard.filled) == (world.cleaner, 1, 3, 0)
    assert hard.median_days is None


def test_stuck_job_orders_longest_first_with_their_reasons(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    rows = [
        (s.job_order, s.open_positions, s.overdue_days, s.days_without_referral, s.waiting)
        for s in shown.stuck
    ]
    assert rows == [
        (world.historic, 1, None, None, 1),  # declined only after the week: waited 21 days
        (world.quiet, 1, None, 16, 0),
        (world.old_c, 3, 9, None, 1),
        (world.old_b, 1, 7, None, 0),
    ]
    with translation.override("da"):
        assert shown.stuck[2].reasons == [
            "Fristen udløb for 9 dage siden",
            "1 kandidat venter på virksomhedens svar, længst 15 dage",
        ]
    with translation.override("en"):
        assert shown.stuck[1].reasons == ["No referral in 16 days"]


def test_one_job_centre_sees_its_own_orders_not_the_secretariats(world):
    shown = board(Scope(world.coop, world.gladsaxe), WEEK, NOW)
    assert shown.new_positions == [world.o5]
    assert shown.subsidised == [world.o2]  # o4 is the secretariat's
    assert shown.filled == []
    assert shown.events == [world.e2]
    assert shown.easy == []
    assert [e.occupation for e in shown.hard] == [world.cleaner]
    assert [s.job_order for s in shown.stuck] == [world.historic, world.old_c, world.old_b]


def test_another_cooperations_data_is_never_shown(world):
    shown = board(Scope(world.coop), WEEK, NOW)
    companies = {o.company.name for o in shown.new_positions + shown.subsidised}
    companies |= {f.job_order.company.name for f in shown.filled}
    companies |= {s.job_order.company.name for s in shown.stuck}
    assert companies == {"Byg A/S", "Rent ApS"}
    assert "Nordmessen" not in {e.title for e in shown.events}


def test_the_running_week_is_as_of_now(world):
    now = local(2026, 3, 4, 12, 30)
    shown = board(Scope(world.coop), WEEK, now)
    assert shown.as_of == now
    assert shown.day == dt.date(2026, 3, 4)
    assert shown.new_positions == [world.o1, world.o5]
    assert shown.subsidised == [world.o2]
    # old_a's hire of Tuesday counts; o1's of Sunday has not happened yet.
    assert [f.job_order for f in shown.filled] == [world.old_a]


def test_a_week_with_nothing_is_empty(world):
    shown = board(Scope(world.coop), week(dt.date(2025, 6, 4)), NOW)
    assert shown.new_positions == shown.subsidised == shown.filled == shown.stuck == []
    assert shown.easy == shown.hard == [] and shown.events == []


def test_an_order_filled_since_the_week_was_stuck_in_it_one_filled_before_was_not(world):
    # old_b's second position was filled after the week; old_a's both before its end.
    hire(world.old_b, local(2026, 3, 10), dt.date(2026, 3, 16))
    JobOrder.objects.filter(pk__in=[world.old_b.pk, world.old_a.pk]).update(
        status=JobOrderStatus.FILLED
    )
    stuck = [s.job_order for s in board(Scope(world.coop), WEEK, NOW).stuck]
    assert world.old_b in stuck and world.old_a not in stuck
    # This week's board: old_b is filled now, so not stuck.
    today = board(Scope(world.coop), week(dt.date(2026, 3, 11)), NOW)
    assert world.old_b not in [s.job_order for s in today.stuck]


def test_new_course_teams_start_in_the_week_or_the_four_weeks_after(world):
    coming = TeamFactory(
        course__provider__cooperation=world.coop,
        host=world.gladsaxe,
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 6, 5),
        seats=12,
    )
    ReservationFactory(team=coming, job_centre=world.gladsaxe, seats=3)
    ReservationFactory(team=coming, job_centre=world.herlev, seats=4)
    TeamFactory(  # after the four weeks
        course=coming.course,
        host=world.gladsaxe,
        starts_on=dt.date(2026, 4, 6),
        ends_on=dt.date(2026, 6, 5),
    )
    TeamFactory(  # another cooperation's
        course__provider__cooperation=CooperationFactory(name="Nordjylland", short_name="NJ"),
        starts_on=dt.date(2026, 3, 9),
        ends_on=dt.date(2026, 5, 1),
    )
    shown = board(Scope(world.coop), WEEK, NOW)
    assert [(c.team, c.reserved) for c in shown.teams] == [(coming, 7)]
    # Teams are shared: one job centre's board shows them too.
    assert [c.team for c in board(Scope(world.coop, world.herlev), WEEK, NOW).teams] == [coming]
