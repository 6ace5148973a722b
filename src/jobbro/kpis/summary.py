"""The dashboard's summary: the KPIs' additive parts per day, job centre and slice
(`models.DailyFigures`, `models.DailyTimeToFill`), so that a period's figures are sums over
a few thousand rows instead of aggregates over every job order, referral, hire and contact.

Exact by construction: each column is a KPI's own aggregate (`selectors.KPIS`), grouped by
day instead of summed over the period, and a figure read from the summary is the KPI's own
`build` of the summed columns; tests/kpis/test_summary.py checks both ways give the same
figures. What it does not hold is computed from the raw rows as before (`covers`,
docs/kpis.md): companies contacted (distinct), the agreements, the shared line and the
surveys; two dimensions other than the job centre at once; a cooperation whose summary has
never been built; a period touching days a committed change has made stale and the worker
has not yet rebuilt (`StaleDays`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from jobbro.companies.models import RecruitmentAgreement
from jobbro.organisations.models import Cooperation

from .measures import Figure
from .models import AgreementFigures, DailyFigures, DailyTimeToFill, StaleDays, SummaryState
from .periods import Period
from .selectors import (
    _CANDIDATE_CENTRE,
    _MUNICIPALITY,
    KPIS,
    Ask,
    Context,
    CrossMunicipal,
    Kpi,
    TimeToFill,
    _from_histogram,
    _progress,
    _with_days,
    applies,
    home_centre_of,
)
from .sources import (
    INTERACTIONS,
    JOB_ORDERS,
    PLACEMENTS,
    REFERRALS,
    YOUTH,
    Dimension,
    Filters,
    Source,
)

SOURCES = (JOB_ORDERS, REFERRALS, PLACEMENTS, INTERACTIONS)
# The slices: every row once (""), and by each dimension but the job centre, which every
# row carries.
SLICES: tuple[Dimension | None, ...] = (
    None,
    Dimension.INDUSTRY,
    Dimension.OCCUPATION,
    Dimension.PROJECT,
    Dimension.TARGET_GROUP,
)
_PROBE = Context(Cooperation(), Period(dt.date.min, dt.date.min), Filters(), dt.datetime.min)


def _summable(kpi: Kpi) -> bool:
    if kpi.source not in SOURCES or isinstance(kpi, TimeToFill):
        return False
    if isinstance(kpi, CrossMunicipal):
        return True
    return type(kpi) is Kpi and all(
        isinstance(aggregate, Count | Sum) and not getattr(aggregate, "distinct", False)
        for aggregate in kpi.aggregates(_PROBE).values()
    )


def _aliases(kpi: Kpi) -> list[str]:
    return ["num", "den"] if isinstance(kpi, CrossMunicipal) else list(kpi.aggregates(_PROBE))


# KPI key → its columns in DailyFigures, `<key>_<alias>`.
COLUMNS: dict[str, list[str]] = {
    kpi.key: [f"{kpi.key}_{alias}" for alias in _aliases(kpi)]
    for kpi in KPIS.values()
    if _summable(kpi)
}
TIME_TO_FILL = "time_to_fill"
SUMMED = {*COLUMNS, TIME_TO_FILL}

# A group of a split exists when the KPI's rows have one in it (as the grouped query
# finds): the column counting those rows.
_PRESENCE = {
    JOB_ORDERS: "job_orders_n",
    REFERRALS: "referrals_n",
    PLACEMENTS: "hires_n",
    INTERACTIONS: "contacts_n",
}
_PRESENCE_OF = {"became_jobs": "became_jobs_den"}  # its preparation keeps some hires only


def presence(key: str) -> str:
    return _PRESENCE_OF.get(key) or _PRESENCE[KPIS[key].source]


# --- reading ----------------------------------------------------------------------------


def _slice_of(filters: Filters, dimension: Dimension | None) -> Dimension | bool | None:
    """The slice holding the rows the filters and the split need (None: the slice of every
    row); False when none does."""
    used = (filters.used() | ({dimension} if dimension else set())) - {Dimension.JOB_CENTRE}
    if len(used) > 1:
        return False
    if dimension is Dimension.TARGET_GROUP and filters.target_group is not None:
        return False  # the marks of the young, say: a row is in several groups
    return next(iter(used), None)


def covers(
    cooperation: Cooperation, period: Period, filters: Filters, dimension: Dimension | None = None
) -> bool:
    """Whether the summary holds this period's figures under the filters (and split): built,
    not stale on any day of the period, and at most one dimension besides the job centre."""
    if _slice_of(filters, dimension) is False:
        return False
    stale = StaleDays.objects.filter(cooperation=cooperation).filter(
        Q(first__isnull=True) | Q(first__lte=period.end, last__gte=period.start)
    )
    return (
        SummaryState.objects.filter(cooperation=cooperation)
        .annotate(stale=Exists(stale))
        .filter(stale=False)
        .exists()
    )


def _where(chosen: Filters, period: Period, slice_: Dimension | None) -> Q:
    """A slice's rows of the period under the filters."""
    where = Q(day__gte=period.start, day__lte=period.end)
    if chosen.job_centre is not None:
        where &= Q(centre=chosen.job_centre)
    if chosen.target_group is not None:
        where &= Q(group=chosen.target_group)
    elif slice_ and slice_ is not Dimension.TARGET_GROUP and getattr(chosen, slice_.value):
        where &= Q(value=getattr(chosen, slice_.value))
    if slice_ is Dimension.INDUSTRY and chosen.industries is not None:
        where &= Q(value__in=chosen.industries)  # a group: a section's industries
    return where


def _rows(
    model: type[DailyFigures] | type[DailyTimeToFill],
    ctx: Context,
    dimension: Dimension | None = None,
) -> QuerySet[Any]:
    slice_ = _slice_of(ctx.filters, dimension)
    assert not isinstance(slice_, bool)
    return model.objects.filter(
        _where(ctx.filters, ctx.period, slice_),
        cooperation=ctx.cooperation,
        dimension=(slice_ or ""),
    )


def _built(kpi: Kpi, row: dict[str, Any]) -> Figure:
    prefix = f"{kpi.key}_"
    return kpi.build({c.removeprefix(prefix): row[c] for c in COLUMNS[kpi.key]})


def figures(ctx: Context, keys: Iterable[str]) -> dict[str, Figure]:
    """The summed KPIs among `keys` (those in SUMMED) for the context, from the summary: one
    query for the counts, one for time to fill. The caller checks `covers` first."""
    wanted = [k for k in keys if k in SUMMED]
    found: dict[str, Figure] = {}
    counted = [k for k in wanted if k in COLUMNS]
    if counted:
        sums = _rows(DailyFigures, ctx).aggregate(
            **{c: Sum(c) for k in counted for c in COLUMNS[k]}
        )
        for key in counted:
            found[key] = _built(KPIS[key], sums)
    if TIME_TO_FILL in wanted:
        days = _rows(DailyTimeToFill, ctx).values("days").annotate(count=Sum("n")).order_by()
        found[TIME_TO_FILL] = _from_histogram((row["days"], row["count"]) for row in days)
    return found


_SPLIT_BY = {Dimension.JOB_CENTRE: "centre", Dimension.TARGET_GROUP: "group"}


def breakdown(key: str, ctx: Context, dimension: Dimension) -> dict[Any, Figure]:
    """One summed KPI split by a dimension, from the summary (as `selectors.breakdown`)."""
    by = _SPLIT_BY.get(dimension, "value")
    if key == TIME_TO_FILL:
        histograms: dict[Any, list[tuple[int, int]]] = defaultdict(list)
        days = _rows(DailyTimeToFill, ctx, dimension).values(by, "days").annotate(n_=Sum("n"))
        for row in days.order_by():
            histograms[row[by]].append((row["days"], row["n_"]))
        return {k: _from_histogram(found) for k, found in histograms.items()}
    kpi = KPIS[key]
    columns = {c: Sum(c) for c in {*COLUMNS[key], presence(key)}}
    # Rows without the KPI's rows add nothing to it (their columns are nought).
    rows = _rows(DailyFigures, ctx, dimension).filter(**{f"{presence(key)}__gt": 0})
    grouped = rows.values(by).annotate(**columns).order_by()
    found = {row[by]: _built(kpi, row) for row in grouped if row[presence(key)]}
    if dimension is Dimension.TARGET_GROUP and type(kpi) is Kpi:
        # As the raw split: its youth group is one aggregate over the young rows, there
        # even when they are none.
        found.setdefault(YOUTH, _built(kpi, dict.fromkeys(COLUMNS[key], 0)))
    return found


def summable_asks(cooperation: Cooperation, asks: Sequence[Ask], dimension: Dimension) -> list[int]:
    """The asks (by index) `figures_and_splits` can answer from the summary: a summed KPI,
    split by the job centre or one dimension, no target group, and the summary built and
    fresh over all their periods (one query)."""
    if dimension is Dimension.TARGET_GROUP:
        return []
    wanted = [
        i
        for i, ask in enumerate(asks)
        if ask.key in SUMMED
        and applies(KPIS[ask.key], ask.filters)
        and ask.filters.target_group is None
        and _slice_of(ask.filters, dimension) is not False
    ]
    if not wanted:
        return []
    span = Period(
        min(asks[i].period.start for i in wanted), max(asks[i].period.end for i in wanted)
    )
    return wanted if covers(cooperation, span, Filters()) else []


def figures_and_splits(
    cooperation: Cooperation, asks: Sequence[Ask], indices: list[int], dimension: Dimension
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    """`summable_asks`' figures and splits, as `figures` and `breakdown` give them one by
    one, in queries that grow with the asks a hundredth as fast: per slice and hundred asks
    one query for the totals and one for the split, each ask's period and filters the
    filter of its own sums (and the same two for time to fill)."""
    by = _SPLIT_BY.get(dimension, "value")
    slices: dict[Dimension | None, list[int]] = defaultdict(list)
    for i in indices:
        slice_ = _slice_of(asks[i].filters, dimension)
        assert not isinstance(slice_, bool)
        slices[slice_].append(i)
    found: dict[int, tuple[Figure, dict[Any, Figure]]] = {}
    for slice_, chosen in slices.items():
        where = {i: _where(asks[i].filters, asks[i].period, slice_) for i in chosen}
        span = dict(
            cooperation=cooperation,
            dimension=(slice_ or ""),
            day__gte=min(asks[i].period.start for i in chosen),
            day__lte=max(asks[i].period.end for i in chosen),
        )
        counted = [i for i in chosen if asks[i].key in COLUMNS]
        for part in _batched(counted):
            found.update(_counted_answers(asks, part, where, span, by))
        timed = [i for i in chosen if asks[i].key == TIME_TO_FILL]
        for part in _batched(timed):
            found.update(_time_to_fill_answers(part, where, span, by))
    return found


ASKS_PER_QUERY = 100  # a few columns each: well within SQLite's 2,000 and PostgreSQL's 1,664


def _batched(indices: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(indices), ASKS_PER_QUERY):
        yield indices[start : start + ASKS_PER_QUERY]


def _counted_answers(
    asks: Sequence[Ask],
    counted: list[int],
    where: dict[int, Q],
    span: dict[str, Any],
    by: str,
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    def columns(i: int) -> set[str]:
        return {*COLUMNS[asks[i].key], presence(asks[i].key)}

    sums = {f"a{i}_{c}": Sum(c, filter=where[i]) for i in counted for c in columns(i)}
    rows = DailyFigures.objects.filter(**span)
    totals = rows.aggregate(**sums)
    grouped = list(rows.values(by).annotate(**sums).order_by())
    found = {}
    for i in counted:
        kpi = KPIS[asks[i].key]
        prefix = f"a{i}_"

        def own(row: dict[str, Any], prefix: str = prefix) -> dict[str, Any]:
            return {c.removeprefix(prefix): v for c, v in row.items() if c.startswith(prefix)}

        split = {
            row[by]: _built(kpi, own(row))
            for row in grouped
            if row[f"{prefix}{presence(asks[i].key)}"]
        }
        found[i] = (_built(kpi, own(totals)), split)
    return found


def _time_to_fill_answers(
    timed: list[int], where: dict[int, Q], span: dict[str, Any], by: str
) -> dict[int, tuple[Figure, dict[Any, Figure]]]:
    sums = {f"a{i}": Sum("n", filter=where[i]) for i in timed}
    rows = DailyTimeToFill.objects.filter(**span)
    totals: list[dict[str, Any]] = [dict(r) for r in rows.values("days").annotate(**sums)]
    grouped: list[dict[str, Any]] = list(rows.values(by, "days").annotate(**sums).order_by())
    found = {}
    for i in timed:
        n = f"a{i}"
        histograms: dict[Any, list[tuple[int, int]]] = defaultdict(list)
        for row in grouped:
            if row[n]:
                histograms[row[by]].append((row["days"], row[n]))
        total = _from_histogram((row["days"], row[n]) for row in totals if row[n])
        found[i] = (total, {k: _from_histogram(h) for k, h in histograms.items()})
    return found


def agreements_up_to_date(cooperation: Cooperation) -> bool:
    """Whether the agreements' progress kept with the summary is up to date: built, and no
    change waiting for the worker (any job order or hire may count for an agreement)."""
    stale = StaleDays.objects.filter(cooperation=cooperation)
    return (
        SummaryState.objects.filter(cooperation=cooperation)
        .annotate(stale=Exists(stale))
        .filter(stale=False)
        .exists()
    )


def refreshed_at(cooperation: Cooperation) -> dt.datetime | None:
    state = SummaryState.objects.filter(cooperation=cooperation).first()
    return state.refreshed_at if state else None


# --- building ---------------------------------------------------------------------------

Key = tuple[dt.date, int | None, str, int | None, str | None]


def _day(source: Source) -> Any:
    """The local day that puts a row in a period (as `Period.bounds` does)."""
    return TruncDate(source.date) if source.date_is_datetime else F(source.date)


def _grouped(
    rows: QuerySet[Any],
    source: Source,
    dimension: Dimension | None,
    fields: list[str],
    aggregates: dict[str, Any],
) -> Iterator[tuple[Key, dict[str, Any]]]:
    """The aggregates per (day, centre, slice value) of the rows, keyed as DailyFigures."""
    keys = {"_day": _day(source), "_centre": source.key(Dimension.JOB_CENTRE)}
    slice_ = dimension.value if dimension else ""
    if dimension is None:
        variants: list[tuple[QuerySet[Any], str]] = [(rows, "")]
    elif dimension is Dimension.TARGET_GROUP:
        # The marks (the mark "youth" is not used), then youth by age on the day.
        variants = [(rows, "group"), (rows.filter(source.youth()), YOUTH)]
    else:
        variants = [(rows, "value")]
    for variant, how in variants:
        named = keys if dimension is None or how == YOUTH else {**keys, "_v": source.key(dimension)}
        found = variant.values(*fields, **named).annotate(**aggregates).order_by()
        for row in found:
            if how == "group" and row["_v"] == YOUTH:
                continue
            value = row["_v"] if how == "value" else None
            group = row["_v"] if how == "group" else (YOUTH if how == YOUTH else None)
            yield (row["_day"], row["_centre"], slice_, value, group), row


def _kpi_groups(source: Source) -> dict[tuple[Any, str], list[Kpi]]:
    together: dict[tuple[Any, str], list[Kpi]] = defaultdict(list)
    for key in COLUMNS:
        kpi = KPIS[key]
        if kpi.source is source and not isinstance(kpi, CrossMunicipal):
            together[(kpi.prepare, kpi.joins)].append(kpi)
    return together


def _count_rows(
    cooperation: Cooperation, first: dt.date, last: dt.date
) -> tuple[dict[Key, dict[str, int]], dict[Key, Counter[int]]]:
    ctx = Context(cooperation, _PROBE.period, Filters(), timezone.now())
    counts: dict[Key, dict[str, int]] = defaultdict(dict)
    histograms: dict[Key, Counter[int]] = defaultdict(Counter)
    home_of = home_centre_of(cooperation)
    for source in SOURCES:
        rows = source.rows(cooperation, Period(first, last), Filters())
        for dimension in SLICES:
            if dimension and not source.supports(dimension):
                continue
            for (prepare, _joins), kpis in _kpi_groups(source).items():
                aggregates = {
                    f"{kpi.key}_{alias}": expression
                    for kpi in kpis
                    for alias, expression in kpi.aggregates(ctx).items()
                }
                for key, row in _grouped(prepare(rows, ctx), source, dimension, [], aggregates):
                    for column in aggregates:
                        counts[key][column] = row[column] or 0
            if source is not PLACEMENTS:
                continue
            crossing = _grouped(
                rows, source, dimension, [_MUNICIPALITY, _CANDIDATE_CENTRE], {"n_": Count("pk")}
            )
            for key, row in crossing:
                home = home_of.get(row[_MUNICIPALITY])
                numbers = counts[key]
                if home is not None:
                    numbers["cross_municipal_den"] = (
                        numbers.get("cross_municipal_den", 0) + row["n_"]
                    )
                    if row[_CANDIDATE_CENTRE] != home:
                        across = numbers.get("cross_municipal_num", 0) + row["n_"]
                        numbers["cross_municipal_num"] = across
            for key, row in _grouped(
                _with_days(rows), source, dimension, ["days"], {"n_": Count("pk")}
            ):
                days = row["days"]
                whole = days.days if isinstance(days, dt.timedelta) else int(days)
                histograms[key][whole] += row["n_"]
    return counts, histograms


def rebuild(
    cooperation: Cooperation, first: dt.date | None = None, last: dt.date | None = None
) -> int:
    """Rebuild the cooperation's summary for the days from `first` to `last` (all days when
    None) in one transaction: the rows of those days deleted, counted afresh from the
    source rows, inserted. Returns the number of DailyFigures rows written."""
    with transaction.atomic():
        return _rebuild(cooperation, first, last)


CHUNK_DAYS = 31  # a full rebuild counts a month at a time: the memory a month's rows need


def _rebuild(cooperation: Cooperation, first: dt.date | None, last: dt.date | None) -> int:
    # One rebuild at a time per cooperation: two would each delete, then both insert.
    list(SummaryState.objects.select_for_update().filter(cooperation=cooperation))
    now = timezone.now()
    _write_agreements(cooperation)
    if first is not None and last is not None:
        written = _write(cooperation, first, last)
        SummaryState.objects.filter(cooperation=cooperation).update(refreshed_at=now)
        return written
    for model in (DailyFigures, DailyTimeToFill):
        model.objects.filter(cooperation=cooperation).delete()
    written = 0
    span = _span(cooperation)
    if span is not None:
        start, end = span
        while start <= end:
            last_day = min(end, start + dt.timedelta(days=CHUNK_DAYS - 1))
            written += _write(cooperation, start, last_day, deleted=True)
            start = last_day + dt.timedelta(days=1)
    SummaryState.objects.update_or_create(
        cooperation=cooperation, defaults={"built_at": now, "refreshed_at": now}
    )
    return written


def _write_agreements(cooperation: Cooperation) -> None:
    """Every agreement's progress afresh (one query for all: `selectors._progress`)."""
    AgreementFigures.objects.filter(cooperation=cooperation).delete()
    agreements = RecruitmentAgreement.objects.filter(company__cooperation=cooperation)
    AgreementFigures.objects.bulk_create(
        AgreementFigures(
            agreement=p.agreement,
            cooperation=cooperation,
            job_orders=p.job_orders,
            positions=p.positions,
            hires=p.hires,
        )
        for p in _progress(agreements)
    )


def _span(cooperation: Cooperation) -> tuple[dt.date, dt.date] | None:
    """The first and the last day any of the cooperation's rows is dated."""
    days: list[dt.date] = []
    for source in SOURCES:
        rows = source.model._default_manager.filter(**{source.cooperation: cooperation})
        found = rows.aggregate(first=Min(_day(source)), last=Max(_day(source)))
        days.extend(day for day in found.values() if day is not None)
    return (min(days), max(days)) if days else None


def _write(
    cooperation: Cooperation, first: dt.date, last: dt.date, *, deleted: bool = False
) -> int:
    """Count the days' rows afresh and put them in place of their summary rows."""
    counts, histograms = _count_rows(cooperation, first, last)
    if not deleted:
        for model in (DailyFigures, DailyTimeToFill):
            model.objects.filter(cooperation=cooperation, day__gte=first, day__lte=last).delete()
    DailyFigures.objects.bulk_create(
        (
            DailyFigures(
                cooperation=cooperation,
                day=day,
                centre=centre,
                dimension=slice_,
                value=value,
                group=group,
                **numbers,
            )
            for (day, centre, slice_, value, group), numbers in counts.items()
        ),
        batch_size=2000,
    )
    DailyTimeToFill.objects.bulk_create(
        (
            DailyTimeToFill(
                cooperation=cooperation,
                day=day,
                centre=centre,
                dimension=slice_,
                value=value,
                group=group,
                days=days,
                n=n,
            )
            for (day, centre, slice_, value, group), histogram in histograms.items()
            for days, n in histogram.items()
        ),
        batch_size=2000,
    )
    return len(counts)


def rebuild_all(cooperation: Cooperation) -> int:
    """A full rebuild; the stale marks made before it began are then answered."""
    answered = list(StaleDays.objects.filter(cooperation=cooperation).values_list("pk", flat=True))
    rows = rebuild(cooperation)
    StaleDays.objects.filter(pk__in=answered).delete()
    _analyse()
    return rows


def _analyse() -> None:
    """Fresh statistics for the tables a full rebuild rewrote: until autovacuum comes by,
    the planner would take a year's 240,000 industry rows for one and sort them on disk
    (a split by industry 198 → 82 ms at national scale once analysed)."""
    if connection.vendor != "postgresql":
        return
    tables = [m._meta.db_table for m in (DailyFigures, DailyTimeToFill, AgreementFigures)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def refresh_stale(cooperation_id: int) -> None:
    """Rebuild the days marked stale (all of them when one mark says so), then drop the
    marks answered; marks made meanwhile stay for the next run."""
    cooperation = Cooperation.objects.filter(pk=cooperation_id).first()
    if cooperation is None:
        return
    marks = StaleDays.objects.filter(cooperation=cooperation).values_list("pk", "first", "last")
    found = list(marks)
    if not found:
        return
    days: list[dt.date] = []
    for _pk, first, last in found:
        if first is None or last is None:
            rebuild(cooperation)
            break
        days.extend(_days(first, last))
    else:
        for start, end in _runs(days):
            rebuild(cooperation, start, end)
    StaleDays.objects.filter(pk__in=[pk for pk, _first, _last in found]).delete()


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for n in range((last - first).days + 1):
        yield first + dt.timedelta(days=n)


def _runs(days: Iterable[dt.date], gap: int = 7) -> list[tuple[dt.date, dt.date]]:
    """The days as few ranges: days at most `gap` apart share one (a rebuild costs about
    the same for a day as for a week)."""
    runs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if runs and (day - runs[-1][1]).days <= gap:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
