"""The targets' pages: their progress for the cooperation's leaders and secretariat; the
steering group sets, changes and deletes them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
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
from .target_forms import ProgressDayForm, TargetForm, industry_items

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
    context = {"form": form, "target": target, "duplicate": None}
    if any(e.code == "duplicate" for e in form.errors.as_data().get(NON_FIELD_ERRORS, [])):
        # The target already set for the same figure, period and scope: linked, to change.
        fields = form.service_fields()
        industry, project = fields.get("industry"), fields.get("project")
        context["duplicate"] = targets.duplicate_of(
            _cooperation(request),
            kpi=fields["kpi"],
            start=fields["start"],
            end=fields["end"],
            industry_id=industry.pk if industry else None,
            industry_section=fields["industry_section"],
            project_id=project.pk if project else None,
            target_pk=target.pk if target else None,
        )
    return render(request, "kpis/target_form.html", context)


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
    refused = ""
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            targets.target_delete(
                actor=request.user,
                target=target,
                expected_version=int(version) if version.isdigit() else None,
            )
        except ValidationError as error:
            refused = " ".join(error.messages)
            target = _target_or_404(request, pk)  # as it is now, to confirm again
        else:
            messages.success(request, _("The target is deleted."))
            return redirect("kpis:targets")
    progress = targets.progress_of(target)
    context = {"target": target, "item": progress, "refused": refused}
    return render(request, "kpis/target_delete.html", context, status=409 if refused else 200)


@allowed(*SETTERS)
@require_GET
def industry_suggest(request: AuthedHttpRequest) -> HttpResponse:
    """The target form's industry picker (htmx): the scope chosen, ticked, then the groups
    and codes the search finds, as the taxonomy's picker shows its matches."""
    field = request.GET.get("field", "")
    if field != "industry":
        return HttpResponse("")
    chosen = targets.industry_scope(request.GET.get(field, "")) or targets.industry_scope("")
    assert chosen is not None
    query = request.GET.get("q", "").strip()
    found = [scope for scope in targets.industry_matches(query) if scope.value != chosen.value]
    if chosen.value:
        found.insert(0, targets.IndustryScope("", str(_("All industries"))))
    context = {
        "multiple": False,
        "chosen": industry_items(field, [chosen]),
        "found": industry_items(field, found),
        "query": query,
    }
    return render(request, "taxonomy/widgets/_picker_options.html", context)
