"""The key figures for a period and a job centre, beside the previous period's, with their
charts; and the items behind a count (the drill-down)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.joborders.selectors import named_candidates
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Cooperation, JobCentre
from jobbro.organisations.selectors import cooperation_of
from jobbro.reports import EXPORT_PARAMETER, Format, export_links, report_response, requested_format

from . import charts, exports, targets
from .charts import chart_value
from .drilldown import DRILLABLE, ITEM_LABELS, Group, candidate_ids, items, listing, total
from .forms import DIMENSION_LABELS, PeriodForm
from .measures import Figure
from .periods import Period, PeriodKind
from .roles import KPI_READERS
from .selectors import (
    FAMILIES,
    KPIS,
    AgreementKpi,
    Kpi,
    Split,
    compare,
    group_labels,
    split,
)
from .sources import Dimension, Filters
from .templatetags.kpi_figures import figure_text

PERIOD_FIELDS = ("kind", "day", "start", "end", "job_centre")
# The dashboard's whole choice, which a drill-down carries as `back` to return to it.
DASHBOARD_FIELDS = (*PERIOD_FIELDS, "figure", "split")
BACK = "back"
NO_GROUP = "none"  # the group without a key: the secretariat, no project, …


def _cooperation(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _form(request: AuthedHttpRequest, cooperation: Cooperation) -> PeriodForm:
    data = request.GET.copy()
    data.pop(EXPORT_PARAMETER, None)  # the export link is the page's address plus this
    return PeriodForm(data or None, job_centres=cooperation.job_centres.order_by("name"))


def period_query(period: Period, filters: Filters, back: str = "") -> str:
    """The drill-down's query for a period (as its two days) and the job centre chosen, with
    the dashboard's own query to go back to."""
    params = {"kind": "custom", "start": period.start.isoformat(), "end": period.end.isoformat()}
    if filters.job_centre is not None:
        params["job_centre"] = str(filters.job_centre)
    if back:
        params[BACK] = back
    return urlencode(params)


def dashboard_query(data: Mapping[str, Any]) -> str:
    """The dashboard's choice in a query, its fields only (whatever else came along)."""
    return urlencode([(k, data[k]) for k in DASHBOARD_FIELDS if data.get(k)])


def back_address(query: QueryDict, period: Period, filters: Filters) -> str:
    """Where a drill-down's link back goes: the dashboard as it was left (its period, job
    centre and split, at the split when there was one); without it, the drill-down's
    period and job centre."""
    back = QueryDict(query.get(BACK, ""))
    chosen = dashboard_query(back)
    if not chosen:
        return f"{reverse('kpis:dashboard')}?{period_query(period, filters)}"
    return f"{reverse('kpis:dashboard')}?{chosen}{'#split' if back.get('split') else ''}"


@allowed(*KPI_READERS)
@require_GET
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    form = _form(request, cooperation)
    families = []
    period = None
    split_rows = None
    split_kpi = None
    split_label = None
    split_total = None
    split_overlaps = False
    dimension: str = ""
    filters = Filters()
    centre = None
    today = timezone.localdate()
    if not form.is_bound or form.is_valid():
        period = form.period(today)
        centre = form.cleaned_data.get("job_centre") if form.is_bound else None
        filters = Filters(job_centre=centre.pk if centre else None)
        found = {c.kpi.key: c for c in compare(cooperation, period, filters)}
        for label, kpis in FAMILIES:
            comparisons = [found[kpi.key] for kpi in kpis]
            units = charts.units(f for c in comparisons for f in (c.current, c.previous))
            families.append((label, comparisons, units))
        dimension = (form.cleaned_data.get("split") or "") if form.is_bound else ""
        if dimension:
            split_kpi = KPIS[form.cleaned_data.get("figure") or "hires"]
            split_label = DIMENSION_LABELS[Dimension(dimension)]
            split_rows = split(split_kpi.key, cooperation, period, Dimension(dimension), filters)
            split_total = found[split_kpi.key]
            split_overlaps = overlapping(split_kpi, Dimension(dimension))
    fmt = requested_format(request)
    if fmt and period is not None:
        shown = None
        if split_kpi and split_label and split_rows is not None:
            title = _("%(figure)s by %(by)s") % {
                "figure": split_kpi.label,
                "by": str(split_label).lower(),
            }
            rows = list(split_rows)
            if split_total is not None:  # the total, as on the page
                total_label = _("Total") + ("*" if split_overlaps else "")
                rows.append(Split(None, total_label, split_total.current, split_total.previous))
            shown = (title, str(split_label), rows)
        report = exports.dashboard_report(
            cooperation, period, centre, [(f[0], f[1]) for f in families], shown
        )
        name = pgettext("file name", "key-figures")
        return report_response(report, fmt, f"{name}-{period.start}-{period.end}")
    # The targets running on the period's last day, or today while it runs (progress so far).
    targets_on = (
        max(period.start, min(period.end, timezone.localdate())) if period is not None else None
    )
    # Unbound, the dashboard shows the quarter holding today: its drill-downs return to that
    # quarter (not to their custom period, nor to another quarter once this one is over).
    back = dashboard_query(
        form.data if form.is_bound else {"kind": PeriodKind.QUARTER.value, "day": today.isoformat()}
    )
    context = {
        "form": form,
        "cooperation": cooperation,
        "families": families,
        "period": period,
        "previous": period.previous() if period else None,
        "query": period_query(period, filters, back) if period else "",
        "previous_query": period_query(period.previous(), filters, back) if period else "",
        "drillable": DRILLABLE,
        "split_kpi": split_kpi,
        "split_rows": split_rows,
        "split_lines": split_lines(
            split_rows,
            split_kpi.key,
            dimension,
            period_query(period, filters, back),
            period_query(period.previous(), filters, back),
        )
        if split_rows and split_kpi and period
        else [],
        "split_label": split_label,
        "split_dimension": dimension,
        "split_total": split_total,
        "split_overlaps": split_overlaps,
        # The secretariat's own line (what it runs itself): no job centre, so no target part.
        "split_secretariat": bool(
            dimension == Dimension.JOB_CENTRE
            and split_kpi is not None
            and split_kpi.source.secretariat
            and any(row.key is None for row in split_rows or [])
        ),
        "split_unit": charts.units(
            f for row in split_rows or [] for f in (row.current, row.previous)
        ),
        "no_group": NO_GROUP,
        "exports": export_links(request),
        "targets_on": targets_on,
        "target_progress": targets.targets_progress(
            cooperation, running_on=targets_on, today=targets_on
        )
        if targets_on
        else [],
        "may_set": targets.may_set_targets(request.user, cooperation),
    }
    return render(request, "kpis/dashboard.html", context)


@dataclass(frozen=True)
class SplitCell:
    text: str
    value: str  # for the chart script
    href: str  # the drill-down, or "" where the figure has none


@dataclass(frozen=True)
class SplitLine:
    group: str
    label: str
    current: SplitCell
    previous: SplitCell


def split_lines(
    rows: list[Split], key: str, dimension: str, query: str, previous_query: str
) -> list[SplitLine]:
    """The split's rows as the table shows them, written here rather than by the template:
    a split by industry has hundreds of rows, and a tag and filters per cell were most of
    the page's time."""
    items = reverse("kpis:items", args=[key]) if key in DRILLABLE else ""

    def cell(figure: Figure | None, query: str, group: str) -> SplitCell:
        href = f"{items}?{query}&by={dimension}&group={quote(group)}" if items else ""
        return SplitCell(figure_text(figure), chart_value(figure), href)

    lines = []
    for row in rows:
        group = NO_GROUP if row.key is None else str(row.key)
        lines.append(
            SplitLine(
                group,
                row.label,
                cell(row.current, query, group),
                cell(row.previous, previous_query, group),
            )
        )
    return lines


def overlapping(kpi: Kpi, dimension: Dimension) -> bool:
    """Whether an item may be in several groups of the split, so that the groups add up to
    more than the figure: a candidate in several target groups, an agreement for several
    occupations."""
    if dimension is Dimension.TARGET_GROUP:
        return True
    return isinstance(kpi, AgreementKpi) and dimension is Dimension.OCCUPATION


def _group(query: QueryDict) -> Group | None:
    """The split's group from the query (`by` and `group`); 404 for one that cannot be."""
    by, key = query.get("by"), query.get("group")
    if not by:
        return None
    if by not in Dimension.__members__.values() or key is None:
        raise Http404
    dimension = Dimension(by)
    if key == NO_GROUP:
        return Group(dimension, None)
    if dimension is Dimension.TARGET_GROUP:
        # Any code: the split groups by the candidates' marks as the taxonomy has them, and
        # a code it has not is not found by its label (`_group_label`).
        return Group(dimension, key)
    if not key.isdigit():
        raise Http404
    return Group(dimension, int(key))


@allowed(*KPI_READERS)
@require_GET
def drilldown(request: AuthedHttpRequest, key: str) -> HttpResponse:
    """The items a count figure counts, for the same period, job centre and group; each
    linked to its page, candidates named only where the user may read them (and logged)."""
    if key not in DRILLABLE:
        raise Http404
    cooperation = _cooperation(request)
    # The period and job centre only: the split's group is read apart (`_group`).
    chosen = {
        k: request.GET[k] for k in ("kind", "day", "start", "end", "job_centre") if k in request.GET
    }
    form = PeriodForm(chosen or None, job_centres=cooperation.job_centres.order_by("name"))
    group = _group(request.GET)
    # Read before the items: a group the cooperation has not (another's job centre, a
    # project that is gone) is not found, rather than shown with no items.
    group_label = _group_label(group, cooperation)
    context: dict[str, Any] = {"form": form, "kpi": KPIS[key], "cooperation": cooperation}
    if form.is_bound and not form.is_valid():
        return render(request, "kpis/drilldown.html", context, status=400)
    period = form.period()
    centre = form.cleaned_data.get("job_centre") if form.is_bound else None
    filters = Filters(job_centre=centre.pk if centre else None)
    found = items(key, cooperation, period, filters, group)
    if found is None:
        raise Http404
    fmt = requested_format(request)
    if fmt:
        return _items_export(
            request, key, fmt, cooperation, period, centre, group, group_label, found
        )
    named = named_candidates(request.user, candidate_ids(found))
    # The names are read before the page is drawn: logged first, or not shown.
    log_access(user=request.user, candidates=sorted(named), purpose=Purpose.LIST, request=request)
    context |= {
        "period": period,
        "centre": centre,
        "group_label": group_label,
        "group_dimension": DIMENSION_LABELS[group.dimension] if group else None,
        "items_label": ITEM_LABELS[DRILLABLE[key]],
        "count": len(found),
        "total": total(key, found),
        "listing": listing(key, found, named),
        "back": back_address(request.GET, period, filters),
        "exports": export_links(request),
    }
    return render(request, "kpis/drilldown.html", context)


def _group_label(group: Group | None, cooperation: Cooperation) -> str | None:
    if group is None:
        return None
    labels = group_labels(group.dimension, cooperation, {group.key})
    if group.key not in labels:
        raise Http404
    return labels[group.key]


def _items_export(
    request: AuthedHttpRequest,
    key: str,
    fmt: Format,
    cooperation: Cooperation,
    period: Period,
    centre: JobCentre | None,
    group: Group | None,
    group_label: str | None,
    found: list[Any],
) -> HttpResponse:
    """The items as a report that leaves the cooperation: no candidate named (so no read of
    personal data to log), the number "<5" when small, and the items themselves only when
    5 or more and not by target group."""
    # The caption gives the figure by its own name: a job order's positions are summed
    # ("Positions received: 21"), not counted as job orders.
    figure_label = str(KPIS[key].label)
    subtitle = exports.subtitle(cooperation, period, centre)
    if group is not None:
        subtitle += f", {DIMENSION_LABELS[group.dimension]}: {group_label}"
    report = exports.items_report(
        str(KPIS[key].label),
        subtitle,
        figure_label,
        total(key, found),
        listing(key, found, set()),
        by_target_group=group is not None and group.dimension is Dimension.TARGET_GROUP,
    )
    return report_response(report, fmt, f"{key}-{period.start}-{period.end}")
