"""A constructed week with known answers: week 10 of 2026 (Monday 2 to Sunday 8 March) in
HRS, its board as of Monday 9 March 00:00 (Danish time), the board's day Sunday 8 March.

New in the week (deadlines 20 March):
    o1  A (Herlev), carpenter, ordinary 37 h, 3 positions, Mon 2 Mar 00:30 (Sun 23:30 UTC)
    o5  B (Gladsaxe), welder, flex job 12 h, 1 position, Tue 3 Mar   -> new positions
    o2  B, cleaner, wage subsidy, 2 positions, Wed 4 Mar              -> subsidised
    o4  B, the secretariat, cleaner, small job, 1 position, Thu 5 Mar -> subsidised
    o3  A, cleaner, ordinary 12 h, 1 position, Sun 8 Mar 23:30        -> subsidised (hours)
Just outside: before (Sun 1 Mar 23:30, cancelled) and after (Mon 9 Mar 00:00).

Older orders (deadline passed; `ease` is by occupation over deadlines in the last 12 weeks):
    old_a  A, carpenter, 2 positions, 2 Feb, deadline 20 Feb: hires recorded 10 Feb and
           Tue 3 Mar (first day 16 Mar)                        -> filled 2 of 2
    old_b  B, carpenter, 2 positions, 10 Feb, deadline 1 Mar: hire 25 Feb -> 1 of 2
           carpenter: 3 of 4 = 75 % -> easy; days to hire 8, 29, 15 -> median 15
    old_c  B, cleaner, 3 positions, 1 Feb, deadline 27 Feb, no hire before the moment (one
           on 10 Mar); a referral proposed 20 Feb, invited to interview 21 Feb
           cleaner: 0 of 3 -> hard (a cancelled cleaner order and one with its deadline
           in 2025 left out)
    old_f  A, welder, closed, 2 positions, deadline 1 Mar, 1 hire -> 50 %: neither
    quiet     A, carpenter, 20 Feb, deadline 30 Mar, no referral        -> stuck 16 days
    historic  B, welder, 1 Feb, deadline 31 Mar: a referral proposed 15 Feb, declined
              10 Mar (after the moment): waiting then for 21 days       -> stuck
    answered  A, welder, 1 Feb, deadline 31 Mar: a referral declined 12 Feb, another
              proposed 1 Mar (7 days)                                   -> not stuck
Stuck, longest first: historic (21), quiet (16), old_c (waiting 15, overdue 9), old_b
(overdue 7).

Hires in the week: old_a (1, now 2 of 2, first day 16 Mar) and o1 (Sun 8 Mar 23:00, first
day 1 Apr; another on Mon 9 Mar 00:10 is not counted: 1 of 3).

Events: e1 Herlev, starts Wed 4 Mar; e2 Gladsaxe, starts 30 Mar (within 28 days after the
week); e3 Herlev, starts 10 Apr but announced Mon 2 Mar; e4 starts 20 Apr, made 1 Feb: out.

Another cooperation (NRS) has an order, a hire, an event and a stuck order in the week.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from jobbro.joborders.models import (
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Placement,
    ReferralState,
)
from jobbro.kpis.periods import week
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    EventFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    OccupationFactory,
    PlacementFactory,
    ReferralFactory,
    ReferralTransitionFactory,
)

WEEK = week(dt.date(2026, 3, 4))


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


NOW = local(2026, 3, 11, 9)  # after the week: the board is as of its end


def order(created: dt.datetime, **fields: object) -> JobOrder:
    fields.setdefault("deadline", dt.date(2026, 3, 20))
    fields.setdefault("start_date", dt.date(2026, 4, 1))
    job_order = JobOrderFactory(**fields)
    JobOrder.objects.filter(pk=job_order.pk).update(created_at=created)
    job_order.refresh_from_db()
    return job_order


def hire(job_order: JobOrder, recorded: dt.datetime, start: dt.date) -> Placement:
    referral = ReferralFactory(
        job_order=job_order,
        candidate=CandidateFactory(job_centre=job_order.job_centre),
        created_at=recorded - dt.timedelta(days=1),
        state=ReferralState.HIRED,
    )
    return PlacementFactory(referral=referral, start_date=start, created_at=recorded)


def build() -> SimpleNamespace:
    w = SimpleNamespace(week=WEEK, now=NOW)
    w.coop = CooperationFactory(name="Hovedstadens Rekrutteringsservice", short_name="HRS")
    herlev_m = MunicipalityFactory(code="163", name="Herlev")
    gladsaxe_m = MunicipalityFactory(code="159", name="Gladsaxe")
    w.herlev = JobCentreFactory(
        cooperation=w.coop, name="Jobcenter Herlev", municipalities=[herlev_m]
    )
    w.gladsaxe = JobCentreFactory(
        cooperation=w.coop, name="Jobcenter Gladsaxe", municipalities=[gladsaxe_m]
    )
    w.carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    w.cleaner = OccupationFactory(label_da="rengøringsassistent", label_en="cleaner")
    w.welder = OccupationFactory(label_da="svejser", label_en="welder")
    w.a = CompanyFactory(cooperation=w.coop, municipality=herlev_m, name="Byg A/S")
    w.b = CompanyFactory(cooperation=w.coop, municipality=gladsaxe_m, name="Rent ApS")
    at_a = {"company": w.a, "job_centre": w.herlev}
    at_b = {"company": w.b, "job_centre": w.gladsaxe}

    w.o1 = order(local(2026, 3, 2, 0, 30), **at_a, occupation=w.carpenter, positions=3)
    w.o5 = order(
        local(2026, 3, 3),
        **at_b,
        occupation=w.welder,
        kind=JobOrderKind.FLEX_JOB,
        hours_per_week=12,
        positions=1,
    )
    w.o2 = order(
        local(2026, 3, 4), **at_b, occupation=w.cleaner, kind=JobOrderKind.WAGE_SUBSIDY, positions=2
    )
    w.o4 = order(
        local(2026, 3, 5),
        **at_b,
        by_secretariat=True,
        occupation=w.cleaner,
        kind=JobOrderKind.SMALL_JOB,
        hours_per_week=10,
        positions=1,
    )
    w.o3 = order(
        local(2026, 3, 8, 23, 30), **at_a, occupation=w.cleaner, hours_per_week=12, positions=1
    )
    w.before = order(
        local(2026, 3, 1, 23, 30),
        **at_a,
        occupation=w.carpenter,
        positions=4,
        status=JobOrderStatus.CANCELLED,
    )
    w.after = order(local(2026, 3, 9, 0, 0), **at_a, occupation=w.carpenter, positions=5)

    w.old_a = order(
        local(2026, 2, 2),
        **at_a,
        occupation=w.carpenter,
        positions=2,
        deadline=dt.date(2026, 2, 20),
    )
    hire(w.old_a, local(2026, 2, 10), dt.date(2026, 2, 16))
    hire(w.old_a, local(2026, 3, 3), dt.date(2026, 3, 16))
    w.old_b = order(
        local(2026, 2, 10),
        **at_b,
        occupation=w.carpenter,
        positions=2,
        deadline=dt.date(2026, 3, 1),
    )
    hire(w.old_b, local(2026, 2, 25), dt.date(2026, 3, 2))
    w.old_c = order(
        local(2026, 2, 1), **at_b, occupation=w.cleaner, positions=3, deadline=dt.date(2026, 2, 27)
    )
    hire(w.old_c, local(2026, 3, 10), dt.date(2026, 3, 16))
    waiting = ReferralFactory(
        job_order=w.old_c,
        candidate=CandidateFactory(job_centre=w.gladsaxe),
        created_at=local(2026, 2, 20),
        state=ReferralState.INTERVIEW,
    )
    ReferralTransitionFactory(
        referral=waiting,
        from_state=ReferralState.PROPOSED,
        to_state=ReferralState.INTERVIEW,
        at=local(2026, 2, 21),
    )
    order(
        local(2026, 2, 1),
        **at_b,
        occupation=w.cleaner,
        positions=5,
        deadline=dt.date(2026, 2, 20),
        status=JobOrderStatus.CANCELLED,
    )
    order(
        local(2025, 11, 1),
        **at_b,
        occupation=w.cleaner,
        positions=1,
        deadline=dt.date(2025, 12, 1),
        status=JobOrderStatus.CLOSED,
    )
    w.old_f = order(
        local(2026, 2, 1),
        **at_a,
        occupation=w.welder,
        positions=2,
        deadline=dt.date(2026, 3, 1),
        status=JobOrderStatus.CLOSED,
    )
    hire(w.old_f, local(2026, 2, 20), dt.date(2026, 3, 1))
    w.quiet = order(
        local(2026, 2, 20),
        **at_a,
        occupation=w.carpenter,
        positions=1,
        deadline=dt.date(2026, 3, 30),
    )
    w.historic = order(
        local(2026, 2, 1), **at_b, occupation=w.welder, positions=1, deadline=dt.date(2026, 3, 31)
    )
    declined_later = ReferralFactory(
        job_order=w.historic,
        candidate=CandidateFactory(job_centre=w.herlev),
        created_at=local(2026, 2, 15),
        state=ReferralState.DECLINED,
    )
    ReferralTransitionFactory(
        referral=declined_later,
        from_state=ReferralState.PROPOSED,
        to_state=ReferralState.DECLINED,
        at=local(2026, 3, 10),
    )
    w.answered = order(
        local(2026, 2, 1), **at_a, occupation=w.welder, positions=1, deadline=dt.date(2026, 3, 31)
    )
    declined = ReferralFactory(
        job_order=w.answered,
        candidate=CandidateFactory(job_centre=w.herlev),
        created_at=local(2026, 2, 10),
        state=ReferralState.DECLINED,
    )
    ReferralTransitionFactory(
        referral=declined,
        from_state=ReferralState.PROPOSED,
        to_state=ReferralState.DECLINED,
        at=local(2026, 2, 12),
    )
    ReferralFactory(
        job_order=w.answered,
        candidate=CandidateFactory(job_centre=w.herlev),
        created_at=local(2026, 3, 1),
        state=ReferralState.PROPOSED,
    )

    hire(w.o1, local(2026, 3, 8, 23), dt.date(2026, 4, 1))
    hire(w.o1, local(2026, 3, 9, 0, 10), dt.date(2026, 4, 1))

    w.e1 = EventFactory(
        job_centre=w.herlev,
        title="Jobmesse Herlev",
        starts_at=local(2026, 3, 4, 10),
        created_at=local(2026, 2, 1),
    )
    w.e2 = EventFactory(
        job_centre=w.gladsaxe,
        title="Rengøringsdag",
        starts_at=local(2026, 3, 30, 10),
        created_at=local(2026, 2, 1),
    )
    w.e3 = EventFactory(
        job_centre=w.herlev,
        title="Byggeriets dag",
        starts_at=local(2026, 4, 10, 10),
        created_at=local(2026, 3, 2, 9),
    )
    EventFactory(
        job_centre=w.herlev,
        title="Forårsmesse",
        starts_at=local(2026, 4, 20, 10),
        created_at=local(2026, 2, 1),
    )
    _another_cooperation()
    return w


def _another_cooperation() -> None:
    """NRS: an order, a hire, an event and a stuck order in the same week; never shown."""
    coop = CooperationFactory(name="Nordsjællands Rekrutteringsservice", short_name="NRS")
    municipality = MunicipalityFactory(code="217", name="Helsingør")
    centre = JobCentreFactory(
        cooperation=coop, name="Jobcenter Helsingør", municipalities=[municipality]
    )
    company = CompanyFactory(cooperation=coop, municipality=municipality, name="Nord A/S")
    fresh = order(local(2026, 3, 3), company=company, job_centre=centre, title="Nordisk tømrer")
    hire(fresh, local(2026, 3, 4), dt.date(2026, 3, 9))
    order(
        local(2026, 1, 5),
        company=company,
        job_centre=centre,
        title="Nordisk svejser",
        deadline=dt.date(2026, 2, 1),
    )
    EventFactory(job_centre=centre, title="Nordmessen", starts_at=local(2026, 3, 5, 10))
