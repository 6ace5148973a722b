"""Company pages: list with live search, detail, and the forms that write through services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.models import Cooperation
from jobbro.organisations.selectors import cooperation_of, job_centres_of

from . import selectors, services
from .forms import AgreementForm, CompanyFilterForm, CompanyForm, ContactPersonForm, InteractionForm
from .models import Company

PAGE_SIZE = 25


def _company_or_404(request: AuthedHttpRequest, pk: int) -> Company:
    """Companies of another cooperation do not exist as far as this user is concerned."""
    visible = selectors.companies_visible_to(request.user)
    return get_object_or_404(selectors.company_for_detail(visible), pk=pk)


def _cooperation(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _may(request: AuthedHttpRequest, roles: tuple[Any, ...]) -> bool:
    return bool(user_roles(request.user) & set(roles))


def _add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        for item in errors:
            form.add_error(None if field == NON_FIELD_ERRORS else target, item)


def _is_partial(request: AuthedHttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


@allowed(*access.COMPANY_READERS)
@require_GET
def company_list(request: AuthedHttpRequest) -> HttpResponse:
    url = reverse("companies:list")
    form = CompanyFilterForm(request.GET, cooperation=cooperation_of(request.user), url=url)
    companies = selectors.company_list(request.user, **form.filters())
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "companies": page.object_list,
        "can_create": _may(request, access.COMPANY_EDITORS),
    }
    template = "companies/_company_results.html" if _is_partial(request) else "companies/list.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _detail_context(request: AuthedHttpRequest, company: Company) -> dict[str, Any]:
    can_edit = _may(request, access.COMPANY_EDITORS)
    return {
        "company": company,
        "detail": selectors.company_detail(company),
        "can_edit": can_edit,
        "can_create_job_order": _may(request, access.JOB_ORDER_EDITORS),
        "interaction_form": InteractionForm(company=company) if can_edit else None,
    }


@allowed(*access.COMPANY_READERS)
@require_GET
def company_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    return render(request, "companies/detail.html", _detail_context(request, company))


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def company_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    initial: dict[str, Any] = {"contact_consultant": request.user}
    own_centre = job_centres_of(request.user).filter(cooperation=cooperation).first()
    if own_centre is not None:
        initial["municipality"] = own_centre.municipalities.order_by("name").first()
    form = CompanyForm(request.POST or None, cooperation=cooperation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": company.name})
            return redirect("companies:detail", pk=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "company": None})


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def company_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    form = CompanyForm(request.POST or None, instance=company, cooperation=company.cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("companies:detail", pk=company.pk)
    # The form may have changed the instance in memory; show the stored name in the heading.
    company.refresh_from_db(fields=["name"])
    return render(request, "companies/company_form.html", {"form": form, "company": company})


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_person_create(
                actor=request.user, company=company, **form.cleaned_data
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": contact.name})
            return redirect(reverse("companies:detail", args=[company.pk]) + "#contacts")
    return render(
        request,
        "companies/subform.html",
        {
            "form": form,
            "company": company,
            "title": _("New contact person"),
            "action": reverse("companies:contact_create", args=[company.pk]),
        },
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def interaction_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Log a contact; from the detail page's inline form (htmx) or as a page without JS."""
    company = _company_or_404(request, pk)
    form = InteractionForm(request.POST or None, company=company)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_create(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            saved = True
            if not _is_partial(request):
                messages.success(request, _("The contact is registered."))
                return redirect(reverse("companies:detail", args=[company.pk]) + "#interactions")
    if _is_partial(request):
        context = _detail_context(request, company)
        if not saved:
            context["interaction_form"] = form
        context["interaction_saved"] = saved
        return render(request, "companies/_interactions.html", context)
    return render(
        request,
        "companies/subform.html",
        {
            "form": form,
            "company": company,
            "title": _("Register a contact"),
            "action": reverse("companies:interaction_create", args=[company.pk]),
        },
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = _company_or_404(request, pk)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The recruitment agreement is registered."))
            return redirect(reverse("companies:detail", args=[company.pk]) + "#agreements")
    return render(
        request,
        "companies/subform.html",
        {
            "form": form,
            "company": company,
            "title": _("New recruitment agreement"),
            "action": reverse("companies:agreement_create", args=[company.pk]),
        },
    )
