"""Alliance commitments of a company: recording one and ending it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed

from .. import selectors, services
from ..forms import AllianceCommitmentForm, CommitmentEndForm
from .companies import company_or_404, subform


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def commitment_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = company_or_404(request, pk)

    def save(data: dict[str, Any]) -> str:
        services.alliance_commitment_create(actor=request.user, company=company, **data)
        return _("The alliance commitment is recorded.")

    return subform(
        request,
        AllianceCommitmentForm(request.POST or None),
        company=company,
        save=save,
        anchor="#commitments",
        title=_("New alliance commitment"),
        action=reverse("companies:commitment_create", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def commitment_end(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    visible = (
        selectors.endable_commitments()
        .filter(company__in=selectors.companies_visible_to(request.user))
        .select_related("company")
    )
    commitment = get_object_or_404(visible, pk=pk)
    if not selectors.may_manage_company(request.user, commitment.company):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> str:
        services.alliance_commitment_end(
            actor=request.user, commitment=commitment, end_date=data["end_date"]
        )
        return _("The alliance commitment is ended.")

    return subform(
        request,
        CommitmentEndForm(request.POST or None, commitment=commitment),
        company=commitment.company,
        save=save,
        anchor="#commitments",
        title=_("End alliance commitment"),
        intro=f"{commitment.alliance}: {commitment.commitment}",
        action=reverse("companies:commitment_end", args=[commitment.pk]),
    )
