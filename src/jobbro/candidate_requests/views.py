"""Pages of the requests between job centres: send, list, answer, follow the answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.joborders import selectors
from jobbro.joborders.models import Importance, JobOrderStatus
from jobbro.joborders.views import job_order_or_404, messages_of
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.screening import selectors as screening_selectors
from jobbro.screening.forms import ScreeningForm
from jobbro.ui import add_service_errors

from . import selectors as request_selectors
from . import services as request_services
from .forms import RequestAnswerForm, RequestSendForm
from .models import RequestRecipient
from .selectors import RequestPage

LIST_ROWS = 100
POLL_SECONDS = 10


def _centre(request: AuthedHttpRequest) -> int | None:
    """The asked job centre the user acts for (`centre=`), when they work at several."""
    value = request.POST.get("centre") or request.GET.get("centre") or ""
    return int(value) if value.isdigit() else None


def _page_or_404(request: AuthedHttpRequest, pk: int) -> RequestPage:
    page = request_selectors.request_page(request.user, pk, centre=_centre(request))
    if page is None:
        raise Http404
    return page


@allowed(*access.REFERRERS)
@require_GET
def request_list(request: AuthedHttpRequest) -> HttpResponse:
    """Asks to the user's job centres and the requests they sent; no candidate names."""
    return render(
        request,
        "candidate_requests/list.html",
        {
            "incoming": request_selectors.incoming(request.user)[:LIST_ROWS],
            "sent": request_selectors.sent(request.user)[:LIST_ROWS],
        },
    )


@allowed(*access.REFERRERS)
@require_http_methods(["GET", "POST"])
def request_create(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Ask other job centres for candidates to a job order of one's own job centre, or of
    the secretariat."""
    job_order = job_order_or_404(request, pk)
    sender = request_selectors.sender_for(request.user, job_order)
    if sender is None:
        raise PermissionDenied
    others = request_selectors.askable_centres(sender)
    form = RequestSendForm(request.POST if request.method == "POST" else None, others=others)
    if request.method == "POST" and form.is_valid():
        try:
            created = request_services.request_send(
                actor=request.user,
                job_order=job_order,
                message=form.cleaned_data["message"],
                job_centres=list(form.cleaned_data["job_centres"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The request is sent to %(count)s job centres.")
                % {"count": created.recipients.count()},
            )
            return redirect("candidate_requests:detail", pk=created.pk)
    return render(
        request,
        "candidate_requests/create.html",
        {
            "job_order": job_order,
            "form": form,
            "is_open": job_order.status == JobOrderStatus.OPEN,
            "open_request": job_order.candidate_requests.filter(closed_at__isnull=True).first(),
        },
    )


def _answers_context(
    request: AuthedHttpRequest, page: RequestPage, answers: request_selectors.Answers
) -> dict[str, Any]:
    log_access(user=request.user, candidates=answers.named, purpose=Purpose.LIST, request=request)
    questions = screening_selectors.checklist_for(page.request.job_order)
    return {
        "page": page,
        "candidate_request": page.request,
        "job_order": page.request.job_order,
        "answers": answers,
        "poll_seconds": POLL_SECONDS,
        "screening_rows": ScreeningForm(questions=questions).rows(),
        "is_open": page.request.job_order.status == JobOrderStatus.OPEN,
    }


@allowed(*access.REFERRERS)
@require_GET
def request_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The asker follows the answers; an asked job centre offers its own candidates."""
    page = _page_or_404(request, pk)
    requirements = list(selectors.requirements_of(page.request.job_order))
    context: dict[str, Any] = {
        "page": page,
        "candidate_request": page.request,
        "job_order": page.request.job_order,
        "must_haves": [r for r in requirements if r.importance == Importance.MUST],
        "nice_to_haves": [r for r in requirements if r.importance == Importance.NICE],
    }
    if page.is_sender:
        answers = request_selectors.answers(page.request, viewer=request.user)
        context.update(_answers_context(request, page, answers))
    if page.recipient is not None:
        context.update(_recipient_context(request, page, page.recipient))
    return render(request, "candidate_requests/detail.html", context)


def _recipient_context(
    request: AuthedHttpRequest, page: RequestPage, recipient: RequestRecipient
) -> dict[str, Any]:
    ranked = None
    if page.may_answer:
        ranked = request_selectors.own_ranked(page.request, recipient, user=request.user)
        log_access(
            user=request.user, candidates=ranked.named, purpose=Purpose.SEARCH, request=request
        )
    own_offers = list(recipient.offers.select_related("candidate", "offered_by"))
    log_access(
        user=request.user,
        candidates=[o.candidate for o in own_offers],
        purpose=Purpose.LIST,
        request=request,
    )
    return {
        "ranked": ranked,
        "own_offers": own_offers,
        "offered": {o.candidate_id for o in own_offers},
        "answer_form": RequestAnswerForm(own=Candidate.objects.none()),
    }


@allowed(*access.REFERRERS)
@require_GET
def request_answers(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The answers panel, polled by the asker's open page: 204 while nothing changed."""
    page = _page_or_404(request, pk)
    if not page.is_sender:
        raise Http404
    seen = request.GET.get("seen")
    if seen and seen == request_selectors.answers_fingerprint(page.request, viewer=request.user):
        return HttpResponse(status=204)
    answers = request_selectors.answers(page.request, viewer=request.user)
    context = _answers_context(request, page, answers)
    return render(request, "candidate_requests/_answers.html", context)


@allowed(*access.REFERRERS)
@require_POST
def request_answer(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    if page.recipient is None:
        raise PermissionDenied
    own = Candidate.objects.filter(
        job_centre=page.recipient.job_centre, status=CandidateStatus.ACTIVE
    )
    form = RequestAnswerForm(request.POST, own=own)
    errors: list[str] = []
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
    else:
        try:
            request_services.request_answer(
                actor=request.user,
                recipient=page.recipient,
                candidates=list(form.cleaned_data["candidates"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            errors = messages_of(error)
    for message in errors:
        messages.error(request, message)
    if not errors:
        asker = _("the secretariat") if page.request.by_secretariat else page.request.job_centre
        messages.success(request, _("Your answer is sent to %(centre)s.") % {"centre": asker})
    query = f"?centre={page.recipient.job_centre_id}" if len(page.asked) > 1 else ""
    return redirect(reverse("candidate_requests:detail", args=[pk]) + query + "#answer")


@allowed(*access.REFERRERS)
@require_POST
def request_close(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    page = _page_or_404(request, pk)
    if not page.is_sender:
        raise PermissionDenied
    try:
        request_services.request_close(actor=request.user, request=page.request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The request is closed."))
    return redirect("candidate_requests:detail", pk=pk)
