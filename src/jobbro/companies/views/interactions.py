"""Contacts with a company and their follow-ups: logging one, and the agenda of follow-ups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.ui import add_service_errors, is_partial

from .. import selectors, services
from ..forms import InteractionForm, RescheduleForm
from ..models import Interaction
from .companies import company_or_404, detail_context


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def interaction_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Log a contact; from the detail page's inline form (htmx) or as a page without JS."""
    company = company_or_404(request, pk)
    form = InteractionForm(request.POST or None, company=company)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_create(actor=request.user, company=company, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
            if not is_partial(request):
                messages.success(request, _("The contact is registered."))
                return redirect(reverse("companies:detail", args=[company.pk]) + "#interactions")
    if is_partial(request):
        context = detail_context(request, company)
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


def _agenda_context(request: AuthedHttpRequest) -> dict[str, Any]:
    return {
        "due": selectors.follow_ups_due(request.user),
        "done": selectors.follow_ups_done_recently(request.user)[:10],
        "today": timezone.localdate(),
        "days": selectors.AGENDA_DAYS,
    }


@allowed(*access.COMPANY_EDITORS)
@require_GET
def agenda(request: AuthedHttpRequest) -> HttpResponse:
    return render(request, "companies/agenda.html", _agenda_context(request))


def _follow_up_or_404(request: AuthedHttpRequest, pk: int) -> Interaction:
    visible = Interaction.objects.filter(
        company__in=selectors.companies_visible_to(request.user)
    ).select_related("company", "job_centre", "contact")
    return get_object_or_404(visible, pk=pk)


def _after_follow_up(
    request: AuthedHttpRequest, interaction: Interaction, **extra: Any
) -> HttpResponse:
    """The agenda's row again (htmx), or back to the agenda."""
    if is_partial(request):
        interaction.refresh_from_db()
        context = {"item": interaction, "today": timezone.localdate(), **extra}
        return render(request, "companies/_agenda_row.html", context)
    error = extra.get("error")
    if error:
        messages.error(request, error)
    return redirect("companies:agenda")


@allowed(*access.COMPANY_EDITORS)
@require_POST
def follow_up_done(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    interaction = _follow_up_or_404(request, pk)
    try:
        services.follow_up_done(actor=request.user, interaction=interaction)
    except ValidationError as error:
        return _after_follow_up(request, interaction, error=" ".join(error.messages))
    return _after_follow_up(request, interaction)


@allowed(*access.COMPANY_EDITORS)
@require_POST
def follow_up_reschedule(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    interaction = _follow_up_or_404(request, pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        return _after_follow_up(request, interaction, error=_("Choose a valid date."))
    try:
        services.follow_up_reschedule(
            actor=request.user,
            interaction=interaction,
            follow_up_on=form.cleaned_data["follow_up_on"],
        )
    except ValidationError as error:
        return _after_follow_up(request, interaction, error=" ".join(error.messages))
    return _after_follow_up(request, interaction, moved=True)
