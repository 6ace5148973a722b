"""The weekly board meeting (tavlemøde) of one ISO week, for a cooperation or one job centre.

What the seeds say the meeting brings (seed 004, case 6): the new positions, wage subsidies
and small jobs; the positions filled; new courses; which positions were easy and which hard
to fill. To these the board adds the job orders that are stuck. Each rule is in
`docs/board.md`; the constants below are its numbers.

Days are Danish local days (`kpis.periods`). The board is "as of" the end of the week, or
now while the week runs: hires and referrals after that moment do not count, so a past
week's board reads as it did then (except a job order closed or cancelled since, which
Jobbro keeps no date for). Only job orders and companies are read: a hire is a count, never
a person.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from jobbro.events.models import Event
from jobbro.joborders.models import (
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Placement,
    Referral,
    ReferralState,
    ReferralTransition,
)
from jobbro.kpis.measures import Share
from jobbro.kpis.periods import Period
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.taxonomy.models import Occupation
from jobbro.upskilling.models import Team

# A small job (småjob) is a job of few hours a week for someone far from the labour market:
# the kind says so, or an ordinary job of at most this many hours is one in all but name.
SMALL_JOB_HOURS = 15
SUBSIDISED_KINDS = (JobOrderKind.WAGE_SUBSIDY, JobOrderKind.SMALL_JOB)
# Coming events: those starting in the week or the four weeks after it, and any announced
# (created) in the week.
EVENTS_AHEAD_DAYS = 28
# Easy and hard to fill: the job orders whose application deadline passed in the last 12
# weeks, by occupation; the share of their positions filled by the board's moment.
EASE_WEEKS = 12
EASY_SHARE = 0.75  # at least: easy
HARD_SHARE = 0.25  # below: hard
# Stuck: an open job order with positions unfilled, and its deadline passed, or no
# referral this many days after it arrived, or a referral waiting this long for the
# company's answer (proposed, or invited to interview, with no move since).
NO_REFERRAL_DAYS = 7
WAITING_DAYS = 14
AWAITING_COMPANY = (ReferralState.PROPOSED, ReferralState.INTERVIEW)
# Stuck job orders are read this many at a time (see `stuck_job_orders`).
ORDERS_PER_QUERY = 1000
# The meeting lists the longest stuck; the count says how many there are (a national
# cooperation's board has thousands: one job centre's board lists its own).
STUCK_LISTED = 100


@dataclass(frozen=True)
class Scope:
    """The cooperation, or one of its job centres (its own orders, not the secretariat's)."""

    cooperation: Cooperation
    job_centre: JobCentre | None = None

    def orders(self, to_order: str = "") -> Q:
        q = Q(**{f"{to_order}company__cooperation": self.cooperation})
        if self.job_centre is not None:
            q &= Q(**{f"{to_order}job_centre": self.job_centre, f"{to_order}by_secretariat": False})
        return q


@dataclass(frozen=True)
class Filled:
    job_order: JobOrder
    hires: int  # recorded in the week
    filled: int  # positions filled by the board's moment (at most the positions)
    first_day: dt.date  # the earliest first working day of the week's hires


@dataclass(frozen=True)
class Ease:
    occupation: Occupation
    orders: int
    positions: int
    filled: int
    hires: int  # the hires the median is of
    median_days: float | None  # from the order's arrival to a hire being recorded

    @property
    def share(self) -> Share:
        return Share(self.filled, self.positions)

    @property
    def easy(self) -> bool:
        return self.filled >= EASY_SHARE * self.positions

    @property
    def hard(self) -> bool:
        return self.filled < HARD_SHARE * self.positions


@dataclass(frozen=True)
class Stuck:
    job_order: JobOrder
    open_positions: int
    overdue_days: int | None  # days since the deadline, when it has passed
    days_without_referral: int | None  # when none after NO_REFERRAL_DAYS
    waiting: int  # referrals waiting WAITING_DAYS or more for the company's answer
    longest_wait_days: int | None

    @property
    def reasons(self) -> list[str]:
        """Why it is stuck, in the reader's language."""
        found = []
        if self.overdue_days is not None:
            found.append(
                ngettext(
                    "Deadline passed %(days)s day ago",
                    "Deadline passed %(days)s days ago",
                    self.overdue_days,
                )
                % {"days": self.overdue_days}
            )
        if self.days_without_referral is not None:
            found.append(
                gettext("No referral in %(days)s days") % {"days": self.days_without_referral}
            )
        if self.waiting:
            found.append(
                ngettext(
                    "%(n)s candidate waiting for the company's answer, the longest %(days)s days",
                    "%(n)s candidates waiting for the company's answer, the longest %(days)s days",
                    self.waiting,
                )
                % {"n": self.waiting, "days": self.longest_wait_days}
            )
        return found

    @property
    def urgency(self) -> int:
        days = (self.overdue_days, self.days_without_referral, self.longest_wait_days)
        return max(d or 0 for d in days)


@dataclass(frozen=True)
class ComingTeam:
    team: Team
    reserved: int  # seats the job centres have reserved so far


@dataclass(frozen=True)
class Board:
    scope: Scope
    week: Period
    as_of: dt.datetime
    new_positions: list[JobOrder]
    subsidised: list[JobOrder]
    filled: list[Filled]
    events: list[Event]
    teams: list[ComingTeam]
    easy: list[Ease]
    hard: list[Ease]
    stuck: list[Stuck]  # the longest stuck, up to STUCK_LISTED
    stuck_count: int

    @property
    def day(self) -> dt.date:
        return board_day(self.week, self.as_of)

    @property
    def new_positions_total(self) -> int:
        return sum(o.positions for o in self.new_positions)

    @property
    def subsidised_total(self) -> int:
        return sum(o.positions for o in self.subsidised)

    @property
    def hires_total(self) -> int:
        return sum(f.hires for f in self.filled)


def as_of(week: Period, now: dt.datetime) -> dt.datetime:
    """The board's moment: the end of the week, or now while it runs."""
    return min(now, week.bounds()[1])


def board_day(week: Period, moment: dt.datetime) -> dt.date:
    """The day the board counts days to: the week's last day, or today while it runs."""
    return min(week.end, timezone.localdate(moment))


def is_subsidised_or_small(job_order: JobOrder) -> bool:
    return job_order.kind in SUBSIDISED_KINDS or (
        job_order.kind == JobOrderKind.ORDINARY and job_order.hours_per_week <= SMALL_JOB_HOURS
    )


def new_job_orders(scope: Scope, week: Period, moment: dt.datetime) -> list[JobOrder]:
    """The job orders that arrived in the week up to the board's moment, first first."""
    first = week.bounds()[0]
    return list(
        JobOrder.objects.filter(scope.orders(), created_at__gte=first, created_at__lt=moment)
        .select_related("company", "occupation", "job_centre")
        .order_by("created_at", "pk")
    )


def _hires_until(orders: QuerySet[JobOrder], moment: dt.datetime) -> dict[int, int]:
    """Each of the job orders' hires recorded before the moment (one grouped query)."""
    rows = (
        Placement.objects.filter(referral__job_order__in=orders.values("pk"), created_at__lt=moment)
        .values("referral__job_order")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["referral__job_order"]: r["n"] for r in rows}


def _referrals_until(orders: QuerySet[JobOrder], moment: dt.datetime) -> dict[int, int]:
    rows = (
        Referral.objects.filter(job_order__in=orders.values("pk"), created_at__lt=moment)
        .values("job_order")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["job_order"]: r["n"] for r in rows}


def filled_in_week(scope: Scope, week: Period, moment: dt.datetime) -> list[Filled]:
    """The job orders with hires recorded in the week: how many, and how far each is filled."""
    first = week.bounds()[0]
    week_hires = {
        r["referral__job_order"]: r
        for r in Placement.objects.filter(
            scope.orders("referral__job_order__"), created_at__gte=first, created_at__lt=moment
        )
        .values("referral__job_order")
        .annotate(n=Count("pk"), first_day=Min("start_date"))
        .order_by()
    }
    orders = JobOrder.objects.filter(pk__in=list(week_hires)).select_related(
        "company", "occupation", "job_centre"
    )
    filled = _hires_until(orders, moment)
    return [
        Filled(
            o,
            week_hires[o.pk]["n"],
            min(filled.get(o.pk, 0), o.positions),
            week_hires[o.pk]["first_day"],
        )
        for o in orders.order_by("company__name", "pk")
    ]


def coming_events(scope: Scope, week: Period) -> list[Event]:
    """Events starting in the week or the four weeks after, and any announced in the week."""
    first, after = week.bounds()
    events = Event.objects.filter(cooperation=scope.cooperation)
    if scope.job_centre is not None:
        events = events.filter(job_centre=scope.job_centre)
    horizon = after + dt.timedelta(days=EVENTS_AHEAD_DAYS)
    return list(
        events.filter(
            Q(starts_at__gte=first, starts_at__lt=horizon)
            | Q(created_at__gte=first, created_at__lt=after)
        )
        .select_related("job_centre")
        .order_by("starts_at", "pk")
    )


def coming_teams(scope: Scope, week: Period) -> list[ComingTeam]:
    """The cooperation's course teams starting in the week or the EVENTS_AHEAD_DAYS after:
    the new courses the meeting hears of. Teams are shared, so one job centre's board shows
    them all (any centre may reserve seats)."""
    horizon = week.end + dt.timedelta(days=EVENTS_AHEAD_DAYS)
    teams = (
        Team.objects.filter(
            course__provider__cooperation=scope.cooperation,
            starts_on__gte=week.start,
            starts_on__lte=horizon,
        )
        .select_related("course__provider", "host")
        .annotate(reserved=Coalesce(Sum("reservations__seats"), 0))
        .order_by("starts_on", "pk")
    )
    return [ComingTeam(team, team.reserved) for team in teams]


def ease_by_occupation(scope: Scope, week: Period, moment: dt.datetime) -> list[Ease]:
    """Per occupation, the job orders whose deadline passed in the last EASE_WEEKS weeks (up
    to the board's day) and the share of their positions filled by the board's moment;
    cancelled orders are left out (the company withdrew: nothing was tried to fill)."""
    day = board_day(week, moment)
    due = JobOrder.objects.filter(
        scope.orders(),
        deadline__gt=week.end - dt.timedelta(weeks=EASE_WEEKS),
        deadline__lt=day,
        created_at__lt=moment,
    ).exclude(status=JobOrderStatus.CANCELLED)
    # Plain rows, not model instances: at national scale these are 12 weeks' thousands of
    # orders, and building their objects took most of the page's time.
    orders = list(due.values_list("pk", "occupation_id", "positions", "created_at"))
    # One read of the hires serves both their count per order and their days to fill. A
    # subquery, not a list of ids: a national cooperation's orders outnumber SQLite's
    # limit on parameters.
    hired = Placement.objects.filter(
        referral__job_order__in=due.values("pk"), created_at__lt=moment
    ).values_list("referral__job_order", "created_at")
    arrived = {
        pk: (occupation, timezone.localdate(created)) for pk, occupation, _, created in orders
    }
    hires: Counter[int] = Counter()
    days: dict[int, list[int]] = defaultdict(list)
    for order_id, recorded in hired:
        occupation, day_arrived = arrived[order_id]
        hires[order_id] += 1
        days[occupation].append(max((timezone.localdate(recorded) - day_arrived).days, 0))
    grouped: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, occupation, positions, _created in orders:
        grouped[occupation].append((positions, min(hires.get(pk, 0), positions)))
    occupations = Occupation.objects.in_bulk(list(grouped))
    rows = [
        Ease(
            occupation=occupations[key],
            orders=len(group),
            positions=sum(positions for positions, _filled in group),
            filled=sum(filled for _positions, filled in group),
            hires=len(days[key]),
            median_days=statistics.median(days[key]) if days[key] else None,
        )
        for key, group in grouped.items()
    ]
    return sorted(rows, key=lambda r: (-(r.share.ratio or 0), -r.positions, r.occupation.label_da))


def stuck_job_orders(scope: Scope, week: Period, moment: dt.datetime) -> tuple[list[Stuck], int]:
    """Open job orders with positions unfilled at the board's moment that are overdue, have
    had no referral for NO_REFERRAL_DAYS days, or have a referral waiting WAITING_DAYS days
    for the company's answer: the STUCK_LISTED longest stuck (longest first), and how many
    there are."""
    day = board_day(week, moment)
    # Unfilled at the moment: open now, or filled by a hire recorded since (a past week's
    # board). Not every order ever filled: at national scale that is five years of them,
    # and their referrals' history took a minute to read.
    hired_since = Placement.objects.filter(
        referral__job_order=OuterRef("pk"), created_at__gte=moment
    )
    live = JobOrder.objects.filter(scope.orders(), created_at__lt=moment).filter(
        Q(status=JobOrderStatus.OPEN) | Q(status=JobOrderStatus.FILLED) & Exists(hired_since)
    )
    orders = list(live.values_list("pk", "positions", "deadline", "created_at"))
    hires: dict[int, int] = {}
    referred: dict[int, int] = {}
    waits: dict[int, tuple[int, dt.datetime]] = {}
    # By the orders' ids, a batch at a time: the referrals' states at the moment are read
    # for these orders' referrals only (from a subquery PostgreSQL read the history of
    # all 1,000,000 first), and a batch stays under SQLite's limit on parameters.
    for start in range(0, len(orders), ORDERS_PER_QUERY):
        batch = JobOrder.objects.filter(
            pk__in=[pk for pk, *_ in orders[start : start + ORDERS_PER_QUERY]]
        )
        hires |= _hires_until(batch, moment)
        referred |= _referrals_until(batch, moment)
        waits |= _waiting_referrals(batch, moment)
    found = []
    for pk, positions, deadline, created_at in orders:
        if hires.get(pk, 0) >= positions:
            continue
        overdue = (day - deadline).days if deadline < day else None
        since_arrival = (day - timezone.localdate(created_at)).days
        quiet = not referred.get(pk) and since_arrival >= NO_REFERRAL_DAYS
        silent = since_arrival if quiet else None
        waiting, oldest = waits.get(pk, (0, None))
        longest = (day - timezone.localdate(oldest)).days if oldest else None
        if overdue is None and silent is None and not waiting:
            continue
        found.append((pk, positions - hires.get(pk, 0), overdue, silent, waiting, longest))
    found.sort(key=lambda row: (-max(d or 0 for d in (row[2], row[3], row[5])), row[0]))
    # Whole job orders (with company, occupation, job centre) for those listed only.
    listed = JobOrder.objects.select_related("company", "occupation", "job_centre").in_bulk(
        [row[0] for row in found[:STUCK_LISTED]]
    )
    stuck = [
        Stuck(listed[pk], open_positions, overdue, silent, waiting, longest)
        for pk, open_positions, overdue, silent, waiting, longest in found[:STUCK_LISTED]
    ]
    return stuck, len(found)


def _waiting_referrals(
    orders: QuerySet[JobOrder], moment: dt.datetime
) -> dict[int, tuple[int, dt.datetime]]:
    """Per job order: its referrals that at the moment had waited WAITING_DAYS days or more
    for the company's answer, and when the longest-waiting of them last moved. A referral's
    state then is where its last logged move before the moment took it, else where the
    first move after left it, else (no log at all) its state now."""
    moves = ReferralTransition.objects.filter(referral=OuterRef("pk"))
    last = moves.filter(at__lt=moment).order_by("-at", "-pk")
    following = moves.filter(at__gte=moment).order_by("at", "pk")
    rows = (
        Referral.objects.filter(job_order__in=orders.values("pk"), created_at__lt=moment)
        .annotate(
            state_then=Coalesce(
                Subquery(last.values("to_state")[:1]),
                Subquery(following.values("from_state")[:1]),
                F("state"),
            ),
            since=Coalesce(Subquery(last.values("at")[:1]), F("created_at")),
        )
        .filter(
            state_then__in=AWAITING_COMPANY,
            since__lte=moment - dt.timedelta(days=WAITING_DAYS),
        )
        .values("job_order")
        .annotate(n=Count("pk"), oldest=Min("since"))
        .order_by()
    )
    return {r["job_order"]: (r["n"], r["oldest"]) for r in rows}


def board(scope: Scope, week: Period, now: dt.datetime | None = None) -> Board:
    moment = as_of(week, now or timezone.now())
    new = new_job_orders(scope, week, moment)
    ease = ease_by_occupation(scope, week, moment)
    stuck, stuck_count = stuck_job_orders(scope, week, moment)
    return Board(
        scope=scope,
        week=week,
        as_of=moment,
        new_positions=[o for o in new if not is_subsidised_or_small(o)],
        subsidised=[o for o in new if is_subsidised_or_small(o)],
        filled=filled_in_week(scope, week, moment),
        events=coming_events(scope, week),
        teams=coming_teams(scope, week),
        easy=[e for e in ease if e.easy],
        hard=sorted((e for e in ease if e.hard), key=lambda e: (e.share.ratio or 0, -e.positions)),
        stuck=stuck,
        stuck_count=stuck_count,
    )
