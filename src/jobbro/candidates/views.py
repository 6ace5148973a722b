"""Candidate pages: list with live search, the CV page, and the editors' forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.pdf import pdf_response
from jobbro.privacy import selectors as privacy_selectors
from jobbro.taxonomy.models import Qualification
from jobbro.ui import add_service_errors, is_partial

from . import selectors, services
from .cv_pdf import render_cv
from .forms import (
    CV_SECTIONS,
    CandidateCreateForm,
    CandidateFilterForm,
    CandidateForm,
    CvForm,
    cv_formsets,
    kept_rows,
)
from .models import Candidate, Cv

PAGE_SIZE = 25
ROW_TYPES: dict[str, Any] = {
    "experiences": services.ExperienceRow,
    "educations": services.EducationRow,
    "qualifications": services.QualificationRow,
    "languages": services.LanguageRow,
}


def _candidate_or_404(request: AuthedHttpRequest, pk: int) -> Candidate:
    """Candidates the user may not read do not exist as far as this user is concerned."""
    candidate = selectors.candidate_detail(request.user, pk)
    if candidate is None:
        raise Http404("No such candidate.")
    return candidate


def _editable_candidate(request: AuthedHttpRequest, pk: int) -> Candidate:
    """404 for whom the candidate is invisible, 403 for those who may only read it."""
    candidate = _candidate_or_404(request, pk)
    if not selectors.can_edit_candidate(request.user, candidate):
        raise PermissionDenied
    return candidate


def _new_qualification_rows(
    rows: list[services.QualificationRow], picked: Iterable[Qualification]
) -> list[services.QualificationRow]:
    """Certificates ticked in the skills picker become rows, unless the CV has them already."""
    held = {row.qualification.pk for row in rows}
    return [services.QualificationRow(qualification=q) for q in picked if q.pk not in held]


@allowed(*access.CANDIDATE_READERS)
@require_GET
@transaction.atomic
def candidate_list(request: AuthedHttpRequest) -> HttpResponse:
    form = CandidateFilterForm(request.GET, user=request.user, url=reverse("candidates:list"))
    candidates = selectors.candidate_list(request.user, **form.filters())
    page = Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "candidates": page.object_list,
        "can_create": bool(user_roles(request.user) & set(access.CANDIDATE_EDITORS)),
    }
    log_access(
        user=request.user, candidates=page.object_list, purpose=Purpose.LIST, request=request
    )
    template = "candidates/_results.html" if is_partial(request) else "candidates/list.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _detail_context(request: AuthedHttpRequest, candidate: Candidate) -> dict[str, Any]:
    cv: Cv | None = getattr(candidate, "cv", None)
    return {
        "candidate": candidate,
        "cv": cv,
        "can_edit": selectors.can_edit_candidate(request.user, candidate),
        "show_personal_data": selectors.can_see_personal_data(request.user, candidate),
        "can_handle_requests": privacy_selectors.may_handle_requests(request.user, candidate),
        "referrals": list(candidate.referrals.all()),
    }


@allowed(*access.CANDIDATE_READERS)
@require_GET
@transaction.atomic
def candidate_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    candidate = _candidate_or_404(request, pk)
    context = _detail_context(request, candidate)
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.VIEW, request=request)
    return render(request, "candidates/detail.html", context)


@allowed(*access.CANDIDATE_READERS)
@require_POST
@never_cache
@transaction.atomic
@sensitive_variables("cpr")  # innermost: it guards the frame of the function it wraps
def candidate_cpr(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Show the CPR number on purpose: only the owning job centre, and each time logged."""
    candidate = _candidate_or_404(request, pk)
    if not selectors.can_see_personal_data(request.user, candidate):
        raise PermissionDenied
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.VIEW_CPR, request=request)
    cpr = candidate.cpr
    if is_partial(request):
        response = render(request, "privacy/_cpr.html", {"candidate": candidate, "cpr": cpr})
    else:
        context = {**_detail_context(request, candidate), "cpr": cpr}
        response = render(request, "candidates/detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _duplicate_of(request: AuthedHttpRequest, error: ValidationError) -> Candidate | None:
    """The job centre's own candidate a duplicate-CPR refusal names, to link to it."""
    for item in getattr(error, "error_dict", {}).get("cpr", []):
        if item.code == "duplicate_cpr_own" and item.params:
            found = selectors.candidates_visible_to(request.user).filter(pk=item.params["pk"])
            return found.first()
    return None


@allowed(*access.CANDIDATE_EDITORS)
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("cpr")
@never_cache
@transaction.atomic
def candidate_create(request: AuthedHttpRequest) -> HttpResponse:
    """A new candidate of one of the job centres where the user is a job consultant."""
    form = CandidateCreateForm(request.POST or None, user=request.user)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            duplicate = _duplicate_of(request, error)
        else:
            messages.success(
                request, _("%(name)s is registered as a candidate.") % {"name": candidate}
            )
            return redirect("candidates:detail", pk=candidate.pk)
    if duplicate is not None:
        # The refusal names the job centre's own candidate: a read like any other.
        log_access(user=request.user, candidates=[duplicate], purpose=Purpose.VIEW, request=request)
    return render(
        request, "candidates/candidate_create.html", {"form": form, "duplicate": duplicate}
    )


@allowed(*access.CANDIDATE_EDITORS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def candidate_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    candidate = _editable_candidate(request, pk)
    form = CandidateForm(request.POST or None, instance=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(actor=request.user, candidate=candidate, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("candidates:detail", pk=candidate.pk)
    # The bound form may have changed the instance in memory; the heading shows the stored one.
    candidate.refresh_from_db()
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.EDIT, request=request)
    return render(request, "candidates/candidate_form.html", {"form": form, "candidate": candidate})


@allowed(*access.CANDIDATE_EDITORS)
@require_http_methods(["GET", "POST"])
@transaction.atomic
def cv_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    candidate = _editable_candidate(request, pk)
    cv: Cv = getattr(candidate, "cv", None) or Cv(candidate=candidate)
    data = request.POST if request.method == "POST" else None
    form = CvForm(data, instance=cv)
    formsets = cv_formsets(data, cv)
    if request.method == "POST":
        # Validate every part, so all errors show at once.
        valid = [form.is_valid()] + [formset.is_valid() for formset in formsets.values()]
        if all(valid):
            rows: dict[str, Any] = {
                key: [ROW_TYPES[key](**row) for row in kept_rows(formset)]
                for key, formset in formsets.items()
            }
            fields = dict(form.cleaned_data)
            picked = fields.pop("picked_qualifications", None) or []
            rows["qualifications"] += _new_qualification_rows(rows["qualifications"], picked)
            try:
                services.cv_update(actor=request.user, cv=cv, **fields, **rows)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The CV is saved."))
                return redirect("candidates:detail", pk=candidate.pk)
    sections = [
        {"prefix": prefix, "title": title, "formset": formsets[prefix]}
        for prefix, _formset, title in CV_SECTIONS
    ]
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.EDIT, request=request)
    return render(
        request,
        "candidates/cv_form.html",
        {
            "candidate": candidate,
            "form": form,
            "sections": sections,
            "has_errors": request.method == "POST",
        },
    )


@allowed(*access.CANDIDATE_READERS)
@require_GET
@transaction.atomic
def cv_pdf(request: AuthedHttpRequest, pk: int, language: str) -> HttpResponse:
    """The CV in the common template, in the language the address names; for whoever
    reads the candidate page, with contact data only for the owning job centre."""
    candidate = selectors.cv_of(request.user, pk)
    if candidate is None:
        raise Http404("No such candidate.")
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.VIEW, request=request)
    show_contact = selectors.can_see_personal_data(request.user, candidate)
    pdf = render_cv(candidate, language=language, anonymised=False, show_contact=show_contact)
    return pdf_response(pdf, filename=f"cv-{candidate.pk}-{language}.pdf")


@allowed(*access.CANDIDATE_READERS)
@require_GET
@transaction.atomic
def cv_anonymised_pdf(request: AuthedHttpRequest, pk: int, language: str) -> HttpResponse:
    """The CV without what tells who the candidate is: for those who read the candidate,
    and for those a search shows the candidate to as an anonymous hit."""
    candidate = selectors.anonymised_cv_of(request.user, pk)
    if candidate is None:
        raise Http404("No such candidate.")
    log_access(user=request.user, candidates=[candidate], purpose=Purpose.VIEW, request=request)
    pdf = render_cv(candidate, language=language, anonymised=True)
    return pdf_response(pdf, filename=f"cv-anonymised-{language}.pdf")
