"""The response-time report of the shared line and its service targets."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.selectors import sits_on_steering_group
from jobbro.ui import add_service_errors

from .. import services
from ..forms import ReportFilterForm, TargetsForm
from ..report import month_start, response_report
from ..roles import REPORT_READERS
from .inquiries import cooperation_or_403

REPORT_DEFAULT_MONTHS = 6


@allowed(*REPORT_READERS)
@require_http_methods(["GET", "POST"])
def targets(request: AuthedHttpRequest) -> HttpResponse:
    """Everyone who reads the report sees the targets; the sitting steering group sets them."""
    cooperation = cooperation_or_403(request)
    may_edit = sits_on_steering_group(request.user, cooperation)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    initial = {
        "inquiry_response_hours": cooperation.inquiry_response_hours,
        "request_reminder_hours": cooperation.request_reminder_hours,
    }
    form = TargetsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_targets_update(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The service targets are saved."))
            return redirect("intake:targets")
    changes = cooperation.target_changes.select_related("by")[:10]
    context = {"form": form, "cooperation": cooperation, "changes": changes, "may_edit": may_edit}
    return render(request, "intake/targets.html", context)


@allowed(*REPORT_READERS)
@require_GET
def report(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_or_403(request)
    today = timezone.localdate()
    last = month_start(today)
    first = last
    for _month in range(REPORT_DEFAULT_MONTHS - 1):
        first = month_start(first - dt.timedelta(days=1))
    form = ReportFilterForm(request.GET or None, initial={"first_month": first, "last_month": last})
    result = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        result = response_report(
            cooperation,
            first_month=data.get("first_month", first),
            last_month=data.get("last_month", last),
            channel=data.get("channel", ""),
        )
    context = {"form": form, "report": result, "cooperation": cooperation}
    return render(request, "intake/report.html", context)
