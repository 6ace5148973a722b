"""The secretariat's screening checklists, and the job order's page for the company."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.cv_pdf import render_cv
from jobbro.candidates.selectors import candidate_with_cv
from jobbro.joborders.models import JobOrderKind
from jobbro.joborders.views import job_order_or_404
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Role
from jobbro.organisations.selectors import cooperation_of
from jobbro.pdf import pdf_response

from . import selectors as screening_selectors
from . import services as screening_services
from .forms import BaseChecklistFormSet, ChecklistFormSet, checklist_initial

PREFIX = "items"


@allowed(Role.SECRETARIAT)
@require_http_methods(["GET", "POST"])
def checklists(request: AuthedHttpRequest) -> HttpResponse:
    """One kind of job order's checklist at a time (`?kind=`), edited as a whole."""
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    if kind not in JobOrderKind.values:
        kind = JobOrderKind.ORDINARY
    items = screening_selectors.checklist(cooperation, kind)
    data = request.POST if request.method == "POST" else None
    formset = cast(
        BaseChecklistFormSet,
        ChecklistFormSet(data, prefix=PREFIX, initial=checklist_initial(items)),
    )
    if request.method == "POST" and formset.is_valid():
        try:
            screening_services.checklist_save(
                actor=request.user, cooperation=cooperation, kind=kind, items=formset.items()
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The checklist is saved."))
            return redirect(f"{reverse('screening:checklists')}?kind={kind}")
    counts = screening_selectors.checklist_counts(cooperation)
    return render(
        request,
        "screening/checklists.html",
        {
            "formset": formset,
            "kind": kind,
            "kind_label": JobOrderKind(kind).label,
            "kinds": [(value, label, counts[value]) for value, label in JobOrderKind.choices],
        },
    )


@allowed(*access.CANDIDATE_READERS)
@require_GET
def company_sheet(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """To print or send to the company: the candidates it is considering, each screened by
    the same checklist; names, so only those who work with candidates open it."""
    job_order = job_order_or_404(request, pk)
    sheet = screening_selectors.company_sheet(job_order, user=request.user)
    log_access(
        user=request.user,
        candidates=[r.candidate for r in sheet.named],
        purpose=Purpose.REFERRALS,
        request=request,
    )
    return render(request, "screening/company_sheet.html", {"sheet": sheet})


@allowed(*access.CANDIDATE_READERS)
@require_GET
@transaction.atomic
def referral_cv_pdf(request: AuthedHttpRequest, pk: int, language: str) -> HttpResponse:
    """Beside the company sheet: a proposed candidate's anonymised CV, for everyone who
    opens the sheet, whether or not they may name the candidate."""
    referral = screening_selectors.sheet_referral(request.user, pk)
    candidate = None if referral is None else candidate_with_cv(referral.candidate_id)
    if candidate is None:
        raise Http404("No such referral.")
    log_access(
        user=request.user, candidates=[candidate], purpose=Purpose.REFERRALS, request=request
    )
    pdf = render_cv(candidate, language=language, anonymised=True)
    return pdf_response(pdf, filename=f"cv-anonymised-{language}.pdf")
