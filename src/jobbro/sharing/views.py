"""CV requests: ask from an anonymous hit, see what was asked, answer for one's candidates."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobbro.candidates.models import Candidate, CandidateStatus
from jobbro.joborders.selectors import job_orders_visible_to
from jobbro.matching.selectors import visibility_for
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.privacy.services import log_access
from jobbro.ui import form_error_messages, is_partial

from . import selectors, services
from .forms import AnswerForm, RequestForm
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
