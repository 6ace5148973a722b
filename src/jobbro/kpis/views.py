"""The key figures for a period and a job centre, beside the previous period's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.selectors import cooperation_of

from .forms import DIMENSION_LABELS, PeriodForm
from .roles import KPI_READERS
from .selectors import FAMILIES, KPIS, compare, split
from .sources import Dimension, Filters


@allowed(*KPI_READERS)
@require_GET
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, job_centres=cooperation.job_centres.order_by("name"))
    families = []
    period = None
    split_rows = None
    split_kpi = None
    split_label = None
    if not form.is_bound or form.is_valid():
        period = form.period()
        centre = form.cleaned_data.get("job_centre") if form.is_bound else None
        filters = Filters(job_centre=centre.pk if centre else None)
        found = {c.kpi.key: c for c in compare(cooperation, period, filters)}
        families = [(label, [found[kpi.key] for kpi in kpis]) for label, kpis in FAMILIES]
        dimension = form.cleaned_data.get("split") if form.is_bound else ""
        if dimension:
            split_kpi = KPIS[form.cleaned_data.get("figure") or "hires"]
            split_label = DIMENSION_LABELS[Dimension(dimension)]
            split_rows = split(split_kpi.key, cooperation, period, Dimension(dimension), filters)
    context = {
        "form": form,
        "cooperation": cooperation,
        "families": families,
        "period": period,
        "previous": period.previous() if period else None,
        "split_kpi": split_kpi,
        "split_rows": split_rows,
        "split_label": split_label,
    }
    return render(request, "kpis/dashboard.html", context)
