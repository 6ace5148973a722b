"""The shared line's inquiries: the list, an inquiry's page and the actions on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, user_roles
from jobbro.organisations.models import Cooperation
from jobbro.organisations.selectors import cooperation_of
from jobbro.ui import add_service_errors, is_partial

from .. import selectors, services
from ..forms import AnswerForm, ForwardForm, ListFilterForm, NoteForm
from ..models import Inquiry, InquiryStatus
from ..roles import INTAKE_READERS, INTAKE_WORKERS

LIST_PAGE_SIZE = 50


def cooperation_or_403(request: AuthedHttpRequest) -> Cooperation:
    """The user's cooperation, whose line the pages show; no cooperation, no access."""
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


@allowed(*INTAKE_READERS)
@require_GET
def inquiry_list(request: AuthedHttpRequest) -> HttpResponse:
    centres = selectors.visible_job_centres(request.user)
    form = ListFilterForm(request.GET or None, job_centres=centres)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ListFilters(
        open_only=bool(data.get("open")),
        overdue_only=bool(data.get("overdue")),
        at_secretariat=bool(data.get("secretariat")),
        channel=data.get("channel", ""),
        job_centre=data.get("job_centre"),
    )
    now = timezone.now()
    inquiries = selectors.inquiry_list(request.user, filters, now=now)
    page = Paginator(inquiries, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "inquiries": page.object_list,
        "now": now,
        "may_register": bool(user_roles(request.user) & set(INTAKE_WORKERS)),
        "sees_secretariat": selectors.secretariat_cooperations(request.user).exists(),
    }
    template = "intake/_list_results.html" if is_partial(request) else "intake/list.html"
    response = render(request, template, context)
    # The same URL answers with a fragment or a page; caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _inquiry_or_404(request: AuthedHttpRequest, pk: int) -> Inquiry:
    inquiry = selectors.inquiry_for_detail(request.user, pk)
    if inquiry is None:
        raise Http404
    return inquiry


@allowed(*INTAKE_READERS)
@require_GET
def inquiry_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    return _detail_page(request, inquiry)


def _detail_page(
    request: AuthedHttpRequest,
    inquiry: Inquiry,
    *,
    answer_form: AnswerForm | None = None,
    forward_form: ForwardForm | None = None,
    close_form: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_work = selectors.may_work(request.user, inquiry)
    context = {
        "inquiry": inquiry,
        "transitions": selectors.transitions(inquiry),
        "now": timezone.now(),
        "may_work": may_work,
        "may_take": may_work
        and inquiry.is_open
        and not (
            inquiry.status == InquiryStatus.IN_PROGRESS
            and inquiry.assigned_to_id == request.user.pk
        ),
        "may_close": may_work and inquiry.status != InquiryStatus.CLOSED,
        "may_create_job_order": inquiry.company_id is not None
        and not inquiry.company_unverified
        and bool(user_roles(request.user) & set(access.JOB_ORDER_EDITORS)),
        "answer_form": answer_form or AnswerForm(prefix="answer"),
        "forward_form": forward_form or _forward_form(inquiry),
        "close_form": close_form or NoteForm(prefix="close"),
        "is_overdue": inquiry.is_open and inquiry.respond_by < timezone.now(),
    }
    return render(request, "intake/detail.html", context, status=status)


def _forward_form(inquiry: Inquiry, data: Any = None) -> ForwardForm:
    return ForwardForm(
        data,
        prefix="forward",
        targets=selectors.forward_targets(inquiry),
        secretariat=selectors.may_forward_to_secretariat(inquiry),
    )


def after_action(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Back to the inquiry; to the list when it has gone where the user cannot see it."""
    if selectors.inquiry_for_detail(request.user, pk) is None:
        return redirect("intake:list")
    return redirect("intake:detail", pk=pk)


def _act(
    request: AuthedHttpRequest,
    inquiry: Inquiry,
    form: forms.Form,
    act: Callable[[Inquiry, dict[str, Any]], object],
    done: str,
    form_name: str,
) -> HttpResponse:
    """Run one action on a visible inquiry; on bad input, the page again with the errors."""
    pk = inquiry.pk
    if form.is_valid():
        try:
            act(inquiry, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return after_action(request, pk)
    return _detail_page(request, inquiry, **{form_name: form}, status=400)  # type: ignore[arg-type]


@allowed(*INTAKE_WORKERS)
@require_POST
def inquiry_take(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    try:
        services.inquiry_take(actor=request.user, inquiry=inquiry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You have taken the inquiry."))
    return redirect("intake:detail", pk=pk)


@allowed(*INTAKE_WORKERS)
@require_POST
def inquiry_confirm_company(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    try:
        services.inquiry_confirm_company(actor=request.user, inquiry=inquiry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The company is confirmed."))
    return redirect("intake:detail", pk=pk)


@allowed(*INTAKE_WORKERS)
@require_POST
def inquiry_reject_company(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    try:
        rejected = services.inquiry_reject_company(actor=request.user, inquiry=inquiry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("intake:detail", pk=pk)
    if rejected.at_secretariat:
        messages.success(
            request, _("The company match is removed; the inquiry is with the secretariat.")
        )
    else:
        messages.success(request, _("The company match is removed."))
    return after_action(request, pk)


@allowed(*INTAKE_WORKERS)
@require_POST
def inquiry_answer(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        _inquiry_or_404(request, pk),
        AnswerForm(request.POST, prefix="answer"),
        lambda inquiry, data: services.inquiry_answer(
            actor=request.user,
            inquiry=inquiry,
            note=data["note"],
            responded_at=data["responded_at"],
        ),
        _("The response is recorded."),
        "answer_form",
    )


@allowed(*INTAKE_WORKERS)
@require_POST
def inquiry_forward(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry_or_404(request, pk)
    return _act(
        request,
        inquiry,
        _forward_form(inquiry, request.POST),
        lambda inquiry, data: services.inquiry_forward(
            actor=request.user, inquiry=inquiry, to=data["to"], note=data["note"]
        ),
        _("The inquiry is forwarded."),
        "forward_form",
    )


@allowed(*INTAKE_WORKERS)
@require_POST
def inquiry_close(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        _inquiry_or_404(request, pk),
        NoteForm(request.POST, prefix="close"),
        lambda inquiry, data: services.inquiry_close(
            actor=request.user, inquiry=inquiry, note=data["note"]
        ),
        _("The inquiry is closed."),
        "close_form",
    )
