"""The summary (kpis.summary) gives exactly the figures the raw rows give: every KPI it
holds, every kind of period, every filter and split it covers, on the constructed world;
and still after each kind of write, once the worker has refreshed the days it touched."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import transaction

from jobbro.kpis import periods, summary
from jobbro.kpis.models import DailyFigures, StaleDays, SummaryState
from jobbro.kpis.selectors import KPIS, Context, applies, breakdown, figures
from jobbro.kpis.sources import Dimension, Filters

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 2, 15)
PERIODS = [
    periods.quarter(DAY),
    periods.quarter(DAY).previous(),
    periods.month(dt.date(2027, 1, 1)),
    periods.month(DAY),
    periods.month(dt.date(2027, 3, 31)),
    periods.week(dt.date(2027, 1, 5)),
    periods.week(DAY),
    periods.year(2027),
    periods.year(2026),
    periods.custom(dt.date(2026, 12, 31), dt.date(2027, 4, 1)),
    periods.custom(dt.date(2027, 3, 31), dt.date(2027, 3, 31)),
    periods.custom(dt.date(2027, 1, 1), dt.date(2027, 1, 1)),
    periods.custom(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
]


def _filters(world) -> list[Filters]:
    one = {
        "industry": world.a.industry_id,
        "occupation": world.o1.occupation_id,
        "project": world.o1.project_id,
    }
    found = [Filters(), Filters(job_centre=world.herlev.pk), Filters(job_centre=world.gladsaxe.pk)]
    for name, value in [
        *one.items(),
        ("industry", world.b.industry_id),
        ("occupation", world.o3.occupation_id),
        ("target_group", "senior"),
        ("target_group", "academic"),
        ("target_group", "youth"),
    ]:
        found.append(Filters(**{name: value}))
        found.append(Filters(job_centre=world.herlev.pk, **{name: value}))
        found.append(Filters(job_centre=world.gladsaxe.pk, **{name: value}))
    # An industry group (a target's section): one of its industries, and both companies'.
    for group in ((world.a.industry_id,), (world.a.industry_id, world.b.industry_id)):
        found.append(Filters(industries=group))
        found.append(Filters(job_centre=world.herlev.pk, industries=group))
    return found


def _summed_keys(filters: Filters) -> list[str]:
    return [k for k in KPIS if k in summary.SUMMED and applies(KPIS[k], filters)]


def assert_summary_equals_raw(world, periods_: list[periods.Period] = PERIODS) -> int:
    """Every summed KPI, total and split, from the summary and from the raw rows."""
    compared = 0
    for filters in _filters(world):
        keys = _summed_keys(filters)
        for period in periods_:
            assert summary.covers(world.coop, period, filters)
            ctx = Context(world.coop, period, filters, world.now)
            raw = figures(world.coop, period, filters, keys=keys, now=world.now, summed=False)
            assert summary.figures(ctx, keys) == raw, (period, filters)
            compared += len(keys)
            for dimension in Dimension:
                if summary._slice_of(filters, dimension) is False:
                    continue
                for key in keys:
                    if not applies(KPIS[key], filters, dimension):
                        continue
                    expected = breakdown(
                        key, world.coop, period, dimension, filters, now=world.now, summed=False
                    )
                    found = summary.breakdown(key, ctx, dimension)
                    assert found == expected, (key, dimension, period, filters)
                    compared += 1
    return compared


AGREEMENT_KPIS = ["agreements_running", "agreements_reached", "agreement_hires"]


def assert_every_figure_equals_raw(world, periods_: list[periods.Period]) -> None:
    """The page's figures – the summed ones, the agreements' kept progress, the rest raw –
    equal the raw figures; and the agreements' splits."""
    for filters in _filters(world):
        for period in periods_:
            found = figures(world.coop, period, filters, now=world.now)
            assert found == figures(world.coop, period, filters, now=world.now, summed=False)
    for dimension in (Dimension.JOB_CENTRE, Dimension.INDUSTRY, Dimension.OCCUPATION):
        for key in AGREEMENT_KPIS:
            for period in periods_:
                found = breakdown(key, world.coop, period, dimension, now=world.now)
                expected = breakdown(
                    key, world.coop, period, dimension, now=world.now, summed=False
                )
                assert found == expected, (key, dimension, period)


@pytest.fixture
def built(world):
    summary.rebuild(world.coop)
    return world


def test_the_summary_holds_every_additive_kpi():
    """Each column is a KPI's aggregate; the model has exactly those columns."""
    columns = {f.name for f in DailyFigures._meta.fields if f.name.endswith(("_n", "_num", "_den"))}
    assert columns == {c for cs in summary.COLUMNS.values() for c in cs}
    assert {
        "job_orders",
        "positions",
        "referral_rate",
        "fill_rate",
        "referrals",
        "match_rate",
        "hires",
        "time_to_fill",
        "ordinary_hours",
        "retention_week",
        "retention_month",
        "retention_quarter",
        "ordinary_hours_quarter",
        "cross_municipal",
        "became_jobs",
        "visits",
        "contacts",
    } == summary.SUMMED


def test_the_summary_equals_the_raw_figures_everywhere(built):
    assert assert_summary_equals_raw(built) > 1000


def test_every_figure_of_the_page_equals_raw(built):
    assert summary.agreements_up_to_date(built.coop)
    assert_every_figure_equals_raw(built, PERIODS)


def test_the_agreements_progress_is_kept(built):
    from jobbro.kpis.models import AgreementFigures

    kept = AgreementFigures.objects.get(agreement=built.x)
    assert (kept.job_orders, kept.positions, kept.hires) == (2, 3, 2)
    StaleDays.objects.create(cooperation=built.coop, first=DAY, last=DAY)
    assert not summary.agreements_up_to_date(built.coop)  # any stale day: raw


def test_the_known_answers_come_from_the_summary(built, django_assert_max_num_queries):
    from jobbro.kpis.measures import Count, Durations, Share

    with django_assert_max_num_queries(3):
        found = summary.figures(
            Context(built.coop, built.period, Filters(), built.now), summary.SUMMED
        )
    assert found["job_orders"] == Count(4)
    assert found["fill_rate"] == Share(3, 7)
    assert found["time_to_fill"] == Durations(14.0, 30, 3)
    assert found["retention_month"] == Share(1, 2)
    assert found["cross_municipal"] == Share(2, 3)


def test_the_dashboards_figures_come_from_the_summary_once_built(world):
    """`figures` reads the summary when it covers the period: a summary row changed behind
    its back shows (so the page really reads it), and a rebuild puts it right."""
    assert figures(world.coop, world.period, now=world.now)["hires"].value == 3
    summary.rebuild(world.coop)
    DailyFigures.objects.filter(dimension="", day=dt.date(2027, 1, 15)).update(hires_n=10)
    assert figures(world.coop, world.period, now=world.now)["hires"].value == 12
    assert figures(world.coop, world.period, now=world.now, summed=False)["hires"].value == 3
    summary.rebuild(world.coop, dt.date(2027, 1, 15), dt.date(2027, 1, 15))
    assert figures(world.coop, world.period, now=world.now)["hires"].value == 3


def test_what_the_summary_does_not_cover(built):
    both = Filters(industry=built.a.industry_id, occupation=built.o1.occupation_id)
    assert not summary.covers(built.coop, built.period, both)
    assert not summary.covers(built.coop, built.period, Filters(project=1), Dimension.INDUSTRY)
    assert summary.covers(built.coop, built.period, Filters(project=1), Dimension.JOB_CENTRE)
    assert summary.covers(built.coop, built.period, Filters(industry=1), Dimension.INDUSTRY)
    # Two dimensions at once: the raw rows, the same figures as ever.
    assert figures(built.coop, built.period, both, now=built.now) == figures(
        built.coop, built.period, both, now=built.now, summed=False
    )
    # Stale days: a period touching them is raw; others are still read from the summary.
    StaleDays.objects.create(cooperation=built.coop, first=DAY, last=DAY)
    assert not summary.covers(built.coop, periods.month(DAY), Filters())
    assert summary.covers(built.coop, periods.month(dt.date(2027, 1, 1)), Filters())
    StaleDays.objects.create(cooperation=built.coop)
    assert not summary.covers(built.coop, periods.month(dt.date(2027, 1, 1)), Filters())
    # Another cooperation's summary was never built.
    other = SummaryState.objects.exclude(cooperation=built.coop)
    assert not other.exists()


def test_a_partial_rebuild_equals_a_full_one(built):
    full = sorted(
        DailyFigures.objects.values_list("day", "centre", "dimension", "value", "group", "hires_n"),
        key=str,
    )
    summary.rebuild(built.coop, dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    again = sorted(
        DailyFigures.objects.values_list("day", "centre", "dimension", "value", "group", "hires_n"),
        key=str,
    )
    assert again == full


# --- after writes: the worker refreshes the days a write touched ------------------------

AFTER = [periods.custom(dt.date(2020, 1, 1), dt.date(2030, 12, 31))]


def _new_order(w):
    from tests.factories import JobOrderFactory

    JobOrderFactory(company=w.b, job_centre=w.gladsaxe, occupation=w.cleaner, positions=2)


def _referral_state(w):
    from jobbro.joborders.models import Referral, ReferralState

    referral = Referral.objects.get(candidate=w.c3)
    referral.state = ReferralState.WITHDRAWN
    referral.save()


def _a_hire(w):
    from tests.factories import CandidateFactory

    from .conftest import hire, local

    candidate = CandidateFactory(job_centre=w.gladsaxe, birth_date=dt.date(2001, 1, 1))
    hire(w.o3, candidate, local(2027, 3, 2), dt.date(2027, 3, 9), ordinary_hours=True)


def _a_follow_up(w):
    from jobbro.joborders.models import FollowUpStep

    from .conftest import done

    follow_up = w.p3.follow_ups.get(step=FollowUpStep.MONTH)
    follow_up.delete()
    done(w.p3, FollowUpStep.MONTH, still=True)


def _moved_start(w):
    w.p1.start_date = dt.date(2027, 3, 20)
    w.p1.save()


def _deleted_hire(w):
    w.p2.delete()


def _deleted_order(w):
    from jobbro.joborders.models import Referral

    Referral.objects.filter(job_order=w.o2).delete()  # an order with referrals is kept
    w.o2.delete()


def _target_group(w):
    from .conftest import mark

    w.c1.target_groups.add(mark("academic"))
    w.c2.target_groups.clear()


def _birth_date(w):
    w.c2.birth_date = dt.date(2000, 1, 1)
    w.c2.save()


def _company_industry(w):
    w.a.industry = w.cleaning
    w.a.save()


def _municipalities(w):
    w.gladsaxe.municipalities.add(w.herlev_m)
    w.herlev.municipalities.remove(w.herlev_m)


def _contacts(w):
    from jobbro.companies.models import Interaction
    from tests.factories import InteractionFactory

    from .conftest import local

    InteractionFactory(company=w.b, job_centre=w.gladsaxe, occurred_at=local(2027, 2, 20))
    moved = Interaction.objects.get(company=w.a, occurred_at=local(2027, 1, 10))
    moved.occurred_at = local(2027, 3, 3)
    moved.save()


def _agreements(w):
    from tests.factories import RecruitmentAgreementFactory

    new = RecruitmentAgreementFactory(
        company=w.b,
        job_centre=w.gladsaxe,
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2027, 6, 30),
        expected_hires=1,
    )
    new.occupations.set([w.cleaner])
    w.x.occupations.clear()


WRITES = [
    _new_order,
    _referral_state,
    _a_hire,
    _a_follow_up,
    _moved_start,
    _deleted_hire,
    _deleted_order,
    _target_group,
    _birth_date,
    _company_industry,
    _municipalities,
    _contacts,
    _agreements,
]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_after_each_kind_of_write_the_refreshed_summary_equals_raw(
    built, write, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        write(built)
    assert callbacks  # the write was seen
    assert not StaleDays.objects.exists()  # the worker rebuilt the days (immediately here)
    assert assert_summary_equals_raw(built, AFTER)
    assert_every_figure_equals_raw(built, [*AFTER, periods.quarter(DAY)])


def test_a_write_marks_its_days_stale_until_the_worker_has_run(
    built, monkeypatch, django_capture_on_commit_callbacks
):
    """Between the commit and the worker's run the dashboard computes those days raw."""
    from jobbro.kpis import tasks

    queued: list[int] = []
    monkeypatch.setattr(tasks, "refresh_kpi_summary", SimpleNamespace(enqueue=queued.append))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        _moved_start(built)
        _a_follow_up(built)
    assert queued == [built.coop.pk]  # once for the transaction
    assert not summary.covers(built.coop, periods.quarter(DAY), Filters())
    assert summary.covers(built.coop, periods.quarter(DAY).previous(), Filters())
    days = set(StaleDays.objects.values_list("first", flat=True))
    # p1 was at 15 Jan, moved to 20 Mar; its order o1 arrived 5 Jan; c1's hires; p3: 15 Feb.
    assert days == {
        dt.date(2027, 1, 5),
        dt.date(2027, 1, 15),
        dt.date(2027, 3, 20),
        dt.date(2027, 2, 15),
    }
    summary.refresh_stale(built.coop.pk)  # what the task does
    assert not StaleDays.objects.exists()
    assert assert_summary_equals_raw(built, [periods.quarter(DAY)])


def test_nothing_is_marked_while_no_summary_is_built(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _moved_start(world)
    assert not StaleDays.objects.exists()
    assert not DailyFigures.objects.exists()


def test_the_command_rebuilds_every_cooperation(world):
    from io import StringIO

    from django.core.management import call_command

    StaleDays.objects.create(cooperation=world.coop)
    out = StringIO()
    call_command("rebuild_kpi_summary", stdout=out)
    assert "HRS: " in out.getvalue()
    assert "NRS: " in out.getvalue()
    assert SummaryState.objects.count() == 2
    assert not StaleDays.objects.exists()
    assert assert_summary_equals_raw(world, [periods.quarter(DAY)])


def test_the_page_says_when_the_figures_were_brought_up_to_date(built, client_for):
    from django.urls import reverse

    from jobbro.organisations.models import Role
    from tests.factories import staff

    client = client_for(staff(Role.MANAGER, built.herlev))
    page = client.get(reverse("kpis:dashboard"), {"kind": "quarter", "day": "2027-02-15"})
    assert 'data-testid="kpi-summary-refreshed"' in page.content.decode()
    assert "bragt ajour" in page.content.decode()


def test_the_page_without_a_summary_says_nothing_of_it(world, client_for):
    from django.urls import reverse

    from jobbro.organisations.models import Role
    from tests.factories import staff

    client = client_for(staff(Role.MANAGER, world.herlev))
    page = client.get(reverse("kpis:dashboard"), {"kind": "quarter", "day": "2027-02-15"})
    assert "kpi-summary-refreshed" not in page.content.decode()


def test_many_asks_at_once_from_the_summary_equal_the_raw_figures(
    built, django_assert_max_num_queries
):
    """The targets' figures and splits (`figures_and_splits`) read the summary when it
    covers them, in queries that do not grow with the asks, and equal the raw ones."""
    from jobbro.kpis.selectors import Ask, figure, figures_and_splits

    asks = [
        Ask(key, period, filters)
        for key in sorted(summary.SUMMED)
        for period in PERIODS[:4]
        for filters in _filters(built)
        if filters.target_group is None
    ]
    for dimension in (Dimension.JOB_CENTRE, Dimension.INDUSTRY):
        assert summary.summable_asks(built.coop, asks, dimension)
        with django_assert_max_num_queries(60):  # per slice and 100 asks two, and the check
            found = figures_and_splits(built.coop, asks, dimension, now=built.now)
        for ask, answer in zip(asks, found, strict=True):
            expected = figure(ask.key, built.coop, ask.period, ask.filters, now=built.now)
            assert answer.total == expected, ask
            if answer.split is not None:
                raw = breakdown(
                    ask.key,
                    built.coop,
                    ask.period,
                    dimension,
                    ask.filters,
                    now=built.now,
                    summed=False,
                )
                assert answer.split == raw, (ask, dimension)
