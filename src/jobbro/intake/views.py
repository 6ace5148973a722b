"""Pages of the shared line: the staff's list, registration and actions, the report, the
service targets, and the companies' public web form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import get_usage

from jobbro.client import client_ip
from jobbro.companies.models import Company
from jobbro.companies.services import normalise_cvr
from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, public, user_roles
from jobbro.organisations.models import Cooperation
from jobbro.organisations.selectors import cooperation_of, sits_on_steering_group
from jobbro.ui import add_service_errors, is_partial

from . import selectors, services, spam
from .forms import (
    AnswerForm,
    ForwardForm,
    ListFilterForm,
    NoteForm,
    PublicInquiryForm,
    ReportFilterForm,
    StaffInquiryForm,
    TargetsForm,
)
from .models import Channel, Inquiry, InquiryStatus
from .report import month_start, response_report
from .roles import INTAKE_READERS, INTAKE_WORKERS, REPORT_READERS

LIST_PAGE_SIZE = 50
RECEIPT_SALT = "jobbro.intake.receipt"
RECEIPT_MAX_AGE = 24 * 60 * 60
REPORT_DEFAULT_MONTHS = 6
# Per address; a company rarely sends more than a couple of inquiries an hour.
WEB_FORM_RATE = "5/h"


def _cooperation_or_403(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


# --- the staff's pages ----------------------------------------------------------------------


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


def _routing_context(cooperation: Cooperation, company: Company | None, cvr: str) -> dict[str, Any]:
    matched = selectors.company_for_cvr(cooperation, cvr) if company is None else None
    target = company or matched
    return {
        "routed_to": selectors.route(cooperation, target),
        "routing_company": target,
        "matched_by_cvr": matched is not None,
    }


@allowed(*INTAKE_WORKERS)
@require_http_methods(["GET", "POST"])
def inquiry_create(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation_or_403(request)
    if request.method == "POST" and request.POST.get("action") == "search":
        # The search button without JavaScript: the same form again, unvalidated, with choices.
        form = StaffInquiryForm(initial=request.POST.dict(), cooperation=cooperation)
        raw = request.POST.get("company", "")
        chosen = (
            Company.objects.filter(cooperation=cooperation, pk=raw).first()
            if raw.isdigit()
            else None
        )
        return _create_page(request, cooperation, form, chosen, request.POST.get("cvr", ""))
    form = StaffInquiryForm(request.POST or None, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inquiry = services.inquiry_register(
                actor=request.user,
                cooperation=cooperation,
                channel=data["channel"],
                received_at=data["received_at"],
                company=data["company"],
                company_name=data["company_name"],
                cvr=data["cvr"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                subject=data["subject"],
                message=data["message"],
                take=data["take"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Inquiry %(reference)s is registered and routed to %(centre)s.")
                % {
                    "reference": inquiry.reference,
                    "centre": _("the secretariat") if inquiry.at_secretariat else inquiry.routed_to,
                },
            )
            return _after_action(request, inquiry.pk)
    data = form.cleaned_data if form.is_bound else {}
    status = 400 if form.is_bound else 200
    return _create_page(
        request, cooperation, form, data.get("company"), data.get("cvr", ""), status=status
    )


def _create_page(
    request: AuthedHttpRequest,
    cooperation: Cooperation,
    form: StaffInquiryForm,
    chosen: Company | None,
    cvr: str,
    status: int = 200,
) -> HttpResponse:
    query = str(form["q"].value() or "")
    suggestions = selectors.company_suggestions(request.user, query)
    if chosen is not None and chosen not in suggestions:
        suggestions.insert(0, chosen)
    context = {
        "form": form,
        "suggestions": suggestions,
        "chosen": chosen,
        **_routing_context(cooperation, chosen, normalise_cvr(cvr)),
    }
    return render(request, "intake/create.html", context, status=status)


@allowed(*INTAKE_WORKERS)
@require_GET
def company_search(request: AuthedHttpRequest) -> HttpResponse:
    """The company choices for the registration form (htmx)."""
    query = request.GET.get("q", "")
    chosen = request.GET.get("company", "")
    context = {
        "suggestions": selectors.company_suggestions(request.user, query),
        "chosen_pk": int(chosen) if chosen.isdigit() else None,
        "query": query,
    }
    return render(request, "intake/_company_choices.html", context)


@allowed(*INTAKE_WORKERS)
@require_GET
def routing(request: AuthedHttpRequest) -> HttpResponse:
    """Where the inquiry will go, for the company chosen or the CVR number given (htmx)."""
    cooperation = _cooperation_or_403(request)
    raw_company = request.GET.get("company", "")
    company = None
    if raw_company.isdigit():
        company = Company.objects.filter(cooperation=cooperation, pk=raw_company).first()
    context = _routing_context(cooperation, company, normalise_cvr(request.GET.get("cvr", "")))
    return render(request, "intake/_routing.html", context)


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


def _after_action(request: AuthedHttpRequest, pk: int) -> HttpResponse:
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
            return _after_action(request, pk)
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
    return _after_action(request, pk)


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


@allowed(*REPORT_READERS)
@require_http_methods(["GET", "POST"])
def targets(request: AuthedHttpRequest) -> HttpResponse:
    """Everyone who reads the report sees the targets; the sitting steering group sets them."""
    cooperation = _cooperation_or_403(request)
    may_edit = sits_on_steering_group(request.user, cooperation)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    initial = {
        "inquiry_response_hours": cooperation.inquiry_response_hours,
        "request_reminder_hours": cooperation.request_reminder_hours,
    }
    form = TargetsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_targets_update(
                actor=request.user, cooperation=cooperation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The service targets are saved."))
            return redirect("intake:targets")
    changes = cooperation.target_changes.select_related("by")[:10]
    context = {"form": form, "cooperation": cooperation, "changes": changes, "may_edit": may_edit}
    return render(request, "intake/targets.html", context)


@allowed(*REPORT_READERS)
@require_GET
def report(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation_or_403(request)
    today = timezone.localdate()
    last = month_start(today)
    first = last
    for _month in range(REPORT_DEFAULT_MONTHS - 1):
        first = month_start(first - dt.timedelta(days=1))
    form = ReportFilterForm(request.GET or None, initial={"first_month": first, "last_month": last})
    result = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        result = response_report(
            cooperation,
            first_month=data.get("first_month", first),
            last_month=data.get("last_month", last),
            channel=data.get("channel", ""),
        )
    context = {"form": form, "report": result, "cooperation": cooperation}
    return render(request, "intake/report.html", context)


# --- the companies' public web form ---------------------------------------------------------


@public
@require_GET
def web_form_index(request: HttpRequest) -> HttpResponse:
    """One cooperation: its form. Several in this installation: let the company choose."""
    cooperations = list(Cooperation.objects.filter(secretariat__isnull=False).order_by("name"))
    if len(cooperations) == 1:
        return redirect("intake:web_form", pk=cooperations[0].pk)
    return render(request, "intake/public/choose.html", {"cooperations": cooperations})


def _web_ip(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def _refusal(request: HttpRequest, cooperation: Cooperation, status: int) -> HttpResponse:
    """The same calm answer for every kind of suspected robot: it tells a script nothing."""
    return render(
        request, "intake/public/refused.html", {"cooperation": cooperation}, status=status
    )


def _web_form_usage(request: HttpRequest, *, count: bool) -> dict[str, int] | None:
    return get_usage(
        request, group="intake.web_form", key=_web_ip, rate=WEB_FORM_RATE, increment=count
    )


def _sent_too_many(request: HttpRequest) -> bool:
    """Only inquiries that were sent count towards the limit: a person correcting the form,
    or refused for sending too fast, is not held back by their own attempts."""
    usage = _web_form_usage(request, count=False)
    return usage is not None and usage["count"] >= usage["limit"]


@public
@require_http_methods(["GET", "POST"])
def web_form(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = get_object_or_404(Cooperation, pk=pk, secretariat__isnull=False)
    if request.method == "GET":
        form = PublicInquiryForm(initial={"shown": spam.form_token()})
        return _web_form_page(request, cooperation, form)
    if _sent_too_many(request):
        return _refusal(request, cooperation, status=429)
    form = PublicInquiryForm(request.POST)
    if request.POST.get("website"):
        return _refusal(request, cooperation, status=400)
    verdict = spam.check_token(request.POST.get("shown", ""))
    if verdict == spam.Verdict.FORGED:
        return _refusal(request, cooperation, status=400)
    if verdict == spam.Verdict.TOO_FAST:
        # A browser's autofill sends as fast as a script: keep what they wrote and the
        # moment the form was first shown, so sending again a moment later goes through.
        form.is_valid()
        form.add_error(
            None,
            _(
                "The form was sent very soon after the page opened, so we could not tell it "
                "from an automatic submission. Everything you wrote is kept: check it and "
                "send it again."
            ),
        )
        return _web_form_page(request, cooperation, form, status=400)
    if verdict == spam.Verdict.STALE:
        # A person who left the page open overnight: keep what they wrote, ask again.
        form = PublicInquiryForm(request.POST.dict() | {"shown": spam.form_token()})
        form.is_valid()
        form.add_error(None, _("The form was open for a long time. Check it and send it again."))
        return _web_form_page(request, cooperation, form, status=400)
    if form.is_valid():
        data = form.cleaned_data
        try:
            inquiry = services.inquiry_register(
                actor=None,
                cooperation=cooperation,
                channel=Channel.WEB,
                company=None,
                company_name=data["company_name"],
                cvr=data["cvr"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                subject="",
                message=data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _web_form_usage(request, count=True)
            token = signing.dumps(inquiry.reference, salt=RECEIPT_SALT)
            return redirect(f"{reverse('intake:web_receipt', args=[cooperation.pk])}?r={token}")
    return _web_form_page(request, cooperation, form, status=400)


def _web_form_page(
    request: HttpRequest, cooperation: Cooperation, form: PublicInquiryForm, status: int = 200
) -> HttpResponse:
    context = {"form": form, "cooperation": cooperation}
    return render(request, "intake/public/form.html", context, status=status)


@public
@require_GET
def web_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    cooperation = get_object_or_404(Cooperation, pk=pk)
    try:
        reference = signing.loads(
            request.GET.get("r", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE
        )
    except signing.BadSignature as error:
        raise Http404 from error
    context = {
        "cooperation": cooperation,
        "reference": reference,
        "hours": cooperation.inquiry_response_hours,
    }
    return render(request, "intake/public/receipt.html", context)
