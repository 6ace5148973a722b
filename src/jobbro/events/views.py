"""Recruitment events: the list, create and edit, the event page with its companies and
candidates, and the outcome."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate
from jobbro.candidates.selectors import candidates_visible_to
from jobbro.companies.selectors import companies_visible_to
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, public, user_roles
from jobbro.organisations.selectors import cooperation_of, job_centres_of
from jobbro.ui import add_service_errors, form_error_messages

from . import selectors, services
from .forms import AddForm, CandidateOutcomeForm, CompanyAnswerForm, CompanyOutcomeForm, EventForm
from .mail import invitation_preview
from .models import CandidateStatus, CompanyStatus, Event, EventCandidate, EventCompany


def _job_centres(request: AuthedHttpRequest) -> Any:
    cooperation = cooperation_of(request.user)
    return cooperation.job_centres.order_by("name") if cooperation else []


def _event_or_404(request: AuthedHttpRequest, pk: int) -> Event:
    event = selectors.event_for(request.user, pk)
    if event is None:
        raise Http404("No such event.")
    return event


def _log_names(
    request: AuthedHttpRequest, named: list[Candidate], hits: list[selectors.CandidateHit]
) -> None:
    """The candidates the page names: the invited the user may see and the search hits."""
    log_access(
        user=request.user,
        candidates=[*named, *(hit.candidate for hit in hits)],
        purpose=Purpose.LIST,
        request=request,
    )


@allowed(*access.COMPANY_READERS)
@require_GET
def event_list(request: AuthedHttpRequest) -> HttpResponse:
    may_edit = bool(user_roles(request.user) & set(access.COMPANY_EDITORS))
    return render(
        request,
        "events/list.html",
        {"listing": selectors.event_list(request.user), "may_edit": may_edit},
    )


def _event_form(request: AuthedHttpRequest, event: Event | None) -> HttpResponse:
    initial = {}
    if event is None:
        mine = job_centres_of(request.user, access.COMPANY_EDITORS).order_by("name").first()
        initial = {"job_centre": mine}
    form = EventForm(
        request.POST or None,
        event=event,
        initial=initial or None,
        job_centres=_job_centres(request),
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in EventForm.FIELDS}
        try:
            if event is None:
                event = services.event_create(actor=request.user, **fields)
                messages.success(request, _("The event is created."))
            else:
                event = services.event_update(actor=request.user, event=event, **fields)
                messages.success(request, _("The event is saved."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("events:detail", event.pk)
    return render(request, "events/form.html", {"form": form, "event": event})


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def event_create(request: AuthedHttpRequest) -> HttpResponse:
    return _event_form(request, None)


@allowed(*access.COMPANY_EDITORS)
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _event_form(request, _event_or_404(request, pk))


@allowed(*access.COMPANY_READERS)
@require_GET
def event_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    roles = user_roles(request.user)
    may_edit = selectors.may_edit_events(request.user, event.cooperation)
    may_invite = bool(roles & set(access.CANDIDATE_EDITORS)) and (
        selectors.own_candidate_centres(request.user, event.cooperation).exists()
    )
    company_query = request.GET.get("company_q", "")[:100] if may_edit else ""
    candidate_query = request.GET.get("candidate_q", "")[:100] if may_invite else ""
    page = selectors.event_page(request.user, event)
    candidate_hits = selectors.candidate_search(request.user, event, candidate_query)
    _log_names(request, [entry.candidate for entry in page.named], candidate_hits)
    return render(
        request,
        "events/detail.html",
        {
            "page": page,
            "event": event,
            "base_url": settings.JOBBRO_BASE_URL,  # the link the company gets in its mail
            "may_edit": may_edit,
            "may_invite": may_invite,
            "may_record_candidates": bool(roles & set(access.CANDIDATE_EDITORS)),
            "company_statuses": CompanyStatus.choices,
            "candidate_statuses": CandidateStatus.choices,
            "company_query": company_query,
            "company_hits": selectors.company_search(request.user, event, company_query),
            "invitation_preview": invitation_preview(event) if may_edit else None,
            "candidate_query": candidate_query,
            "candidate_hits": candidate_hits,
        },
    )


@allowed(*access.COMPANY_EDITORS)
@require_GET
def company_search(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    query = request.GET.get("company_q", "")[:100]
    hits = selectors.company_search(request.user, event, query)
    return render(
        request,
        "events/_company_hits.html",
        {"event": event, "company_hits": hits, "company_query": query},
    )


@allowed(*access.CANDIDATE_EDITORS)
@require_GET
def candidate_search(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    query = request.GET.get("candidate_q", "")[:100]
    hits = selectors.candidate_search(request.user, event, query)
    _log_names(request, [], hits)
    return render(
        request,
        "events/_candidate_hits.html",
        {"event": event, "candidate_hits": hits, "candidate_query": query},
    )


@allowed(*access.COMPANY_EDITORS)
@require_POST
def company_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    form = AddForm(request.POST)
    company = None
    if form.is_valid():
        company = companies_visible_to(request.user).filter(pk=form.cleaned_data["pk"]).first()
    if company is None:
        messages.error(request, _("The company was not found. Search again."))
        return redirect("events:detail", event.pk)
    try:
        entry = services.event_company_add(actor=request.user, event=event, company=company)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        names = {"company": company.name, "email": entry.email}
        if entry.email:
            text = _("%(company)s is invited; the invitation will be mailed to %(email)s.")
            messages.success(request, text % names)
        else:
            text = _(
                "%(company)s is invited, but no e-mail address is known. "
                "Give the company its registration link yourself."
            )
            messages.warning(request, text % names)
    return redirect("events:detail", event.pk)


@allowed(*access.CANDIDATE_EDITORS)
@require_POST
def candidate_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    event = _event_or_404(request, pk)
    form = AddForm(request.POST)
    centres = selectors.own_candidate_centres(request.user, event.cooperation)
    candidate = None
    if form.is_valid():
        candidate = (
            candidates_visible_to(request.user)
            .filter(pk=form.cleaned_data["pk"], job_centre__in=centres)
            .first()
        )
    if candidate is None:
        messages.error(request, _("The candidate was not found. Search again."))
        return redirect("events:detail", event.pk)
    try:
        services.event_candidate_add(actor=request.user, event=event, candidate=candidate)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s is invited.") % {"name": candidate.full_name})
    return redirect("events:detail", event.pk)


@allowed(*access.COMPANY_EDITORS)
@require_POST
def company_update(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        EventCompany.objects.select_related("event", "company"),
        pk=pk,
        event__in=selectors.events_visible_to(request.user),
    )
    form = CompanyOutcomeForm(request.POST)
    if not form.is_valid():
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect("events:detail", entry.event_id)
    try:
        services.event_company_update(actor=request.user, entry=entry, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(company)s is saved.") % {"company": entry.company.name})
    return redirect("events:detail", entry.event_id)


@allowed(*access.CANDIDATE_EDITORS)
@require_POST
def candidate_update(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        EventCandidate.objects.select_related("event"),
        pk=pk,
        event__in=selectors.events_visible_to(request.user),
    )
    form = CandidateOutcomeForm(request.POST)
    if not form.is_valid():
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect("events:detail", entry.event_id)
    try:
        services.event_candidate_update(actor=request.user, entry=entry, **form.cleaned_data)
    except PermissionDenied:
        messages.error(request, _("Only the candidate's own job centre records this."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The candidate's status is saved."))
    return redirect("events:detail", entry.event_id)


@public
@require_http_methods(["GET", "POST"])
def company_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The company's page by its personal link: the event, and its answer until it starts.

    Staff who open the link see the page, not the form: an answer they sent would be
    recorded as the company's; they record it with the status on the event page.
    """
    entry = selectors.company_invitation(token)
    if entry is None:
        return render(request, "events/invitation_not_found.html", status=404)
    is_staff = request.user.is_authenticated
    is_open = not is_staff and entry.may_answer
    coming = {True: "yes", False: "no", None: None}[entry.coming]
    initial = {
        "coming": coming,
        "participants": entry.participants,
        "recruiting_for": entry.recruiting_for,
    }
    posted = request.POST if request.method == "POST" and is_open else None
    form = CompanyAnswerForm(posted, initial=initial)
    if posted is not None and form.is_valid():
        try:
            services.event_company_answer(entry=entry, **form.cleaned_answer())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(reverse("events:company_answer", args=[token]) + "?sent=1")
    return render(
        request,
        "events/invitation.html",
        {
            "entry": entry,
            "event": entry.event,
            "form": form,
            "is_open": is_open,
            "is_staff": is_staff,
            "sent": request.GET.get("sent") == "1" and entry.answered_at is not None,
        },
    )
