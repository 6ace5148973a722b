"""Recruitment agreements: registering and changing one, and the running ones' progress."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.joborders import agreement_progress
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.selectors import cooperation_of
from jobbro.ui import is_partial

from .. import selectors, services
from ..forms import AgreementFilterForm, AgreementForm
from ..models import RecruitmentAgreement
from .companies import company_or_404, subform


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = company_or_404(request, pk)

    def save(data: dict[str, Any]) -> str:
        services.agreement_create(actor=request.user, company=company, **data)
        return _("The recruitment agreement is registered.")

    return subform(
        request,
        AgreementForm(request.POST or None),
        company=company,
        save=save,
        anchor="#agreements",
        title=_("New recruitment agreement"),
        action=reverse("companies:agreement_create", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    visible = RecruitmentAgreement.objects.filter(
        company__in=selectors.companies_visible_to(request.user)
    ).select_related("company", "job_centre")
    agreement = get_object_or_404(visible, pk=pk)
    if not selectors.may_edit_agreement(request.user, agreement):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> str:
        services.agreement_update(actor=request.user, agreement=agreement, **data)
        return _("The changes are saved.")

    return subform(
        request,
        AgreementForm(request.POST or None, instance=agreement),
        company=agreement.company,
        save=save,
        anchor="#agreements",
        title=_("Edit recruitment agreement"),
        action=reverse("companies:agreement_edit", args=[agreement.pk]),
    )


@allowed(*access.COMPANY_READERS)
@require_GET
def agreement_overview(request: AuthedHttpRequest) -> HttpResponse:
    """Every running agreement of the cooperation with its progress; by job centre."""
    url = reverse("companies:agreements")
    form = AgreementFilterForm(request.GET, cooperation=cooperation_of(request.user), url=url)
    agreements = agreement_progress.active_agreements(request.user, signer=form.chosen_signer())
    context = {"form": form, "progress": agreement_progress.progress_of(agreements)}
    template = (
        "companies/_agreement_rows.html" if is_partial(request) else "companies/agreements.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
