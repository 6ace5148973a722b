"""The DPO's access-log pages and the citizen's requests: data export and erasure.

Views that show personal data run in one transaction with their access-log rows
(`transaction.atomic`), and write the log before rendering: if the log cannot be written,
nothing is shown.
"""

from __future__ import annotations

import csv
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates import selectors as candidate_selectors
from jobbro.candidates.models import Candidate
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.models import JobCentre
from jobbro.pdf import pdf_response

from . import selectors, services
from .export_pdf import render_export
from .forms import CandidateNameSearchForm, CprSearchForm, ErasureForm, LogFilterForm
from .selectors import DPO_ROLES, REQUEST_HANDLERS

PAGE_SIZE = 50


@allowed(*DPO_ROLES)
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("cpr")
@never_cache
@transaction.atomic
@sensitive_variables("cpr")  # innermost: it guards the frame of the function it wraps
def log_search(request: AuthedHttpRequest) -> HttpResponse:
    """Find the candidate a citizen's request is about: by name (GET) or CPR (POST)."""
    name_form = CandidateNameSearchForm(request.GET or None)
    cpr_form = CprSearchForm(request.POST or None)
    candidates: list[Candidate] | None = None
    if request.method == "POST":
        if cpr_form.is_valid():
            cpr = cpr_form.cleaned_data["cpr"]
            candidates = list(selectors.dpo_candidate_search(request.user, cpr=cpr))
    elif name_form.is_valid() and name_form.cleaned_data["q"]:
        found = selectors.dpo_candidate_search(request.user, name=name_form.cleaned_data["q"])
        candidates = list(found[:PAGE_SIZE])
    if candidates:
        log_access(user=request.user, candidates=candidates, purpose=Purpose.DPO, request=request)
    return render(
        request,
        "privacy/log_search.html",
        {"name_form": name_form, "cpr_form": cpr_form, "candidates": candidates},
    )


@allowed(*DPO_ROLES)
@require_GET
@transaction.atomic
def candidate_log(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    candidate = _dpo_candidate_or_404(request, pk)
    form = LogFilterForm(request.GET or None, job_centres=_log_centres(candidate))
    entries = selectors.access_log_of(candidate.pk, **form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.DPO, request=request)
    return render(
        request,
        "privacy/candidate_log.html",
        {
            "candidate": candidate,
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
            "entries": page.object_list,
        },
    )


def _dpo_candidate_or_404(request: AuthedHttpRequest, pk: int) -> Candidate:
    candidate = selectors.dpo_candidate(request.user, pk)
    if candidate is None:
        raise Http404("No such candidate.")
    return candidate


def _log_centres(candidate: Candidate) -> QuerySet[JobCentre]:
    return JobCentre.objects.filter(cooperation=candidate.job_centre.cooperation_id).order_by(
        "name"
    )


@allowed(*DPO_ROLES)
@require_GET
@transaction.atomic
def candidate_log_csv(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """One candidate's access log, for the answer to the citizen's request for insight."""
    candidate = _dpo_candidate_or_404(request, pk)
    form = LogFilterForm(request.GET or None, job_centres=_log_centres(candidate))
    entries = selectors.access_log_of(candidate.pk, **form.filters())
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.DPO, request=request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-log-candidate-{candidate.pk}.csv"'
    )
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # so spreadsheet programs read the Danish letters right
    writer = csv.writer(response)
    writer.writerow(
        [_("When"), _("User"), _("Reader's job centre"), _("Purpose"), _("Page"), _("Address")]
    )
    for entry in entries:
        writer.writerow(
            [
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.username,
                entry.job_centre.name if entry.job_centre else "",
                entry.get_purpose_display(),
                entry.view_name,
                entry.path,
            ]
        )
    return response


def _handled_candidate(request: AuthedHttpRequest, pk: int) -> Candidate:
    """The owning job centre's caseworkers and DPO; 404 for others, as everywhere."""
    candidate = (
        Candidate.objects.select_related("job_centre", "municipality", "unemployment_fund", "cv")
        .filter(pk=pk)
        .first()
    )
    if candidate is None or not selectors.may_handle_requests(request.user, candidate):
        visible = candidate_selectors.candidates_visible_to(request.user).filter(pk=pk).exists()
        if visible:
            raise PermissionDenied
        raise Http404("No such candidate.")
    return candidate


@allowed(*REQUEST_HANDLERS)
@require_GET
@transaction.atomic
def candidate_export(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The citizen's data as a JSON file (GDPR art. 15), to hand over on request."""
    candidate = _handled_candidate(request, pk)
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.EXPORT, request=request)
    data = selectors.candidate_export(candidate)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@allowed(*REQUEST_HANDLERS)
@require_GET
@transaction.atomic
def candidate_export_pdf(request: AuthedHttpRequest, pk: int, language: str) -> HttpResponse:
    """The same data as the JSON export, readable, in the citizen's language (the address
    names it; the caseworker picks the one the citizen reads)."""
    candidate = _handled_candidate(request, pk)
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.EXPORT, request=request)
    pdf = render_export(candidate, language=language)
    return pdf_response(pdf, filename=f"candidate-{candidate.pk}-{language}.pdf")


def _back_to(request: AuthedHttpRequest, candidate: Candidate) -> HttpResponse:
    """The candidate's page, or the DPO's log page for a DPO who does not read candidates."""
    if user_roles(request.user) & set(access.CANDIDATE_READERS):
        return redirect("candidates:detail", pk=candidate.pk)
    return redirect("privacy:candidate_log", pk=candidate.pk)


@allowed(*REQUEST_HANDLERS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def candidate_erase(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    candidate = _handled_candidate(request, pk)
    if candidate.anonymised_at is not None:
        messages.info(request, _("The candidate is already anonymised."))
        return _back_to(request, candidate)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_erase(
                actor=request.user, candidate=candidate, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The candidate's personal data is erased."))
            return _back_to(request, candidate)
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.ERASURE, request=request)
    return render(
        request,
        "privacy/erase.html",
        {
            "candidate": candidate,
            "form": form,
            "blockers": services.erasure_blockers(candidate),
        },
    )
