"""Job order pages: list, create/edit, detail with referrals, hire and follow-ups."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.accesslog.services import log_access
from jobbro.candidate_requests.selectors import requests_visible_to, sender_for
from jobbro.companies.models import Company
from jobbro.companies.selectors import companies_visible_to
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.selectors import cooperation_of
from jobbro.screening import selectors as screening_selectors
from jobbro.ui import add_service_errors, is_partial, messages_of

from . import selectors, services
from .forms import (
    FOLLOW_UP_SHOW_CHOICES,
    BaseRequirementFormSet,
    FollowUpForm,
    HireForm,
    JobOrderFilterForm,
    JobOrderForm,
    ProjectForm,
    RequirementFormSet,
    TaskFormSet,
    TransitionForm,
    VersionForm,
    requirement_initial,
    task_initial,
)
from .models import FollowUp, JobOrder, JobOrderKind, JobOrderStatus, Project, Referral

PAGE_SIZE = 25
REQUIREMENT_PREFIX = "req"
TASK_PREFIX = "task"


def _may(request: AuthedHttpRequest, roles: tuple[Any, ...]) -> bool:
    return bool(user_roles(request.user) & set(roles))


def job_order_or_404(request: AuthedHttpRequest, pk: int) -> JobOrder:
    """Job orders of another cooperation do not exist as far as this user is concerned;
    every page about one job order (of any app) opens it so."""
    visible = selectors.job_orders_visible_to(request.user)
    return get_object_or_404(selectors.job_order_for_detail(visible), pk=pk)


def _referral_or_404(request: AuthedHttpRequest, pk: int) -> Referral:
    return get_object_or_404(selectors.referrals_visible_to(request.user), pk=pk)


# --- list, create, edit, detail ----------------------------------------------------------


@allowed(*access.JOB_ORDER_READERS)
@require_GET
def job_order_list(request: AuthedHttpRequest) -> HttpResponse:
    url = reverse("joborders:list")
    form = JobOrderFilterForm(request.GET, cooperation=cooperation_of(request.user), url=url)
    orders = selectors.job_order_list(request.user, **form.filters())
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "job_orders": page.object_list,
        "can_create": _may(request, access.JOB_ORDER_EDITORS),
    }
    template = "joborders/_list_results.html" if is_partial(request) else "joborders/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _form_page(
    request: AuthedHttpRequest,
    *,
    company: Company,
    form: JobOrderForm,
    formset: BaseRequirementFormSet,
    job_order: JobOrder | None,
) -> HttpResponse:
    return render(
        request,
        "joborders/job_order_form.html",
        {"company": company, "form": form, "formset": formset, "job_order": job_order},
    )


@allowed(*access.JOB_ORDER_EDITORS)
@require_http_methods(["GET", "POST"])
def job_order_create(request: AuthedHttpRequest) -> HttpResponse:
    """A job order is always some company's: the page is opened from the company's page."""
    company_pk = request.GET.get("company", "")
    if not company_pk.isdigit():
        messages.info(request, _("Open the company and choose “New job order” there."))
        return redirect("companies:list")
    company = get_object_or_404(
        companies_visible_to(request.user).select_related("cooperation", "municipality"),
        pk=company_pk,
    )
    initial = {
        "workplace_address": f"{company.street}, {company.postcode} {company.city}",
        "workplace_municipality": company.municipality,
        "kind": JobOrderKind.ORDINARY,
    }
    data = request.POST if request.method == "POST" else None
    form = JobOrderForm(data, cooperation=company.cooperation, initial=initial)
    formset = RequirementFormSet(data, prefix=REQUIREMENT_PREFIX)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            job_order = services.job_order_create(
                actor=request.user,
                company=company,
                requirements=formset.requirements(),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The job order is registered."))
            return redirect("joborders:detail", pk=job_order.pk)
    return _form_page(request, company=company, form=form, formset=formset, job_order=None)


@allowed(*access.JOB_ORDER_EDITORS)
@require_http_methods(["GET", "POST"])
def job_order_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    job_order = job_order_or_404(request, pk)
    if not selectors.may_edit(request.user, job_order):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = JobOrderForm(
        data, instance=job_order, cooperation=job_order.company.cooperation, editing=True
    )
    formset = RequirementFormSet(
        data, prefix=REQUIREMENT_PREFIX, initial=requirement_initial(job_order)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.job_order_update(
                actor=request.user,
                job_order=job_order,
                requirements=formset.requirements(),
                expected_version=form.cleaned_data.get("version"),
                **form.service_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("joborders:detail", pk=job_order.pk)
    job_order.refresh_from_db()
    return _form_page(
        request, company=job_order.company, form=form, formset=formset, job_order=job_order
    )


@allowed(*access.JOB_ORDER_EDITORS)
@require_http_methods(["GET", "POST"])
def job_order_tasks(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Break the job order into tasks: add, change and remove them, all saved at once.

    Those who may edit the order edit its tasks (`selectors.may_edit`)."""
    job_order = job_order_or_404(request, pk)
    if not selectors.may_edit(request.user, job_order):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    version = VersionForm(data, initial={"version": job_order.version})
    formset = TaskFormSet(data, prefix=TASK_PREFIX, initial=task_initial(job_order))
    if request.method == "POST" and version.is_valid() and formset.is_valid():
        try:
            changed = services.job_order_tasks_save(
                actor=request.user,
                job_order=job_order,
                tasks=formset.tasks(),
                expected_version=version.cleaned_data.get("version"),
            )[1]
        except ValidationError as error:
            for message in messages_of(error):
                messages.error(request, message)
        else:
            messages.success(
                request, _("The tasks are saved.") if changed else _("Nothing was changed.")
            )
            return redirect(reverse("joborders:detail", args=[job_order.pk]) + "#tasks")
    return render(
        request,
        "joborders/tasks_form.html",
        {"job_order": job_order, "formset": formset, "version": version},
    )


def _row_context(request: AuthedHttpRequest, referral: Referral) -> dict[str, Any]:
    return {
        "referral": referral,
        "can_answer": selectors.may_answer_for(request.user, referral.job_order),
        "named": selectors.named_candidates(request.user, [referral.candidate_id]),
    }


@allowed(*access.JOB_ORDER_READERS)
@require_GET
def job_order_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    job_order = job_order_or_404(request, pk)
    detail = selectors.job_order_detail(job_order)
    # Each referral row shows its screening answers (the screening app's rows).
    detail = dataclasses.replace(
        detail, referrals=screening_selectors.with_answers(detail.referrals)
    )
    named = selectors.named_candidates(request.user, (r.candidate_id for r in detail.referrals))
    log_access(user=request.user, candidates=sorted(named), purpose="referrals", request=request)
    return render(
        request,
        "joborders/detail.html",
        {
            "job_order": job_order,
            "detail": detail,
            "named": named,
            "can_read_companies": _may(request, access.COMPANY_READERS),
            "can_edit": _may(request, access.JOB_ORDER_EDITORS)
            and selectors.may_edit(request.user, job_order),
            "can_refer": _may(request, access.REFERRERS),
            "can_answer": selectors.may_answer_for(request.user, job_order),
            "centre_runs": selectors.centre_runs(job_order),
            "is_open": job_order.status == JobOrderStatus.OPEN,
            "can_ask": sender_for(request.user, job_order) is not None,
            "can_read_candidates": _may(request, access.CANDIDATE_READERS),
            "candidate_requests": job_order.candidate_requests.select_related(
                "job_centre", "sent_by"
            ).order_by("-sent_at"),
            # Only the sending and the asked job centres' referrers may open a request.
            "openable_requests": set(
                requests_visible_to(request.user)
                .filter(job_order=job_order)
                .values_list("pk", flat=True)
            ),
        },
    )


# --- the company's answer and the hire ---------------------------------------------------


@allowed(*access.REFERRERS)
@require_POST
def referral_transition(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    form = TransitionForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            services.referral_transition(
                actor=request.user,
                referral=referral,
                to_state=form.cleaned_data["to_state"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors = messages_of(error)
    else:
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    if is_partial(request):
        fresh = screening_selectors.with_answers(selectors.referrals_with_history()).get(
            pk=referral.pk
        )
        context = _row_context(request, fresh)
        context.update({"errors": errors, "updated": not errors, "is_open": True})
        return render(request, "joborders/_referral_row.html", context)
    if errors:
        for message in errors:
            messages.error(request, message)
    else:
        messages.success(request, _("The answer is recorded."))
    return redirect(
        reverse("joborders:detail", args=[referral.job_order_id]) + f"#referral-{referral.pk}"
    )


@allowed(*access.REFERRERS)
@require_http_methods(["GET", "POST"])
def referral_hire(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    referral = _referral_or_404(request, pk)
    job_order = job_order_or_404(request, referral.job_order_id)
    if not selectors.may_answer_for(request.user, job_order):
        raise PermissionDenied
    detail_url = reverse("joborders:detail", args=[job_order.pk])
    if referral.state not in services.HIREABLE_STATES:
        messages.error(
            request,
            _("%(name)s cannot be hired from the state “%(state)s”.")
            % {"name": referral.candidate.full_name, "state": referral.get_state_display()},
        )
        return redirect(detail_url)
    initial = {
        "start_date": max(job_order.start_date, referral.candidate.available_from),
        "hours_per_week": job_order.hours_per_week,
        "ordinary_hours": job_order.kind == JobOrderKind.ORDINARY,
    }
    data = request.POST if request.method == "POST" else None
    form = HireForm(data, cooperation=job_order.company.cooperation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_hire(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is hired. Three follow-ups are planned.")
                % {"name": referral.candidate.full_name},
            )
            return redirect(detail_url)
    log_access(
        user=request.user, candidates=[referral.candidate_id], purpose="referrals", request=request
    )
    return render(
        request,
        "joborders/hire_form.html",
        {"form": form, "referral": referral, "job_order": job_order},
    )


# --- follow-ups ---------------------------------------------------------------------------


@allowed(*access.FOLLOW_UP_RECORDERS)
@require_GET
def follow_up_list(request: AuthedHttpRequest) -> HttpResponse:
    values = [value for value, _label in FOLLOW_UP_SHOW_CHOICES]
    show_value = request.GET.get("show", "")
    show = selectors.FollowUpFilter(show_value if show_value in values else "due")
    follow_ups = selectors.follow_up_list(request.user, show=show)
    page = Paginator(follow_ups, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [f.placement.referral.candidate_id for f in page.object_list]
    log_access(user=request.user, candidates=shown, purpose="follow_ups", request=request)
    return render(
        request,
        "joborders/follow_ups.html",
        {
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
            "follow_ups": page.object_list,
            "show": show.value,
            "show_choices": FOLLOW_UP_SHOW_CHOICES,
            "today": selectors.today(),
        },
    )


@allowed(*access.FOLLOW_UP_RECORDERS)
@require_http_methods(["GET", "POST"])
def follow_up_record(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    follow_up: FollowUp = get_object_or_404(selectors.follow_ups_visible_to(request.user), pk=pk)
    form = FollowUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and follow_up.done_at is None and form.is_valid():
        try:
            services.follow_up_record(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("joborders:follow_ups")
    log_access(
        user=request.user,
        candidates=[follow_up.placement.referral.candidate_id],
        purpose="follow_ups",
        request=request,
    )
    return render(
        request,
        "joborders/follow_up_form.html",
        {"form": form, "follow_up": follow_up, "today": selectors.today()},
    )


# --- projects -----------------------------------------------------------------------------


def _project_or_404(request: AuthedHttpRequest, pk: int) -> Project:
    return get_object_or_404(selectors.projects_visible_to(request.user), pk=pk)


@allowed(*access.PROJECT_READERS)
@require_GET
def project_list(request: AuthedHttpRequest) -> HttpResponse:
    return render(
        request,
        "joborders/projects/list.html",
        {
            "projects": selectors.project_list(request.user),
            "can_create": selectors.may_create_project(request.user),
        },
    )


@allowed(*access.PROJECT_READERS)
@require_GET
def project_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The project's job orders and hires; a hired candidate is named only to those who may
    open them ("a candidate at <job centre>" to the rest), and those reads are logged."""
    project = _project_or_404(request, pk)
    detail = selectors.project_detail(project)
    named = selectors.named_candidates(
        request.user, (p.referral.candidate_id for p in detail.placements)
    )
    log_access(user=request.user, candidates=sorted(named), purpose="referrals", request=request)
    return render(
        request,
        "joborders/projects/detail.html",
        {
            "project": project,
            "detail": detail,
            "named": named,
            "can_edit": selectors.may_edit_project(request.user, project),
            "can_read_candidates": _may(request, access.CANDIDATE_READERS),
            "today": selectors.today(),
        },
    )


def _project_form_page(
    request: AuthedHttpRequest, form: ProjectForm, project: Project | None
) -> HttpResponse:
    return render(request, "joborders/projects/form.html", {"form": form, "project": project})


@allowed(*access.PROJECT_EDITORS)
@require_http_methods(["GET", "POST"])
def project_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_of(request.user)
    if cooperation is None or not selectors.may_create_project(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is created."))
            return redirect("joborders:project", pk=project.pk)
    return _project_form_page(request, form, None)


@allowed(*access.PROJECT_EDITORS)
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    project = _project_or_404(request, pk)
    if not selectors.may_edit_project(request.user, project):
        raise PermissionDenied
    form = ProjectForm(request.POST if request.method == "POST" else None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("joborders:project", pk=project.pk)
    project.refresh_from_db()
    return _project_form_page(request, form, project)
