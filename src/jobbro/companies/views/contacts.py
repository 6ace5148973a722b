"""Whom a company deals with: its contact consultant and its contact persons."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed

from .. import selectors, services
from ..forms import ContactConsultantForm, ContactPersonForm
from .companies import company_or_404, subform


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def contact_consultant(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Name the company's one contact: for the home job centre's consultants or the secretariat."""
    company = company_or_404(request, pk)
    if not selectors.may_manage_company(request.user, company):
        raise PermissionDenied

    def save(data: dict[str, Any]) -> str:
        services.contact_consultant_set(
            actor=request.user, company=company, consultant=data["consultant"]
        )
        return _("The contact consultant is saved.")

    return subform(
        request,
        ContactConsultantForm(request.POST or None, company=company),
        company=company,
        save=save,
        anchor="",
        title=_("Contact consultant"),
        intro=_(
            "The company deals with one consultant, a business consultant of its home job "
            "centre, whichever job centre finds the candidates."
        ),
        action=reverse("companies:contact_consultant", args=[company.pk]),
    )


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    company = company_or_404(request, pk)

    def save(data: dict[str, Any]) -> str:
        contact = services.contact_person_create(actor=request.user, company=company, **data)
        return _("%(name)s is added.") % {"name": contact.name}

    return subform(
        request,
        ContactPersonForm(request.POST or None),
        company=company,
        save=save,
        anchor="#contacts",
        title=_("New contact person"),
        action=reverse("companies:contact_create", args=[company.pk]),
    )
