"""The company's answer page (by personal link, no login), the secretariat's round page,
and the results."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from jobbro.organisations import access
from jobbro.organisations.access import AuthedHttpRequest, allowed, public
from jobbro.organisations.models import Cooperation, Role, User
from jobbro.organisations.selectors import cooperation_of
from jobbro.ui import form_error_messages

from . import selectors, services
from .forms import (
    QUESTION_LABELS,
    QUESTION_TEXTS,
    AnswerForm,
    ResultsFilter,
    SendConfirmForm,
    recipient_values,
)
from .mail import invitation_preview
from .models import QUESTIONS

RESULT_READERS = (*access.LEADERS, Role.SECRETARIAT, Role.BUSINESS_CONSULTANT)


def _cooperation(user: User) -> Cooperation:
    cooperation = cooperation_of(user)
    if cooperation is None:
        raise Http404("No cooperation.")
    return cooperation


@public
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(request, "surveys/not_found.html", status=404)
    if invitation.is_answered:
        return render(
            request,
            "surveys/answered.html",
            {"invitation": invitation, "thanks": request.GET.get("sent") == "1"},
        )
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(invitation=invitation, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect(reverse("surveys:answer", args=[token]) + "?sent=1")
    return render(
        request,
        "surveys/answer.html",
        {"invitation": invitation, "form": form, "questions": [form[name] for name in QUESTIONS]},
    )


@allowed(Role.SECRETARIAT)
@require_GET
def round_page(request: AuthedHttpRequest) -> HttpResponse:
    overview = selectors.current_round(_cooperation(request.user))
    return render(request, "surveys/round.html", {"overview": overview})


@allowed(Role.SECRETARIAT)
@require_http_methods(["GET", "POST"])
def round_send(request: AuthedHttpRequest) -> HttpResponse:
    """Who gets the survey, at which address, and the mail; sent only when confirmed, and
    only to the companies the user saw (the list is checked again when sending)."""
    cooperation = _cooperation(request.user)
    changed: selectors.Shown | None = None
    if request.method == "POST":
        form = SendConfirmForm(request.POST)
        if form.is_valid():
            try:
                sent = services.send_quarterly_surveys(
                    cooperation=cooperation,
                    actor=request.user,
                    confirmed=form.cleaned_data["recipient"],
                )
            except ValidationError as error:
                if error.code != "changed":
                    raise
                changed = form.cleaned_data["recipient"]
            else:
                if sent:
                    text = ngettext(
                        "%(count)s invitation is sent.", "%(count)s invitations are sent.", sent
                    )
                    messages.success(request, text % {"count": sent})
                else:
                    messages.info(
                        request, _("Every company with recent contact is invited already.")
                    )
                return redirect("surveys:round")
        for message in form_error_messages(form):
            messages.error(request, message)
    overview = selectors.current_round(cooperation)
    ready = overview.waiting.ready
    now_shown = selectors.shown(ready)
    context = {
        "overview": overview,
        "ready": ready,
        "recipient_values": recipient_values(now_shown),
        "preview": None,
        "changed": changed is not None,
    }
    if ready:
        context["preview"] = invitation_preview(
            company=ready[0].company.name, cooperation=cooperation, quarter=overview.quarter
        )
    if changed is not None:
        # New companies or addresses are marked in the list; the others are only counted.
        context["new_since"] = {pk for pk, email in now_shown - changed}
        context["added"] = len(now_shown - changed)
        context["gone"] = len(changed - now_shown)
    return render(
        request,
        "surveys/round_send.html",
        context,
        status=409 if changed is not None else 200,
    )


@allowed(*RESULT_READERS)
@require_GET
def results(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request.user)
    form = ResultsFilter(
        request.GET,
        centres=selectors.survey_job_centres(cooperation),
        quarters=selectors.survey_quarters(cooperation),
    )
    if form.is_valid():
        results = selectors.survey_results(
            cooperation,
            job_centre=form.cleaned_data["job_centre"],
            quarter=form.chosen_quarter(),
        )
    else:  # the form shows what it did not understand; the page shows everything
        results = selectors.survey_results(cooperation)
    return render(
        request,
        "surveys/results.html",
        {
            "form": form,
            "results": results,
            "question_labels": [QUESTION_LABELS[name] for name in QUESTIONS],
            "question_texts": [QUESTION_TEXTS[name] for name in QUESTIONS],
        },
    )
