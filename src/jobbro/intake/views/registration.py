"""Registering an inquiry taken by phone or mail: the form, its company choices and where
the inquiry will go."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.companies.models import Company
from jobbro.companies.services import normalise_cvr
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Cooperation
from jobbro.ui import add_service_errors

from .. import selectors, services
from ..forms import StaffInquiryForm
from ..roles import INTAKE_WORKERS
from .inquiries import after_action, cooperation_or_403


def _routing_context(cooperation: Cooperation, company: Company | None, cvr: str) -> dict[str, Any]:
    matched = selectors.company_for_cvr(cooperation, cvr) if company is None else None
    target = company or matched
    return {
        "routed_to": selectors.route(cooperation, target),
        "routing_company": target,
        "matched_by_cvr": matched is not None,
    }


@allowed(*INTAKE_WORKERS)
@require_http_methods(["GET", "POST"])
def inquiry_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_or_403(request)
    if request.method == "POST" and request.POST.get("action") == "search":
        # The search button without JavaScript: the same form again, unvalidated, with choices.
        form = StaffInquiryForm(initial=request.POST.dict(), cooperation=cooperation)
        raw = request.POST.get("company", "")
        chosen = (
            Company.objects.filter(cooperation=cooperation, pk=raw).first()
            if raw.isdigit()
            else None
        )
        return _create_page(request, cooperation, form, chosen, request.POST.get("cvr", ""))
    form = StaffInquiryForm(request.POST or None, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inquiry = services.inquiry_register(
                actor=request.user,
                cooperation=cooperation,
                channel=data["channel"],
                received_at=data["received_at"],
                company=data["company"],
                company_name=data["company_name"],
                cvr=data["cvr"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                subject=data["subject"],
                message=data["message"],
                take=data["take"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Inquiry %(reference)s is registered and routed to %(centre)s.")
                % {
                    "reference": inquiry.reference,
                    "centre": _("the secretariat") if inquiry.at_secretariat else inquiry.routed_to,
                },
            )
            return after_action(request, inquiry.pk)
    data = form.cleaned_data if form.is_bound else {}
    status = 400 if form.is_bound else 200
    return _create_page(
        request, cooperation, form, data.get("company"), data.get("cvr", ""), status=status
    )


def _create_page(
    request: AuthedHttpRequest,
    cooperation: Cooperation,
    form: StaffInquiryForm,
    chosen: Company | None,
    cvr: str,
    status: int = 200,
) -> HttpResponse:
    query = str(form["q"].value() or "")
    suggestions = selectors.company_suggestions(request.user, query)
    if chosen is not None and chosen not in suggestions:
        suggestions.insert(0, chosen)
    context = {
        "form": form,
        "suggestions": suggestions,
        "chosen": chosen,
        **_routing_context(cooperation, chosen, normalise_cvr(cvr)),
    }
    return render(request, "intake/create.html", context, status=status)


@allowed(*INTAKE_WORKERS)
@require_GET
def company_search(request: AuthedHttpRequest) -> HttpResponse:
    """The company choices for the registration form (htmx)."""
    query = request.GET.get("q", "")
    chosen = request.GET.get("company", "")
    context = {
        "suggestions": selectors.company_suggestions(request.user, query),
        "chosen_pk": int(chosen) if chosen.isdigit() else None,
        "query": query,
    }
    return render(request, "intake/_company_choices.html", context)


@allowed(*INTAKE_WORKERS)
@require_GET
def routing(request: AuthedHttpRequest) -> HttpResponse:
    """Where the inquiry will go, for the company chosen or the CVR number given (htmx)."""
    cooperation = cooperation_or_403(request)
    raw_company = request.GET.get("company", "")
    company = None
    if raw_company.isdigit():
        company = Company.objects.filter(cooperation=cooperation, pk=raw_company).first()
    context = _routing_context(cooperation, company, normalise_cvr(request.GET.get("cvr", "")))
    return render(request, "intake/_routing.html", context)
