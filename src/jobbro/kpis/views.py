"""The key figures for a period and a job centre, beside the previous period's."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.selectors import cooperation_of

from .forms import PeriodForm
from .roles import KPI_READERS
from .selectors import FAMILIES, compare
from .sources import Filters


@allowed(*KPI_READERS)
@require_GET
def dashboard(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    form = PeriodForm(request.GET or None, job_centres=cooperation.job_centres.order_by("name"))
    families = []
    period = None
    if not form.is_bound or form.is_valid():
        period = form.period()
        centre = form.cleaned_data.get("job_centre") if form.is_bound else None
        filters = Filters(job_centre=centre.pk if centre else None)
        found = {c.kpi.key: c for c in compare(cooperation, period, filters)}
        families = [(label, [found[kpi.key] for kpi in kpis]) for label, kpis in FAMILIES]
    context = {
        "form": form,
        "cooperation": cooperation,
        "families": families,
        "period": period,
        "previous": period.previous() if period else None,
    }
    return render(request, "kpis/dashboard.html", context)
