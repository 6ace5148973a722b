"""The KPIs: each a plain definition over one source (docs/kpis.md writes each out), computed
for a cooperation over a period, narrowed by filters, in one aggregate query (or a few);
split by one dimension in one grouped query; compared with the previous period.

A KPI whose source has no path to a dimension in use (visits by occupation, say) has no
figure: `figure` and `breakdown` give None rather than an unfiltered number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Least, TruncDate
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobbro.candidates.models import TargetGroup
from jobbro.companies.models import (
    Industry,
    IndustryVersion,
    InteractionKind,
    RecruitmentAgreement,
)
from jobbro.companies.selectors import home_centres
from jobbro.intake.models import InquiryStatus
from jobbro.joborders.agreement_progress import AgreementProgress
from jobbro.joborders.models import (
    FollowUpStep,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    Placement,
    Project,
    Referral,
    ReferralState,
)
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.surveys.models import QUESTIONS
from jobbro.taxonomy.models import Occupation

from .measures import Average, Figure, Share, durations
from .measures import Count as CountFigure
from .periods import Period
from .sources import (
    AGREEMENTS,
    INQUIRIES,
    INTERACTIONS,
    JOB_ORDERS,
    PLACEMENTS,
    REFERRALS,
    SURVEY_INVITATIONS,
    SURVEY_RESPONSES,
    TARGET_GROUP_LABELS,
    YOUTH,
    Dimension,
    Filters,
    Source,
)

KEY = "_key"
Row = Mapping[str, Any]


@dataclass(frozen=True)
class Context:
    cooperation: Cooperation
    period: Period
    filters: Filters
    now: dt.datetime
    # The agreements' progress from the summary (models.AgreementFigures), up to date.
    agreements_summed: bool = False


@dataclass(frozen=True)
class Kpi:
    """A KPI computed by aggregates over its source's rows (the usual kind)."""

    key: str
    label: Promise
    source: Source
    aggregates: Callable[[Context], dict[str, Any]]
    build: Callable[[Row], Figure]
    prepare: Callable[[QuerySet[Any], Context], QuerySet[Any]] = field(
        default=lambda rows, ctx: rows
    )
    # The to-many relation the aggregates join (one row per related row): KPIs with the same
    # source, preparation and joins are asked for in one query (see `figures`).
    joins: str = ""

    def total(self, rows: QuerySet[Any], ctx: Context) -> Figure:
        return self.build(self.prepare(rows, ctx).aggregate(**self.aggregates(ctx)))

    def grouped(self, keyed: QuerySet[Any], ctx: Context) -> dict[Any, Figure]:
        found = self.prepare(keyed, ctx).values(KEY).annotate(**self.aggregates(ctx)).order_by()
        return {row[KEY]: self.build(row) for row in found}


def _count(row: Row) -> Figure:
    return CountFigure(row["n"] or 0)


def _share(row: Row) -> Figure:
    return Share(row["num"] or 0, row["den"] or 0)


# --- job orders -------------------------------------------------------------------------

_LIVE_ORDER = ~Q(status=JobOrderStatus.CANCELLED)


def _with_filled(rows: QuerySet[Any], ctx: Context) -> QuerySet[Any]:
    """Each job order's positions filled: its hires (placements, whenever they start), at
    most its positions."""
    hires = (
        Placement.objects.filter(referral__job_order=OuterRef("pk"))
        .order_by()
        .values("referral__job_order")
        .annotate(n=Count("pk"))
        .values("n")
    )
    filled = Coalesce(Subquery(hires, output_field=IntegerField()), Value(0))
    return rows.annotate(filled=Least(filled, F("positions"), output_field=IntegerField()))


def _with_referred(rows: QuerySet[Any], ctx: Context) -> QuerySet[Any]:
    return rows.annotate(referred=Exists(Referral.objects.filter(job_order=OuterRef("pk"))))


JOB_ORDER_KPIS = [
    Kpi(
        "job_orders",
        _("Job orders received"),
        JOB_ORDERS,
        lambda ctx: {"n": Count("pk")},
        _count,
    ),
    Kpi(
        "positions",
        _("Positions received"),
        JOB_ORDERS,
        lambda ctx: {"n": Sum("positions")},
        _count,
    ),
    Kpi(
        "referral_rate",
        _("Referral rate"),
        JOB_ORDERS,
        lambda ctx: {
            "num": Count("pk", filter=_LIVE_ORDER & Q(referred=True)),
            "den": Count("pk", filter=_LIVE_ORDER),
        },
        _share,
        _with_referred,
    ),
    Kpi(
        "fill_rate",
        _("Fill rate"),
        JOB_ORDERS,
        lambda ctx: {
            "num": Sum("filled", filter=_LIVE_ORDER),
            "den": Sum("positions", filter=_LIVE_ORDER),
        },
        _share,
        _with_filled,
    ),
]


# --- referrals and hires ----------------------------------------------------------------


_MUNICIPALITY = "referral__job_order__company__municipality"
_CANDIDATE_CENTRE = "referral__candidate__job_centre"


@dataclass(frozen=True)
class CrossMunicipal(Kpi):
    """Of the hires at companies with a home job centre (the one rule: the first member
    centre by name serving the company's municipality), those whose candidate belongs to
    another centre. The rows are the cooperation's, so the home centre depends on the
    municipality alone: the database counts the hires per (municipality, candidate's
    centre), at most 98 × the centres rows, and the rule is applied to those counts."""

    def total(self, rows: QuerySet[Any], ctx: Context) -> Figure:
        return self.grouped(rows.annotate(**{KEY: Value(0)}), ctx).get(0, Share(0, 0))

    def grouped(self, keyed: QuerySet[Any], ctx: Context) -> dict[Any, Figure]:
        home_of = home_centre_of(ctx.cooperation)
        counts = (
            keyed.values(KEY, _MUNICIPALITY, _CANDIDATE_CENTRE).annotate(n=Count("pk")).order_by()
        )
        return cross_shares(
            ((row[KEY], row[_MUNICIPALITY], row[_CANDIDATE_CENTRE], row["n"]) for row in counts),
            home_of,
        )


def cross_shares(
    counts: Iterable[tuple[Any, Any, Any, int]], home_of: dict[int, int]
) -> dict[Any, Figure]:
    """Per group key, the share of hires across municipalities, from the hires counted per
    (key, municipality, candidate's centre); a group whose hires have no home centre has no
    share."""
    across: dict[Any, int] = defaultdict(int)
    with_home: dict[Any, int] = defaultdict(int)
    for key, municipality, centre, n in counts:
        home = home_of.get(municipality)
        with_home[key] += 0
        if home is not None:
            with_home[key] += n
            if centre != home:
                across[key] += n
    return {key: Share(across[key], n) for key, n in with_home.items()}


def home_centre_of(cooperation: Cooperation) -> dict[int, int]:
    """Municipality id → the id of its home job centre in the cooperation."""
    home_of: dict[int, int] = {}
    serving = home_centres(Q(cooperation=cooperation)).values_list("municipalities", "pk")
    for municipality, centre in serving:
        if municipality is not None:
            home_of.setdefault(municipality, centre)  # the first in the rule's order
    return home_of


_SUBSIDISED = (JobOrderKind.INTERNSHIP, JobOrderKind.WAGE_SUBSIDY)


def _with_became_job(rows: QuerySet[Any], ctx: Context) -> QuerySet[Any]:
    """Internship and wage-subsidy hires, each marked when the same candidate was later (or
    the same day) hired into an ordinary job at the same company."""
    later = Placement.objects.filter(
        referral__candidate=OuterRef("referral__candidate"),
        referral__job_order__company=OuterRef("referral__job_order__company"),
        referral__job_order__kind=JobOrderKind.ORDINARY,
        start_date__gte=OuterRef("start_date"),
    )
    return rows.filter(referral__job_order__kind__in=_SUBSIDISED).annotate(became_job=Exists(later))


def _retention(step: FollowUpStep) -> Callable[[Context], dict[str, Any]]:
    def aggregates(ctx: Context) -> dict[str, Any]:
        done = Q(follow_ups__step=step, follow_ups__done_at__isnull=False)
        return {
            "num": Count("follow_ups", filter=done & Q(follow_ups__still_employed=True)),
            "den": Count("follow_ups", filter=done),
        }

    return aggregates


def _ordinary_after_quarter(ctx: Context) -> dict[str, Any]:
    done = Q(follow_ups__step=FollowUpStep.QUARTER, follow_ups__done_at__isnull=False)
    kept = Q(follow_ups__still_employed=True, follow_ups__ordinary_hours=True)
    return {
        "num": Count("follow_ups", filter=done & kept),
        "den": Count("follow_ups", filter=done),
    }


@dataclass(frozen=True)
class TimeToFill(Kpi):
    """Days from the job order's arrival (its local day) to the hire's first working day,
    of the hires starting in the period: median and 90th percentile (nearest rank). The
    database counts the hires per number of days (a few hundred rows however many hires);
    the figures come from that histogram, the same on SQLite and PostgreSQL."""

    def total(self, rows: QuerySet[Any], ctx: Context) -> Figure:
        found = _with_days(rows).values("days").annotate(n=Count("pk")).order_by()
        return _from_histogram((row["days"], row["n"]) for row in found)

    def grouped(self, keyed: QuerySet[Any], ctx: Context) -> dict[Any, Figure]:
        found: dict[Any, list[tuple[dt.timedelta, int]]] = defaultdict(list)
        counted = _with_days(keyed).values(KEY, "days").annotate(n=Count("pk")).order_by()
        for row in counted:
            found[row[KEY]].append((row["days"], row["n"]))
        return {key: _from_histogram(days) for key, days in found.items()}


def _with_days(rows: QuerySet[Any]) -> QuerySet[Any]:
    """Each hire's days from its order's local arrival day (TruncDate: the current time
    zone, as `timezone.localdate`) to its first working day."""
    arrived = TruncDate("referral__job_order__created_at")
    return rows.annotate(days=ExpressionWrapper(F("start_date") - arrived, DurationField()))


def _from_histogram(counts: Iterable[tuple[dt.timedelta | int, int]]) -> Figure:
    """Never below nought: a hire recorded as starting before its order arrived took none."""
    values: list[int] = []
    for days, n in counts:
        whole = days.days if isinstance(days, dt.timedelta) else int(days)
        values.extend([max(0, whole)] * n)
    return durations(values)


REFERRAL_KPIS = [
    Kpi(
        "referrals",
        _("Referrals"),
        REFERRALS,
        lambda ctx: {"n": Count("pk")},
        _count,
    ),
    Kpi(
        "match_rate",
        _("Match rate"),
        REFERRALS,
        lambda ctx: {
            "num": Count("pk", filter=Q(state=ReferralState.HIRED)),
            "den": Count("pk", filter=~Q(state=ReferralState.WITHDRAWN)),
        },
        _share,
    ),
]

HIRE_KPIS = [
    Kpi("hires", _("Hires"), PLACEMENTS, lambda ctx: {"n": Count("pk")}, _count),
    TimeToFill(
        "time_to_fill",
        _("Time to fill (days)"),
        PLACEMENTS,
        lambda ctx: {},
        _count,
    ),
    Kpi(
        "ordinary_hours",
        _("On ordinary hours at hire"),
        PLACEMENTS,
        lambda ctx: {
            "num": Count("pk", filter=Q(ordinary_hours=True)),
            "den": Count("pk"),
        },
        _share,
    ),
    Kpi(
        "retention_week",
        _("Still employed after 1 week"),
        PLACEMENTS,
        _retention(FollowUpStep.WEEK),
        _share,
        joins="follow_ups",
    ),
    Kpi(
        "retention_month",
        _("Still employed after 1 month"),
        PLACEMENTS,
        _retention(FollowUpStep.MONTH),
        _share,
        joins="follow_ups",
    ),
    Kpi(
        "retention_quarter",
        _("Still employed after 3 months"),
        PLACEMENTS,
        _retention(FollowUpStep.QUARTER),
        _share,
        joins="follow_ups",
    ),
    Kpi(
        "ordinary_hours_quarter",
        _("On ordinary hours after 3 months"),
        PLACEMENTS,
        _ordinary_after_quarter,
        _share,
        joins="follow_ups",
    ),
    CrossMunicipal(
        "cross_municipal",
        _("Hired across municipalities"),
        PLACEMENTS,
        lambda ctx: {},
        _share,
    ),
    Kpi(
        "became_jobs",
        _("Internships and wage subsidies that became ordinary jobs"),
        PLACEMENTS,
        lambda ctx: {
            "num": Count("pk", filter=Q(became_job=True)),
            "den": Count("pk"),
        },
        _share,
        _with_became_job,
    ),
]


# --- company contact and agreements -----------------------------------------------------

CONTACT_KPIS = [
    Kpi(
        "visits",
        _("Company visits"),
        INTERACTIONS,
        lambda ctx: {"n": Count("pk", filter=Q(kind=InteractionKind.VISIT))},
        _count,
    ),
    Kpi("contacts", _("Company contacts"), INTERACTIONS, lambda ctx: {"n": Count("pk")}, _count),
    Kpi(
        "companies_contacted",
        _("Companies contacted"),
        INTERACTIONS,
        lambda ctx: {"n": Count("company", distinct=True)},
        _count,
    ),
    Kpi(
        "agreements_new",
        _("New recruitment agreements"),
        AGREEMENTS,
        lambda ctx: {"n": Count("pk")},
        _count,
    ),
]


@dataclass(frozen=True)
class AgreementKpi(Kpi):
    """Over the agreements running at some day of the period, with their progress as the
    agreement page counts it (`joborders.agreement_progress`), worked out in the database
    for each agreement (`_progress`): two queries however many agreements."""

    # The figure from the summed progress of the agreements (`_summed_totals`).
    from_sums: Callable[[Row], Figure] = field(default=lambda row: CountFigure(0))

    def chosen(self, ctx: Context) -> QuerySet[RecruitmentAgreement]:
        """The agreements running at some day of the period, narrowed by the filters but
        the occupation (see `running`)."""
        agreements = RecruitmentAgreement.objects.filter(
            company__cooperation=ctx.cooperation,
            start_date__lte=ctx.period.end,
            end_date__gte=ctx.period.start,
        )
        chosen = ctx.filters
        if chosen.job_centre is not None:
            agreements = agreements.filter(job_centre=chosen.job_centre, by_secretariat=False)
        if chosen.industry is not None:
            agreements = agreements.filter(company__industry=chosen.industry)
        if chosen.industries is not None:
            agreements = agreements.filter(company__industry__in=chosen.industries)
        return agreements

    def running(self, ctx: Context) -> list[AgreementProgress]:
        agreements = self.chosen(ctx)
        chosen = ctx.filters
        progress = _summed_progress(agreements) if ctx.agreements_summed else None
        if progress is None:
            progress = _progress(
                agreements.select_related("company").prefetch_related("occupations")
            )
        if chosen.occupation is not None:
            # An agreement naming no occupation covers them all.
            progress = [
                p
                for p in progress
                if not _occupations(p.agreement) or chosen.occupation in _occupations(p.agreement)
            ]
        return progress

    def total(self, rows: QuerySet[Any], ctx: Context) -> Figure:
        return agreement_figures([self], ctx)[self.key]

    def grouped(self, keyed: QuerySet[Any], ctx: Context) -> dict[Any, Figure]:
        raise NotImplementedError  # see breakdown(): agreements group in Python

    def grouped_by(self, dimension: Dimension, ctx: Context) -> dict[Any, Figure]:
        found: dict[Any, list[AgreementProgress]] = defaultdict(list)
        for progress in self.running(ctx):
            for key in agreement_groups(progress.agreement, dimension):
                found[key].append(progress)
        return {key: self.build({"progress": group}) for key, group in found.items()}


def agreement_figures(kpis: list[AgreementKpi], ctx: Context) -> dict[str, Figure]:
    """The agreement KPIs for the period: summed by the database from the kept progress
    when it is up to date and no occupation narrows the agreements (reading a thousand
    agreements with their occupations was half the year page), else over each running
    agreement's progress, worked out once for all of them."""
    if ctx.agreements_summed and ctx.filters.occupation is None:
        sums = _summed_totals(kpis[0].chosen(ctx))
        if sums is not None:
            return {kpi.key: kpi.from_sums(sums) for kpi in kpis}
    progress = kpis[0].running(ctx)
    return {kpi.key: kpi.build({"progress": progress}) for kpi in kpis}


def _summed_totals(agreements: QuerySet[RecruitmentAgreement]) -> Row | None:
    """What `_running_count`, `_reached` and `_agreement_hires` count, from the kept
    progress; None when an agreement has none kept yet."""
    targeted = Q(expected_hires__gt=0)  # see AgreementProgress.has_target
    row = agreements.aggregate(
        running=Count("pk"),
        kept=Count("kpi_figures"),
        targeted=Count("pk", filter=targeted),
        reached=Count("pk", filter=targeted & Q(kpi_figures__hires__gte=F("expected_hires"))),
        hires=Coalesce(
            Sum(
                Least("kpi_figures__hires", "expected_hires", output_field=IntegerField()),
                filter=targeted,
            ),
            0,
        ),
        expected=Coalesce(Sum("expected_hires", filter=targeted), 0),
    )
    return row if row["kept"] == row["running"] else None


def _progress(agreements: QuerySet[RecruitmentAgreement]) -> list[AgreementProgress]:
    """`joborders.agreement_progress.progress_of`'s figures, counted per agreement by the
    database rather than over every job order and hire of the companies in Python: the
    company's job orders arriving (local day) in the agreement's period and its hires
    starting in it, for the agreement's occupations (all when it names none)."""
    named = RecruitmentAgreement.occupations.through.objects.filter(
        recruitmentagreement=OuterRef(OuterRef("pk"))
    )

    def covered(occupation: str) -> Q:
        return ~Exists(named) | Exists(named.filter(occupation=OuterRef(occupation)))

    orders = (
        JobOrder.objects.annotate(day=TruncDate("created_at"))
        .filter(
            covered("occupation"),
            company=OuterRef("company"),
            day__gte=OuterRef("start_date"),
            day__lte=OuterRef("end_date"),
        )
        .order_by()
        .values("company")
    )
    hires = (
        Placement.objects.filter(
            covered("referral__job_order__occupation"),
            referral__job_order__company=OuterRef("company"),
            start_date__gte=OuterRef("start_date"),
            start_date__lte=OuterRef("end_date"),
        )
        .order_by()
        .values("referral__job_order__company")
    )
    counted = agreements.annotate(
        n_orders=Coalesce(Subquery(orders.annotate(n=Count("pk")).values("n")), 0),
        n_positions=Coalesce(Subquery(orders.annotate(n=Sum("positions")).values("n")), 0),
        n_hires=Coalesce(Subquery(hires.annotate(n=Count("pk")).values("n")), 0),
    )
    return [AgreementProgress(a, a.n_orders, a.n_positions, a.n_hires) for a in counted]


def _summed_progress(agreements: QuerySet[RecruitmentAgreement]) -> list[AgreementProgress] | None:
    """The progress the summary keeps for each agreement; None when one has none yet."""
    # Only what the figures and splits read: a national cooperation runs a thousand a year.
    kept = (
        agreements.select_related("company", "kpi_figures")
        .only(
            "expected_hires",
            "job_centre",
            "by_secretariat",
            "company__industry",
            "kpi_figures__job_orders",
            "kpi_figures__positions",
            "kpi_figures__hires",
        )
        .prefetch_related(Prefetch("occupations", Occupation.objects.only("pk")))
    )
    progress = []
    for agreement in kept:
        figures = getattr(agreement, "kpi_figures", None)
        if figures is None:
            return None
        progress.append(
            AgreementProgress(agreement, figures.job_orders, figures.positions, figures.hires)
        )
    return progress


def _occupations(agreement: RecruitmentAgreement) -> set[int]:
    return {o.pk for o in agreement.occupations.all()}


def agreement_groups(agreement: RecruitmentAgreement, dimension: Dimension) -> Iterable[Any]:
    """The groups of a split an agreement counts in: its job centre (None: the
    secretariat's), its company's industry, or each occupation it names (None: it names
    none, so covers all). The split and the drill-down both read it."""
    match dimension:
        case Dimension.JOB_CENTRE:
            return [None if agreement.by_secretariat else agreement.job_centre_id]
        case Dimension.INDUSTRY:
            return [agreement.company.industry_id]
        case Dimension.OCCUPATION:
            return sorted(_occupations(agreement)) or [None]
    return []


def _running_count(row: Row) -> Figure:
    return CountFigure(len(row["progress"]))


def _reached(row: Row) -> Figure:
    with_target = [p for p in row["progress"] if p.has_target]
    return Share(sum(1 for p in with_target if p.reached), len(with_target))


def _agreement_hires(row: Row) -> Figure:
    with_target = [p for p in row["progress"] if p.has_target]
    return Share(
        sum(min(p.hires, p.agreement.expected_hires) for p in with_target),
        sum(p.agreement.expected_hires for p in with_target),
    )


AGREEMENT_KPIS: list[Kpi] = [
    AgreementKpi(
        "agreements_running",
        _("Recruitment agreements running"),
        AGREEMENTS,
        lambda ctx: {},
        _running_count,
        from_sums=lambda row: CountFigure(row["running"]),
    ),
    AgreementKpi(
        "agreements_reached",
        _("Agreements that reached their expected hires"),
        AGREEMENTS,
        lambda ctx: {},
        _reached,
        from_sums=lambda row: Share(row["reached"], row["targeted"]),
    ),
    AgreementKpi(
        "agreement_hires",
        _("Hires against the agreements' expected hires"),
        AGREEMENTS,
        lambda ctx: {},
        _agreement_hires,
        from_sums=lambda row: Share(row["hires"], row["expected"]),
    ),
]


# --- the shared line and the surveys ----------------------------------------------------


def _within_target(ctx: Context) -> dict[str, Any]:
    """As the response-time report counts: of the inquiries due (answered, closed, or past
    their deadline), those first answered by their deadline."""
    due = (
        Q(first_response_at__isnull=False)
        | Q(status=InquiryStatus.CLOSED)
        | Q(respond_by__lt=ctx.now)
    )
    return {
        "num": Count("pk", filter=Q(first_response_at__lte=F("respond_by"))),
        "den": Count("pk", filter=due),
    }


def _average(row: Row) -> Figure:
    value = row["avg"]
    return Average(None if value is None else float(value), row["n"] or 0)


def _average_of_all(row: Row) -> Figure:
    """The average of each answer's sum over the questions, divided by their number."""
    value = row["avg"]
    return Average(None if value is None else float(value) / len(QUESTIONS), row["n"] or 0)


SERVICE_KPIS = [
    Kpi("inquiries", _("Inquiries received"), INQUIRIES, lambda ctx: {"n": Count("pk")}, _count),
    Kpi(
        "inquiries_within_target",
        _("Inquiries answered within target"),
        INQUIRIES,
        _within_target,
        _share,
    ),
    Kpi(
        "survey_response_rate",
        _("Survey response rate"),
        SURVEY_INVITATIONS,
        lambda ctx: {
            "num": Count("pk", filter=Q(answered_at__isnull=False)),
            "den": Count("pk"),
        },
        _share,
    ),
    Kpi(
        "survey_overall",
        _("Satisfaction with the overall cooperation (1–5)"),
        SURVEY_RESPONSES,
        lambda ctx: {"avg": Avg("overall"), "n": Count("pk")},
        _average,
    ),
    Kpi(
        "survey_all",
        _("Satisfaction, all questions (1–5)"),
        SURVEY_RESPONSES,
        lambda ctx: {
            "avg": Avg(sum((F(q) for q in QUESTIONS[1:]), F(QUESTIONS[0]))),
            "n": Count("pk"),
        },
        _average_of_all,
    ),
]

KPIS: dict[str, Kpi] = {
    kpi.key: kpi
    for kpi in [
        *JOB_ORDER_KPIS,
        *REFERRAL_KPIS,
        *HIRE_KPIS,
        *CONTACT_KPIS,
        *AGREEMENT_KPIS,
        *SERVICE_KPIS,
    ]
}

# The families the dashboard shows them in, in this order.
FAMILIES: list[tuple[Promise, list[Kpi]]] = [
    (_("Job orders"), JOB_ORDER_KPIS),
    (_("Referrals"), REFERRAL_KPIS),
    (_("Hires and retention"), HIRE_KPIS),
    (_("Company contact"), CONTACT_KPIS),
    (_("Recruitment agreements"), AGREEMENT_KPIS),
    (_("Shared line and satisfaction"), SERVICE_KPIS),
]


# --- computing --------------------------------------------------------------------------


def applies(kpi: Kpi, filters: Filters, dimension: Dimension | None = None) -> bool:
    """Whether the KPI's source can be narrowed by every filter in use (and split by the
    dimension)."""
    used = filters.used() | ({dimension} if dimension else set())
    if isinstance(kpi, AgreementKpi):
        return used <= {Dimension.JOB_CENTRE, Dimension.INDUSTRY, Dimension.OCCUPATION}
    return all(kpi.source.supports(d) for d in used)


def _context(
    cooperation: Cooperation, period: Period, filters: Filters | None, now: dt.datetime | None
) -> Context:
    return Context(cooperation, period, filters or Filters(), now or timezone.now())


def figure(
    key: str,
    cooperation: Cooperation,
    period: Period,
    filters: Filters | None = None,
    *,
    now: dt.datetime | None = None,
) -> Figure | None:
    """One KPI for the cooperation over the period; None when a filter cannot apply."""
    kpi = KPIS[key]
    ctx = _context(cooperation, period, filters, now)
    if not applies(kpi, ctx.filters):
        return None
    if isinstance(kpi, AgreementKpi):  # narrows its agreements itself
        return kpi.total(kpi.source.model._default_manager.none(), ctx)
    return kpi.total(kpi.source.rows(cooperation, period, ctx.filters), ctx)


def breakdown(
    key: str,
    cooperation: Cooperation,
    period: Period,
    dimension: Dimension,
    filters: Filters | None = None,
    *,
    now: dt.datetime | None = None,
    summed: bool = True,
) -> dict[Any, Figure] | None:
    """One KPI split by a dimension in one grouped query: key → figure, for the keys that
    have rows. Keys are ids (job centre, industry, occupation, project: None is the
    secretariat, no project, an agreement for all occupations) or target-group codes (None:
    no target group; "youth" by age, from a second query). None when it cannot split.
    From the summary when it covers the KPI, period, filters and split (`summed`)."""
    from . import summary  # it builds on this module's definitions

    kpi = KPIS[key]
    ctx = _context(cooperation, period, filters, now)
    if not applies(kpi, ctx.filters, dimension):
        return None
    if (
        summed
        and key in summary.SUMMED
        and summary.covers(cooperation, period, ctx.filters, dimension)
    ):
        return summary.breakdown(key, ctx, dimension)
    if isinstance(kpi, AgreementKpi):
        if summed and summary.agreements_up_to_date(cooperation):
            ctx = replace(ctx, agreements_summed=True)
        return kpi.grouped_by(dimension, ctx)
    source = kpi.source
    rows = source.rows(cooperation, period, ctx.filters)
    found = kpi.grouped(rows.annotate(**{KEY: source.key(dimension)}), ctx)
    if dimension is Dimension.TARGET_GROUP:
        # The mark "youth" is not used: youth is counted by age on the day (below).
        found.pop(YOUTH, None)
        young = rows.filter(source.youth()).annotate(**{KEY: Value(YOUTH)})
        for young_figure in kpi.grouped(young, ctx).values():
            found[YOUTH] = young_figure
    return found


def figures(
    cooperation: Cooperation,
    period: Period,
    filters: Filters | None = None,
    *,
    keys: Iterable[str] | None = None,
    now: dt.datetime | None = None,
    summed: bool = True,
) -> dict[str, Figure | None]:
    """The KPIs (all by default) for the period, each the figure `figure` gives, in few
    queries: from the summary those it holds, when it covers the period and filters
    (`summed`, kpis.summary); of the rest, the KPIs over the same rows (same source,
    preparation and joins) aggregate together in one query, and the agreements' progress
    is worked out once for all three."""
    from . import summary  # it builds on this module's definitions

    ctx = _context(cooperation, period, filters, now)
    wanted = list(keys or KPIS)
    found: dict[str, Figure | None] = {}
    from_summary = [k for k in wanted if k in summary.SUMMED and applies(KPIS[k], ctx.filters)]
    if summed and from_summary and summary.covers(cooperation, period, ctx.filters):
        found.update(summary.figures(ctx, from_summary))
    together: dict[tuple[Source, Callable[..., QuerySet[Any]], str], list[Kpi]] = defaultdict(list)
    agreement_kpis: list[AgreementKpi] = []
    for key in wanted:
        kpi = KPIS[key]
        if key in found:
            continue
        if not applies(kpi, ctx.filters):
            found[key] = None
        elif isinstance(kpi, AgreementKpi):
            agreement_kpis.append(kpi)
        elif type(kpi) is not Kpi:  # its own way of computing (time to fill)
            found[key] = kpi.total(kpi.source.rows(cooperation, period, ctx.filters), ctx)
        else:
            together[(kpi.source, kpi.prepare, kpi.joins)].append(kpi)
    if agreement_kpis:
        if summed and summary.agreements_up_to_date(cooperation):
            ctx = replace(ctx, agreements_summed=True)
        found.update(agreement_figures(agreement_kpis, ctx))
    for (source, prepare, _joins), kpis in together.items():
        rows = prepare(source.rows(cooperation, period, ctx.filters), ctx)
        aggregates = {
            f"k{i}_{alias}": expression
            for i, kpi in enumerate(kpis)
            for alias, expression in kpi.aggregates(ctx).items()
        }
        result = rows.aggregate(**aggregates)
        for i, kpi in enumerate(kpis):
            prefix = f"k{i}_"
            found[kpi.key] = kpi.build(
                {a.removeprefix(prefix): v for a, v in result.items() if a.startswith(prefix)}
            )
    return {key: found[key] for key in wanted}


@dataclass(frozen=True)
class Ask:
    """One KPI to compute over a period, narrowed by filters (a target's figure so far)."""

    key: str
    period: Period
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class Answer:
    total: Figure | None  # as `figure` gives it
    split: dict[Any, Figure] | None  # as `breakdown` gives it, from the rows


def figures_and_splits(
    cooperation: Cooperation,
    asks: Sequence[Ask],
    dimension: Dimension,
    *,
    now: dt.datetime | None = None,
) -> list[Answer]:
    """For each ask its `figure` and its `breakdown` by `dimension` (from the rows, not the
    summary), in a number of queries that does not grow with the asks: the asks over the
    same rows (source, preparation and joins) are aggregated in one query and split in
    another, each ask's period and filters the filter of its own aggregates; time to fill
    and the hires across municipalities count each ask in one histogram; the agreements'
    progress is worked out once. Asks narrowed by a target group (it joins the candidate's
    many marks) or split by one are computed one by one."""
    from . import summary  # it builds on this module's definitions

    now = now or timezone.now()
    answers: dict[int, Answer] = {}
    together: dict[tuple[Source, Callable[..., QuerySet[Any]], str], list[int]] = defaultdict(list)
    own_way: dict[str, list[int]] = defaultdict(list)  # time to fill, across municipalities
    agreement_asks: list[int] = []
    summed = set(summary.summable_asks(cooperation, asks, dimension))
    for i, ask in enumerate(asks):
        kpi = KPIS[ask.key]
        if i in summed:
            continue
        if not applies(kpi, ask.filters):
            answers[i] = Answer(None, None)
        elif ask.filters.target_group is not None or dimension is Dimension.TARGET_GROUP:
            answers[i] = Answer(
                figure(ask.key, cooperation, ask.period, ask.filters, now=now),
                breakdown(
                    ask.key, cooperation, ask.period, dimension, ask.filters, now=now, summed=False
                ),
            )
        elif isinstance(kpi, AgreementKpi):
            agreement_asks.append(i)
        elif type(kpi) is not Kpi:
            own_way[kpi.key].append(i)
        else:
            together[(kpi.source, kpi.prepare, kpi.joins)].append(i)
    found: dict[int, tuple[Figure, dict[Any, Figure]]] = {}
    if summed:
        found.update(summary.figures_and_splits(cooperation, asks, sorted(summed), dimension))
    if agreement_asks:
        found.update(_agreement_answers(cooperation, asks, agreement_asks, dimension, now))
    for indices in together.values():
        found.update(_aggregated_answers(cooperation, asks, indices, dimension, now))
    for key, indices in own_way.items():
        counted = (
            _time_to_fill_answers if isinstance(KPIS[key], TimeToFill) else _cross_municipal_answers
        )
        found.update(counted(cooperation, asks, indices, dimension))
    for i, (total, split) in found.items():
        splits = applies(KPIS[asks[i].key], asks[i].filters, dimension)
        answers[i] = Answer(total, split if splits else None)
    return [answers[i] for i in range(len(asks))]


def _union(source: Source, cooperation: Cooperation, periods: Iterable[Period]) -> QuerySet[Any]:
    """The cooperation's rows dated in any of the periods (from the first day to the last)."""
    periods = list(periods)
    span = Period(min(p.start for p in periods), max(p.end for p in periods))
    return source.model._default_manager.filter(
        source.dated(span), **{source.cooperation: cooperation}
    )


def _narrowed(expression: Any, where: Q) -> Any:
    """An aggregate counting only the rows `where` holds for (besides its own filter)."""
    narrowed = expression.copy()
    narrowed.filter = where if narrowed.filter is None else narrowed.filter & where
    return narrowed


def _aggregated_answers(
    cooperation: Cooperation,
    asks: Sequence[Ask],
    indices: list[int],
    dimension: Dimension,
    now: dt.datetime,
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    """Asks of KPIs over the same rows: their aggregates side by side in one query for the
    totals and one grouped by the dimension; a group is an ask's when it has rows of it."""
    first = KPIS[asks[indices[0]].key]
    source = first.source
    rows = _union(source, cooperation, (asks[i].period for i in indices))
    aggregates: dict[str, Any] = {}
    present: dict[str, Any] = {}
    for i in indices:
        ask = asks[i]
        where = source.where(ask.period, ask.filters)
        ctx = _context(cooperation, ask.period, ask.filters, now)
        for alias, expression in KPIS[ask.key].aggregates(ctx).items():
            aggregates[f"a{i}_{alias}"] = _narrowed(expression, where)
        present[f"p{i}"] = Count("pk", filter=where)
    ctx = _context(cooperation, asks[indices[0]].period, asks[indices[0]].filters, now)
    totals = first.prepare(rows, ctx).aggregate(**aggregates)
    keyed = first.prepare(rows.annotate(**{KEY: source.key(dimension)}), ctx)
    grouped = list(keyed.values(KEY).annotate(**aggregates, **present).order_by())

    def row_of(i: int, values: Mapping[str, Any]) -> Row:
        prefix = f"a{i}_"
        return {a.removeprefix(prefix): v for a, v in values.items() if a.startswith(prefix)}

    found: dict[int, tuple[Figure, dict[Any, Figure]]] = {}
    for i in indices:
        build = KPIS[asks[i].key].build
        split = {row[KEY]: build(row_of(i, row)) for row in grouped if row[f"p{i}"]}
        found[i] = (build(row_of(i, totals)), split)
    return found


def _time_to_fill_answers(
    cooperation: Cooperation, asks: Sequence[Ask], indices: list[int], dimension: Dimension
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    """Each ask's hires per number of days, side by side: in total and per group."""
    source = KPIS[asks[indices[0]].key].source
    rows = _union(source, cooperation, (asks[i].period for i in indices))
    counts = {
        f"a{i}": Count("pk", filter=source.where(asks[i].period, asks[i].filters)) for i in indices
    }
    totals = list(_with_days(rows).values("days").annotate(**counts).order_by())
    keyed = rows.annotate(**{KEY: source.key(dimension)})
    grouped = list(_with_days(keyed).values(KEY, "days").annotate(**counts).order_by())
    found: dict[int, tuple[Figure, dict[Any, Figure]]] = {}
    for i in indices:
        n = f"a{i}"
        days: dict[Any, list[tuple[Any, int]]] = defaultdict(list)
        for row in grouped:
            if row[n]:
                days[row[KEY]].append((row["days"], row[n]))
        total = _from_histogram((row["days"], row[n]) for row in totals if row[n])
        found[i] = (total, {key: _from_histogram(counted) for key, counted in days.items()})
    return found


def _cross_municipal_answers(
    cooperation: Cooperation, asks: Sequence[Ask], indices: list[int], dimension: Dimension
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    """Each ask's hires per (group, municipality, candidate's centre), side by side, in
    total and per group; the home centres read once."""
    source = KPIS[asks[indices[0]].key].source
    rows = _union(source, cooperation, (asks[i].period for i in indices))
    home_of = home_centre_of(cooperation)
    counts = {
        f"a{i}": Count("pk", filter=source.where(asks[i].period, asks[i].filters)) for i in indices
    }
    fields = (KEY, _MUNICIPALITY, _CANDIDATE_CENTRE)
    totals = list(rows.annotate(**{KEY: Value(0)}).values(*fields).annotate(**counts).order_by())
    keyed = rows.annotate(**{KEY: source.key(dimension)})
    grouped = list(keyed.values(*fields).annotate(**counts).order_by())
    found: dict[int, tuple[Figure, dict[Any, Figure]]] = {}
    for i in indices:
        n = f"a{i}"

        def of(found_rows: list[dict[str, Any]], n: str = n) -> dict[Any, Figure]:
            return cross_shares(
                (
                    (r[KEY], r[_MUNICIPALITY], r[_CANDIDATE_CENTRE], r[n])
                    for r in found_rows
                    if r[n]
                ),
                home_of,
            )

        found[i] = (of(totals).get(0, Share(0, 0)), of(grouped))
    return found


def _agreement_matches(agreement: RecruitmentAgreement, period: Period, filters: Filters) -> bool:
    """`AgreementKpi.running`'s choice of agreements, for one agreement already read."""
    if agreement.start_date > period.end or agreement.end_date < period.start:
        return False
    if filters.job_centre is not None and (
        agreement.job_centre_id != filters.job_centre or agreement.by_secretariat
    ):
        return False
    industry = agreement.company.industry_id
    if filters.industry is not None and industry != filters.industry:
        return False
    if filters.industries is not None and industry not in filters.industries:
        return False
    if filters.occupation is not None:
        named = _occupations(agreement)
        return not named or filters.occupation in named
    return True


def _agreement_answers(
    cooperation: Cooperation,
    asks: Sequence[Ask],
    indices: list[int],
    dimension: Dimension,
    now: dt.datetime,
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    """The agreements running in any ask's period, with their progress, read once; each ask
    takes those running in its own period and matching its filters."""
    kpi = KPIS[asks[indices[0]].key]
    assert isinstance(kpi, AgreementKpi)
    periods = [asks[i].period for i in indices]
    span = Period(min(p.start for p in periods), max(p.end for p in periods))
    progress = kpi.running(_context(cooperation, span, Filters(), now))
    found: dict[int, tuple[Figure, dict[Any, Figure]]] = {}
    for i in indices:
        ask = asks[i]
        build = KPIS[ask.key].build
        chosen = [p for p in progress if _agreement_matches(p.agreement, ask.period, ask.filters)]
        groups: dict[Any, list[AgreementProgress]] = defaultdict(list)
        for p in chosen:
            for key in agreement_groups(p.agreement, dimension):
                groups[key].append(p)
        found[i] = (
            build({"progress": chosen}),
            {key: build({"progress": group}) for key, group in groups.items()},
        )
    return found


@dataclass(frozen=True)
class Comparison:
    kpi: Kpi
    current: Figure | None
    previous: Figure | None
    period: Period
    previous_period: Period


def compare(
    cooperation: Cooperation,
    period: Period,
    filters: Filters | None = None,
    *,
    keys: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> list[Comparison]:
    """The KPIs (all by default) for the period and the one before, in KPIS' order."""
    before = period.previous()
    wanted = list(keys or KPIS)
    current = figures(cooperation, period, filters, keys=wanted, now=now)
    previous = figures(cooperation, before, filters, keys=wanted, now=now)
    return [Comparison(KPIS[key], current[key], previous[key], period, before) for key in wanted]


# --- a figure split, for the page -------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """One group of a breakdown with its label, for the period and the one before."""

    key: Any
    label: str
    current: Figure | None
    previous: Figure | None


def split(
    key: str,
    cooperation: Cooperation,
    period: Period,
    dimension: Dimension,
    filters: Filters | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[Split] | None:
    """The KPI per group (two grouped queries and one for the labels), by label, the groups
    without a key (the secretariat, no project, …) last; a group with no rows in one of the
    periods has nought or no figure there. None when it cannot split."""
    current = breakdown(key, cooperation, period, dimension, filters, now=now)
    if current is None:
        return None
    previous = breakdown(key, cooperation, period.previous(), dimension, filters, now=now) or {}
    keys = set(current) | set(previous)
    labels = group_labels(dimension, cooperation, keys)
    if dimension is Dimension.JOB_CENTRE and not KPIS[key].source.secretariat:
        # Surveys: None is a company no member job centre serves, not the secretariat.
        labels[None] = str(_("No home job centre"))
    rows = []
    for k in keys:
        now_figure, then_figure = current.get(k), previous.get(k)
        present = now_figure or then_figure
        assert present is not None  # a key comes from one of the two
        rows.append(
            Split(
                k,
                labels.get(k, str(k)),
                now_figure or _nothing_like(present),
                then_figure or _nothing_like(present),
            )
        )
    return sorted(rows, key=lambda row: (row.key is None, row.label.casefold()))


def _nothing_like(figure: Figure) -> Figure:
    """What a group without rows has: nought counted, no share, no average."""
    match figure:
        case CountFigure():
            return CountFigure(0)
        case Share():
            return Share(0, 0)
        case Average():
            return Average(None, 0)
    return durations([])


def industry_split_label(industry: Industry) -> str:
    """ "433410 Maleraktiviteter (DB25)"; a DB07 code "… (DB07, code from before 2025)"."""
    if industry.version == IndustryVersion.DB07:
        return str(_("%(industry)s (DB07, code from before 2025)") % {"industry": industry})
    return f"{industry} ({industry.version})"


def group_labels(dimension: Dimension, cooperation: Cooperation, keys: set[Any]) -> dict[Any, str]:
    """What each group of a breakdown is called, in the current language."""
    wanted = [k for k in keys if k is not None]
    labels: dict[Any, str]
    match dimension:
        case Dimension.JOB_CENTRE:
            centres = JobCentre.objects.filter(cooperation=cooperation, pk__in=wanted)
            labels = {c.pk: c.name for c in centres}
            labels[None] = str(_("The secretariat"))
        case Dimension.INDUSTRY:
            # By the company's code as it is: DB25, or the DB07 code a company registered
            # before 2025 keeps. The taxonomy holds no key from DB07 to DB25 (and the same
            # number does not always mean the same industry across the editions), so a DB07
            # code is not merged into a DB25 one; its line says its edition (docs/kpis.md).
            labels = {i.pk: industry_split_label(i) for i in Industry.objects.filter(pk__in=wanted)}
            labels[None] = str(_("No industry"))
        case Dimension.OCCUPATION:
            labels = {o.pk: o.label for o in Occupation.objects.filter(pk__in=wanted)}
            labels[None] = str(_("All occupations"))
        case Dimension.PROJECT:
            projects = Project.objects.filter(cooperation=cooperation, pk__in=wanted)
            labels = {p.pk: p.name for p in projects}
            labels[None] = str(_("No project"))
        case Dimension.TARGET_GROUP:
            # The taxonomy's name where it has the group, else ours (never the raw code).
            labels = {k: str(TARGET_GROUP_LABELS[k]) for k in wanted if k in TARGET_GROUP_LABELS}
            labels |= {g.code: g.label for g in TargetGroup.objects.filter(code__in=wanted)}
            labels[None] = str(_("No target group"))
    return labels
