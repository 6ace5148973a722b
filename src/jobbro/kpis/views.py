"""The key figures for a period and a job centre, beside the previous period's, with their
charts; and the items behind a count (the drill-down)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
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
from .drilldown import DRILLABLE, ITEM_LABELS, Group, candidate_ids, items, listing, total
from .forms import DIMENSION_LABELS, PeriodForm
from .periods import Period
from .roles import KPI_READERS
from .selectors import FAMILIES, KPIS, compare, group_labels, split
from .sources import TARGET_GROUP_CODES, Dimension, Filters

PERIOD_FIELDS = ("kind", "day", "start", "end", "job_centre")
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


def period_query(period: Period, filters: Filters) -> str:
    """The drill-down's query for a period (as its two days) and the job centre chosen."""
    params = {"kind": "custom", "start": period.start.isoformat(), "end": period.end.isoformat()}
    if filters.job_centre is not None:
        params["job_centre"] = str(filters.job_centre)
    return urlencode(params)


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
    dimension: str = ""
    filters = Filters()
    centre = None
    if not form.is_bound or form.is_valid():
        period = form.period()
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
    fmt = requested_format(request)
    if fmt and period is not None:
        shown = None
        if split_kpi and split_label and split_rows is not None:
            title = _("%(figure)s by %(by)s") % {
                "figure": split_kpi.label,
                "by": str(split_label).lower(),
            }
            shown = (title, str(split_label), split_rows)
        report = exports.dashboard_report(
            cooperation, period, centre, [(f[0], f[1]) for f in families], shown
        )
        name = pgettext("file name", "key-figures")
        return report_response(report, fmt, f"{name}-{period.start}-{period.end}")
    # The targets running on the period's last day, or today while it runs (progress so far).
    targets_on = (
        max(period.start, min(period.end, timezone.localdate())) if period is not None else None
    )
    context = {
        "form": form,
        "cooperation": cooperation,
        "families": families,
        "period": period,
        "previous": period.previous() if period else None,
        "query": period_query(period, filters) if period else "",
        "previous_query": period_query(period.previous(), filters) if period else "",
        "drillable": DRILLABLE,
        "split_kpi": split_kpi,
        "split_rows": split_rows,
        "split_label": split_label,
        "split_dimension": dimension,
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
        if key not in TARGET_GROUP_CODES:
            raise Http404
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
        return _items_export(request, key, fmt, cooperation, period, centre, group, found)
    named = named_candidates(request.user, candidate_ids(found))
    # The names are read before the page is drawn: logged first, or not shown.
    log_access(user=request.user, candidates=sorted(named), purpose=Purpose.LIST, request=request)
    context |= {
        "period": period,
        "centre": centre,
        "group_label": _group_label(group, cooperation),
        "group_dimension": DIMENSION_LABELS[group.dimension] if group else None,
        "items_label": ITEM_LABELS[DRILLABLE[key]],
        "count": len(found),
        "total": total(key, found),
        "listing": listing(key, found, named),
        "back": period_query(period, filters),
        "exports": export_links(request),
    }
    return render(request, "kpis/drilldown.html", context)


def _group_label(group: Group | None, cooperation: Cooperation) -> str | None:
    if group is None:
        return None
    labels = group_labels(group.dimension, cooperation, {group.key})
    return labels.get(group.key, str(group.key))


def _items_export(
    request: AuthedHttpRequest,
    key: str,
    fmt: Format,
    cooperation: Cooperation,
    period: Period,
    centre: JobCentre | None,
    group: Group | None,
    found: list[Any],
) -> HttpResponse:
    """The items as a report that leaves the cooperation: no candidate named (so no read of
    personal data to log), the number "<5" when small."""
    items_label = str(ITEM_LABELS[DRILLABLE[key]])
    subtitle = exports.subtitle(cooperation, period, centre)
    if group is not None:
        subtitle += f", {DIMENSION_LABELS[group.dimension]}: {_group_label(group, cooperation)}"
    report = exports.items_report(
        str(KPIS[key].label), subtitle, items_label, total(key, found), listing(key, found, set())
    )
    return report_response(report, fmt, f"{key}-{period.start}-{period.end}")
