"""The targets' pages: their progress for the cooperation's leaders and secretariat; the
steering group sets, changes and deletes them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from jobbro import reports
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Cooperation, Role
from jobbro.organisations.selectors import cooperation_of
from jobbro.ui import add_service_errors

from . import targets
from .models import Target
from .roles import KPI_READERS
from .target_exports import targets_report
from .target_forms import ProgressDayForm, TargetForm

SETTERS = (Role.STEERING_GROUP,)


def _cooperation(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _target_or_404(request: AuthedHttpRequest, pk: int) -> Target:
    """The user's cooperation's target; another cooperation's is not found."""
    target = targets.target_of(_cooperation(request), pk)
    if target is None:
        raise Http404
    return target


@allowed(*KPI_READERS)
@require_GET
def target_list(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    day_form = ProgressDayForm(request.GET or None)
    day = day_form.day()
    progress = targets.targets_progress(cooperation, today=day)
    fmt = reports.requested_format(request)
    if fmt is not None:
        report = targets_report(cooperation, progress, day)
        name = pgettext("file name", "targets")
        return reports.report_response(report, fmt, f"{name}-{day.isoformat()}")
    context = {
        "cooperation": cooperation,
        "day_form": day_form,
        "day": day,
        "progress": progress,
        "may_set": targets.may_set_targets(request.user, cooperation),
        "exports": reports.export_links(request),
    }
    return render(request, "kpis/targets.html", context)


def _form_page(request: AuthedHttpRequest, form: TargetForm, target: Target | None) -> HttpResponse:
    return render(request, "kpis/target_form.html", {"form": form, "target": target})


@allowed(*SETTERS)
@require_http_methods(["GET", "POST"])
def target_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    if not targets.may_set_targets(request.user, cooperation):
        raise PermissionDenied
    centres = list(cooperation.job_centres.order_by("name"))
    form = TargetForm(request.POST or None, cooperation=cooperation, centres=centres)
    if request.method == "POST" and form.is_valid():
        try:
            targets.target_create(
                actor=request.user,
                cooperation=cooperation,
                parts=form.parts(),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("kpis:targets")
    return _form_page(request, form, None)


@allowed(*SETTERS)
@require_http_methods(["GET", "POST"])
def target_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    target = _target_or_404(request, pk)
    cooperation = target.cooperation
    if not targets.may_set_targets(request.user, cooperation):
        raise PermissionDenied
    centres = list(cooperation.job_centres.order_by("name"))
    form = TargetForm(
        request.POST or None, instance=target, cooperation=cooperation, centres=centres
    )
    if request.method == "POST" and form.is_valid():
        fields: dict[str, Any] = form.service_fields()
        try:
            _target, changed = targets.target_update(
                actor=request.user,
                target=target,
                parts=form.parts(),
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The changes are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("kpis:targets")
    return _form_page(request, form, target)


@allowed(*SETTERS)
@require_http_methods(["GET", "POST"])
def target_delete(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    target = _target_or_404(request, pk)
    if not targets.may_set_targets(request.user, target.cooperation):
        raise PermissionDenied
    if request.method == "POST":
        targets.target_delete(actor=request.user, target=target)
        messages.success(request, _("The target is deleted."))
        return redirect("kpis:targets")
    progress = targets.progress_of(target)
    return render(request, "kpis/target_delete.html", {"target": target, "item": progress})
