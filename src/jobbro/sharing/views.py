"""The ranked list of a job order and proposing from it; CV requests: ask from an
anonymous hit, see what was asked, answer for one's candidates."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.joborders import selectors as joborder_selectors
from jobbro.joborders.models import JobOrder, JobOrderStatus
from jobbro.joborders.selectors import job_orders_visible_to
from jobbro.joborders.views import job_order_or_404
from jobbro.matching.selectors import visibility_for
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.pools.selectors import pool_facets
from jobbro.screening import selectors as screening_selectors
from jobbro.screening import services as screening_services
from jobbro.screening.forms import ScreeningForm
from jobbro.ui import form_error_messages, is_partial, messages_of, partial_target

from . import selectors, services
from .forms import AnswerForm, ProposeForm, RankFilterForm, RequestForm
from .models import SharingRequest
from .tokens import candidate_of_token

LIST_ROWS = 100


def _next_url(request: AuthedHttpRequest, raw: str) -> str:
    if raw and url_has_allowed_host_and_scheme(raw, {request.get_host()}, request.is_secure()):
        return raw
    return "sharing:requests"


@dataclass(frozen=True)
class _AskedHit:
    """What the request action needs to show again after asking."""

    rank: int | None
    token: str
    request: SharingRequest | None


@allowed(*access.CANDIDATE_READERS)
@require_POST
def request_create(request: AuthedHttpRequest) -> HttpResponse:
    form = RequestForm(request.POST)
    errors: list[str] = []
    created: SharingRequest | None = None
    data = form.cleaned_data if form.is_valid() else {}
    candidate_id = candidate_of_token(data.get("token", ""), user_id=request.user.pk)
    if not form.is_valid() or candidate_id is None:
        errors = [_("The search result is out of date. Search again and ask once more.")]
    else:
        candidate = Candidate.objects.select_related("job_centre").filter(pk=candidate_id).first()
        job_order = None
        if data.get("job_order"):
            job_order = job_orders_visible_to(request.user).filter(pk=data["job_order"]).first()
            if job_order is None:
                errors = [_("The job order does not exist.")]
        if candidate is None or candidate.status != CandidateStatus.ACTIVE:
            errors = [_("The candidate is no longer searchable.")]
        if not errors and candidate is not None:
            try:
                created = services.sharing_request_create(
                    actor=request.user,
                    candidate=candidate,
                    job_order=job_order,
                    note=data.get("note", ""),
                )
            except PermissionDenied:
                errors = [_("You cannot ask for this candidate's CV.")]
            except ValidationError as error:
                errors = [str(message) for message in error.messages]
    if is_partial(request):
        token = data.get("token", "") if created is None else ""
        hit = _AskedHit(data.get("rank"), token, created)
        return render(request, "sharing/_request_action.html", {"hit": hit, "errors": errors})
    for message in errors:
        messages.error(request, message)
    if created is not None:
        messages.success(
            request,
            _("The request is sent to %(centre)s.") % {"centre": created.candidate.job_centre},
        )
    return redirect(_next_url(request, data.get("next", "")))


@allowed(*access.CANDIDATE_READERS)
@require_GET
def request_list(request: AuthedHttpRequest) -> HttpResponse:
    user = request.user
    may_answer = bool(user_roles(user) & set(access.CANDIDATE_EDITORS))
    incoming = list(selectors.incoming_requests(user)[:LIST_ROWS]) if may_answer else []
    outgoing = list(selectors.outgoing_requests(user)[:LIST_ROWS])
    visibility = visibility_for(user)
    # The asker learns the name only once the candidate is visible to them.
    outgoing_rows = [(r, selectors.may_see(visibility, r.candidate)) for r in outgoing]
    named = {r.candidate_id for r in incoming} | {
        r.candidate_id for r, seen in outgoing_rows if seen
    }
    log_access(user=user, candidates=sorted(named), purpose="list", request=request)
    return render(
        request,
        "sharing/requests.html",
        {
            "incoming": incoming,
            "outgoing_rows": outgoing_rows,
            "may_answer": may_answer,
            "answer_form": AnswerForm(),
        },
    )


@allowed(*access.CANDIDATE_EDITORS)
@require_POST
def request_answer(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    sharing_request = get_object_or_404(SharingRequest, pk=pk)
    if selectors.answerable_request(request.user, pk) is None:
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect("sharing:requests")
    shared = form.cleaned_data["answer"] == "shared"
    try:
        services.sharing_request_answer(
            actor=request.user,
            request=sharing_request,
            shared=shared,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        name = sharing_request.candidate.full_name
        if shared:
            text = _("%(name)s's CV is shared with the cooperation.") % {"name": name}
        else:
            text = _("The request for %(name)s is declined.") % {"name": name}
        messages.success(request, text)
    return redirect("sharing:requests")


# --- the ranked list of a job order and proposing from it -----------------------------

# The ranked list's one dialog; the propose view answers into it (htmx's HX-Target).
PROPOSE_DIALOG = "propose-dialog-content"
RANKED_PAGE_SIZE = 50


def _page_number(request: AuthedHttpRequest) -> int:
    raw = request.GET.get("page", "")
    return max(int(raw), 1) if raw.isdigit() else 1


@allowed(*access.REFERRERS)
@require_GET
def ranked_list(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The job order's ranked candidates from every member job centre, a page at a time,
    with facet counts over the whole list.

    Candidates the user may not see appear as anonymous hits to ask their job centre about.
    Each card's "Propose" opens the page's one dialog (`referral_propose`).
    """
    job_order = job_order_or_404(request, pk)
    tasks = selectors.tasks_without_trade(job_order)
    form = RankFilterForm(
        request.GET or None,
        job_order=job_order,
        pools=pool_facets(request.user, job_order),
        tasks=any(task.skill_ids for task in tasks),
    )
    for_tasks = form.for_tasks()
    ranked = selectors.ranked_for_job_order(
        job_order,
        searcher=request.user,
        filters=form.search_filters(),
        order=form.order(),
        page=_page_number(request),
        per_page=RANKED_PAGE_SIZE,
        facets=form.facet_request(),
        for_tasks=for_tasks,
        tasks=tasks,
    )
    log_access(user=request.user, candidates=ranked.named, purpose=Purpose.SEARCH, request=request)
    page = Paginator(range(ranked.total), ranked.per_page).page(ranked.page)
    assert ranked.facets is not None
    context = {
        "job_order": job_order,
        "form": form,
        "ranked": ranked,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "facets": form.counted(ranked.facets),
        "is_open": job_order.status == JobOrderStatus.OPEN,
        "filtered": form.filtered(),
        "order": form.order(),
        "partial": is_partial(request),
        "for_tasks": for_tasks,
        "tasks": [task for task in tasks if task.skill_ids],
    }
    template = "sharing/_ranked_results.html" if context["partial"] else "sharing/ranked.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@allowed(*access.REFERRERS)
@require_http_methods(["GET", "POST"])
def referral_propose(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Propose a candidate with the screening checklist answered.

    GET shows the checklist for one candidate: inside the ranked list's dialog (htmx), or as
    a page of its own without JavaScript. POST proposes, from that dialog or page, or from
    any page that posts here (the answers to a request swap their row's `_propose.html`);
    `next` says where to go back.
    """
    job_order = job_order_or_404(request, pk)
    form = ProposeForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return HttpResponse(status=400)
    candidate = get_object_or_404(
        joborder_selectors.candidates_visible_to(request.user).select_related("job_centre"),
        pk=form.cleaned_data["candidate"],
    )
    questions = screening_selectors.checklist_for(job_order)
    in_dialog = partial_target(request) == PROPOSE_DIALOG
    if request.method == "GET":
        log_access(
            user=request.user, candidates=[candidate], purpose=Purpose.SEARCH, request=request
        )
        return _propose_form(
            request,
            job_order=job_order,
            candidate=candidate,
            screening=ScreeningForm(questions=questions),
            in_dialog=in_dialog,
            already=joborder_selectors.is_referred(job_order, candidate),
        )
    screening = ScreeningForm(request.POST, questions=questions)
    errors: list[str] = []
    if not screening.is_valid():
        errors = [screening.summary()]
    else:
        try:
            screening_services.referral_propose_screened(
                actor=request.user,
                job_order=job_order,
                candidate=candidate,
                motivation=form.cleaned_data["motivation"],
                responses=screening.responses(),
            )
        except ValidationError as error:
            errors = messages_of(error)
    if is_partial(request) and not in_dialog:
        # Only the row's action swaps: the rank and explanation stay as they were.
        return render(
            request,
            "sharing/_propose.html",
            {
                "candidate": candidate,
                "job_order": job_order,
                "is_open": job_order.status == JobOrderStatus.OPEN,
                "proposed": not errors,
                "errors": errors,
                "screening_rows": screening.rows(),
                "motivation": form.cleaned_data["motivation"],
            },
        )
    if errors or in_dialog:
        response = _propose_form(
            request,
            job_order=job_order,
            candidate=candidate,
            screening=screening,
            in_dialog=in_dialog,
            errors=errors,
            motivation=form.cleaned_data["motivation"],
        )
        if not errors:  # ranked.js closes the dialog once the card shows it
            proposed = {"target": "#propose-dialog", "candidate": candidate.pk}
            response["HX-Trigger-After-Settle"] = json.dumps({"jobbro:proposed": proposed})
        return response
    messages.success(request, _("%(name)s is proposed.") % {"name": candidate.full_name})
    return redirect(_back_to(request, job_order))


def _propose_form(
    request: AuthedHttpRequest,
    *,
    job_order: JobOrder,
    candidate: Candidate,
    screening: ScreeningForm,
    in_dialog: bool,
    errors: Sequence[str] = (),
    motivation: str = "",
    already: bool = False,
) -> HttpResponse:
    """The checklist for one candidate: the dialog's content, or a page of its own."""
    posted = request.method == "POST"
    context = {
        "job_order": job_order,
        "candidate": candidate,
        "screening_rows": screening.rows(),
        "errors": errors,
        "motivation": motivation,
        "proposed": posted and not errors,
        "already": already,
        "is_open": job_order.status == JobOrderStatus.OPEN,
        "next": _back_to(request, job_order),
        "in_dialog": in_dialog,
    }
    template = "sharing/_propose_form.html" if in_dialog else "sharing/propose.html"
    return render(request, template, context)


def _back_to(request: AuthedHttpRequest, job_order: JobOrder) -> str:
    raw = request.POST.get("next", "") or request.GET.get("next", "")
    if raw and url_has_allowed_host_and_scheme(raw, {request.get_host()}, request.is_secure()):
        return raw
    return reverse("sharing:ranked", args=[job_order.pk])
