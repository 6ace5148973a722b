"""The companies: the list with live search, a company's page, registering one (from the CVR
register too) and its master data; the lookups and the sub-form frame the other company
pages share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.guarantees import selectors as guarantee_selectors
from jobbro.guarantees.models import JobGuarantee
from jobbro.joborders import agreement_progress
from jobbro.joborders import selectors as joborder_selectors
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.models import Cooperation
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.pools import roles as pool_roles
from jobbro.pools import selectors as pool_selectors
from jobbro.ui import add_service_errors, is_partial

from .. import selectors, services
from ..cvr import CvrUnavailable, cvr_source
from ..forms import CompanyFilterForm, CompanyForm, InteractionForm
from ..models import Company, RecruitmentAgreement
from ..validators import cvr_problem

PAGE_SIZE = 25


def company_or_404(request: AuthedHttpRequest, pk: int) -> Company:
    """Companies of another cooperation do not exist as far as this user is concerned."""
    visible = selectors.companies_visible_to(request.user)
    return get_object_or_404(selectors.company_for_detail(visible), pk=pk)


def cooperation_or_403(request: AuthedHttpRequest) -> Cooperation:
    """The user's cooperation, whose companies the pages show; no cooperation, no access."""
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _may(request: AuthedHttpRequest, roles: tuple[Any, ...]) -> bool:
    return bool(user_roles(request.user) & set(roles))


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
    template = "companies/_company_results.html" if is_partial(request) else "companies/list.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def detail_context(request: AuthedHttpRequest, company: Company) -> dict[str, Any]:
    """The company page's context; a contact logged with htmx re-renders its part with it."""
    can_edit = _may(request, access.COMPANY_EDITORS)
    detail = selectors.company_detail(company)
    return {
        "company": company,
        "detail": detail,
        "job_orders": joborder_selectors.job_orders_of_company(company),
        "progress": agreement_progress.progress_of(detail.agreements),
        "editable_agreements": selectors.editable_agreements(request.user, detail.agreements),
        "guarantee_rows": _guarantee_rows(detail.agreements),
        "can_edit": can_edit,
        # The company's master data, its contact consultant and its commitments' end.
        "can_manage": can_edit and selectors.may_manage_company(request.user, company),
        "today": timezone.localdate(),
        "can_create_job_order": _may(request, access.JOB_ORDER_EDITORS),
        "interaction_form": InteractionForm(company=company) if can_edit else None,
        "acting": _acting(request, company) if can_edit else None,
    }


def _guarantee_rows(
    agreements: Iterable[RecruitmentAgreement],
) -> list[tuple[JobGuarantee, guarantee_selectors.Outcome]]:
    """The job guarantees of the company's agreements with their outcomes (counts only)."""
    guarantees = list(guarantee_selectors.guarantees_for_agreements(agreements))
    outcomes = guarantee_selectors.outcomes(guarantees)
    return [(g, outcomes[g.pk]) for g in guarantees]


def _acting(request: AuthedHttpRequest, company: Company) -> selectors.Acting | None:
    """Whom a contact would be logged for; None when the user edits nothing here."""
    try:
        return selectors.acting_for(request.user, company)
    except ValidationError:
        return None


@allowed(*access.COMPANY_READERS)
@require_GET
def company_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = company_or_404(request, pk)
    context = detail_context(request, company)
    # The company's candidate pools (docs/pools.md), and where to start one.
    context["pools"] = pool_selectors.company_pools(request.user, company)
    context["can_create_pool"] = _may(request, pool_roles.POOL_EDITORS)
    return render(request, "companies/detail.html", context)


def _duplicate_of(error: ValidationError) -> Company | None:
    """The existing company a duplicate-CVR refusal names, to link to it."""
    for item in getattr(error, "error_dict", {}).get("cvr", []):
        if item.code == "duplicate_cvr" and item.params and item.params.get("pk"):
            return Company.objects.filter(pk=item.params["pk"]).first()
    return None


def _company_form_page(request: AuthedHttpRequest, form: CompanyForm, **extra: Any) -> HttpResponse:
    context = {"form": form, "company": None, **extra}
    if is_partial(request):
        return render(request, "companies/_company_fields.html", context)
    return render(request, "companies/company_form.html", context)


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def company_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_or_403(request)
    initial: dict[str, Any] = {}
    own_centre = job_centres_of(request.user).filter(cooperation=cooperation).first()
    if own_centre is not None:
        initial["municipality"] = own_centre.municipalities.order_by("name").first()
    form = CompanyForm(request.POST or None, initial=initial)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            duplicate = _duplicate_of(error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": company.name})
            return redirect("companies:detail", pk=company.pk)
    return _company_form_page(request, form, duplicate=duplicate)


def _from_register(typed: CompanyForm, cvr: str) -> tuple[str, dict[str, Any] | None]:
    """The form's fields from the CVR register, and what to tell the user."""
    try:
        record = cvr_source().lookup(cvr)
    except CvrUnavailable:
        return _(
            "The CVR register cannot be reached just now. Fill in the company's name, "
            "address and industry by hand."
        ), None
    if record is None:
        return _("The CVR register knows no company with CVR number %(cvr)s.") % {"cvr": cvr}, None
    filled = typed.filled_from(record)
    if "municipality" not in filled or "industry" not in filled:
        return _(
            "Filled from the CVR register. Choose the municipality and industry by hand: "
            "the register's codes are not in our lists."
        ), filled
    return "", filled


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def cvr_fetch(request: AuthedHttpRequest) -> HttpResponse:
    """Fill the new-company form from the CVR register ("Fetch from CVR"); writes nothing.

    With htmx it answers the form's fields; without, the whole page (the button then
    submits the form here). A POST keeps the form's CSRF token out of addresses and logs.
    """
    cooperation = cooperation_or_403(request)
    data = request.POST if request.method == "POST" else request.GET
    typed = CompanyForm(data)
    cvr = services.normalise_cvr(data.get("cvr", ""))
    notice = ""
    duplicate = None
    filled = None
    problem = cvr_problem(cvr) if cvr else None
    if not cvr:
        notice = _("Type the CVR number before fetching.")
    elif problem is not None:
        notice = problem.messages[0]
    else:
        duplicate = Company.objects.filter(cooperation=cooperation, cvr=cvr).first()
        if duplicate is None:  # else the page links the company we have: nothing to fetch
            notice, filled = _from_register(typed, cvr)
    if filled is not None:
        form = CompanyForm(initial=filled)
    else:
        form = CompanyForm(initial={k: v for k, v in data.items() if k in typed.fields})
    return _company_form_page(
        request, form, cvr_notice=notice, cvr_found=filled is not None, duplicate=duplicate
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def company_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The company's master data: the home job centre's business consultants or the
    secretariat (moving the company moves its ownership)."""
    company = company_or_404(request, pk)
    if not selectors.may_manage_company(request.user, company):
        raise PermissionDenied
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("companies:detail", pk=company.pk)
    # The form may have changed the instance in memory; show the stored name in the heading.
    company.refresh_from_db(fields=["name"])
    return render(request, "companies/company_form.html", {"form": form, "company": company})


def subform(
    request: AuthedHttpRequest,
    form: forms.BaseForm,
    *,
    company: Company,
    save: Callable[[dict[str, Any]], str],
    anchor: str,
    title: str,
    action: str,
    intro: str = "",
) -> HttpResponse:
    """A small form about one company: on success `save` writes and says what it did,
    and the user is back on the company page at `anchor`."""
    if request.method == "POST" and form.is_valid():
        try:
            done = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(reverse("companies:detail", args=[company.pk]) + anchor)
    context = {"form": form, "company": company, "title": title, "action": action, "intro": intro}
    return render(request, "companies/subform.html", context)
