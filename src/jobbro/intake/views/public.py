"""The companies' public web form, without login: spam-protected by a honeypot, a signed
timestamp and a per-address rate limit rather than an image CAPTCHA, for accessibility."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage

from jobbro.client import client_ip
from jobbro.organisations.access import public
from jobbro.organisations.models import Cooperation
from jobbro.ui import add_service_errors

from .. import services, spam
from ..forms import PublicInquiryForm

RECEIPT_SALT = "jobbro.intake.receipt"
RECEIPT_MAX_AGE = 24 * 60 * 60

# Per address; a company rarely sends more than a couple of inquiries an hour.
WEB_FORM_RATE = "5/h"


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
            inquiry, registered = services.web_inquiry_register(
                nonce=spam.token_nonce(request.POST["shown"]),
                cooperation=cooperation,
                company_name=data["company_name"],
                cvr=data["cvr"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                contact_email=data["contact_email"],
                message=data["message"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Sent again (a double click, the back button): the same receipt, nothing new.
            if registered:
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
