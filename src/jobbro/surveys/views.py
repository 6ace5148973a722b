"""The company's answer page (by personal link, no login), the secretariat's round page,
and the results."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage

from jobbro.client import client_ip
from jobbro.organisations.access import AuthedHttpRequest, allowed, public
from jobbro.organisations.models import Cooperation, Role, User
from jobbro.organisations.selectors import cooperation_of
from jobbro.taxonomy.views import occupation_matches
from jobbro.ui import form_error_messages

from . import selectors, services
from .forms import (
    QUESTION_LABELS,
    QUESTION_TEXTS,
    AnswerForm,
    BarometerFilter,
    BarometerForm,
    BarometerSendForm,
    OutlookFormSet,
    ResultsFilter,
    SendConfirmForm,
    recipient_values,
)
from .mail import barometer_preview, invitation_preview
from .models import QUESTIONS, BarometerRound
from .roles import RESULT_READERS


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


# --- the job barometer ------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def barometer_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.barometer_invitation_by_token(token)
    if invitation is None:
        return render(request, "surveys/not_found.html", status=404)
    if invitation.is_answered:
        return render(
            request,
            "surveys/answered.html",
            {"invitation": invitation, "thanks": request.GET.get("sent") == "1"},
        )
    assert invitation.barometer_round is not None
    occupations = selectors.barometer_occupations(invitation.barometer_round.cooperation)
    choices = [(occupation.pk, occupation.label) for occupation in occupations]
    data = request.POST if request.method == "POST" else None
    form = BarometerForm(data)
    outlooks = OutlookFormSet(
        data,
        form_kwargs={
            "occupations": choices,
            "search_url": reverse("surveys:barometer_occupations", args=[token]),
        },
    )
    if request.method == "POST" and form.is_valid() and outlooks.is_valid():
        try:
            services.barometer_answer(
                invitation=invitation,
                small_jobs=form.cleaned_data["small_jobs"],
                apprentices=form.cleaned_data["apprentices"],
                outlooks=[
                    services.Outlook(
                        occupation=row.cleaned_data["occupation"],
                        hires_3m=row.cleaned_data["hires_3m"],
                        hires_6m=row.cleaned_data["hires_6m"],
                        hires_12m=row.cleaned_data["hires_12m"],
                        hard_to_fill=row.cleaned_data["hard_to_fill"],
                    )
                    for row in outlooks.forms
                    if not row.is_blank
                ],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect(reverse("surveys:barometer_answer", args=[token]) + "?sent=1")
    return render(
        request,
        "surveys/barometer_answer.html",
        {"invitation": invitation, "form": form, "outlooks": outlooks},
    )


# The occupation search of an answer page, per link and per address: typing six
# occupations asks some tens of times; a script asking on and on is held back.
BAROMETER_SEARCH_RATE = "200/h"
BAROMETER_SEARCH_ADDRESS_RATE = "600/h"


def _searched_too_much(request: HttpRequest, token: str) -> bool:
    by_address = get_usage(
        request,
        group="surveys.barometer_search.address",
        key=lambda _group, request: client_ip(request),
        rate=BAROMETER_SEARCH_ADDRESS_RATE,
        increment=True,
    )
    by_link = get_usage(
        request,
        group="surveys.barometer_search.link",
        key=lambda _group, _request: token,
        rate=BAROMETER_SEARCH_RATE,
        increment=True,
    )
    return any(usage is not None and usage["should_limit"] for usage in (by_address, by_link))


@public
@require_GET
def barometer_occupations(request: HttpRequest, token: str) -> HttpResponse:
    """The answer page's occupation search (the taxonomy picker's matches), without login:
    only for a barometer link not yet answered, read-only, rate-limited."""
    if _searched_too_much(request, token):
        return HttpResponse(status=429)
    invitation = selectors.barometer_invitation_by_token(token)
    if invitation is None or invitation.is_answered:
        return HttpResponse(status=404)
    return occupation_matches(request)


@allowed(Role.SECRETARIAT)
@require_GET
def barometer_page(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request.user)
    return render(
        request,
        "surveys/barometer.html",
        {
            "overview": selectors.barometer_overview(cooperation),
            "form": BarometerSendForm(centres=selectors.survey_job_centres(cooperation)),
        },
    )


@allowed(Role.SECRETARIAT)
@require_http_methods(["GET", "POST"])
def barometer_send(request: AuthedHttpRequest) -> HttpResponse:
    """Who gets this half-year's barometer, at which address, and the mail; sent only when
    confirmed, and only to the companies the user saw (as the satisfaction round)."""
    cooperation = _cooperation(request.user)
    centres = selectors.survey_job_centres(cooperation)
    choice = BarometerSendForm(request.POST or request.GET, centres=centres)
    if not choice.is_valid():
        for message in form_error_messages(choice):
            messages.error(request, message)
        return redirect("surveys:barometer")
    job_centres = list(choice.cleaned_data["job_centre"])
    changed = False
    if request.method == "POST":
        form = SendConfirmForm(request.POST)
        if form.is_valid():
            try:
                sent = services.send_barometer(
                    cooperation=cooperation,
                    job_centres=job_centres,
                    actor=request.user,
                    confirmed=form.cleaned_data["recipient"],
                )
            except ValidationError as error:
                if error.code != "changed":
                    raise
                changed = True
            else:
                text = ngettext(
                    "%(count)s invitation is sent.", "%(count)s invitations are sent.", sent
                )
                messages.success(request, text % {"count": sent})
                return redirect("surveys:barometer")
        for message in form_error_messages(form):
            messages.error(request, message)
    overview = selectors.barometer_overview(cooperation)
    waiting = selectors.barometer_recipients(
        cooperation=cooperation, job_centres=job_centres, exclude_round=overview.barometer_round
    )
    preview = None
    if waiting.ready:
        example = overview.barometer_round or BarometerRound(
            cooperation=cooperation, year=overview.year, half=overview.half
        )
        preview = barometer_preview(company=waiting.ready[0].company.name, barometer_round=example)
    return render(
        request,
        "surveys/barometer_send.html",
        {
            "overview": overview,
            "ready": waiting.ready,
            "without_email": waiting.without_email,
            "job_centres": job_centres,
            "recipient_values": recipient_values(selectors.shown(waiting.ready)),
            "preview": preview,
            "changed": changed,
        },
        status=409 if changed else 200,
    )


@allowed(*RESULT_READERS)
@require_GET
def barometer_results(request: AuthedHttpRequest) -> HttpResponse:
    """Aggregates only: the joint barometer or one job centre's, per occupation."""
    cooperation = _cooperation(request.user)
    rounds = selectors.barometer_rounds(cooperation)
    form = BarometerFilter(
        request.GET, rounds=rounds, centres=selectors.survey_job_centres(cooperation)
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    barometer_round = chosen.get("barometer_round") or rounds.first()
    results = (
        selectors.barometer_results(barometer_round, job_centre=chosen.get("job_centre"))
        if barometer_round is not None
        else None
    )
    return render(
        request,
        "surveys/barometer_results.html",
        {"form": form, "results": results, "job_centre": chosen.get("job_centre")},
    )


@allowed(*RESULT_READERS)
@require_GET
def barometer_export(request: AuthedHttpRequest) -> HttpResponse:
    """The barometer shown as CSV, to pass on: a figure from fewer than five companies is
    "<5" (the totals likewise when fewer than five answered)."""
    cooperation = _cooperation(request.user)
    rounds = selectors.barometer_rounds(cooperation)
    form = BarometerFilter(
        request.GET, rounds=rounds, centres=selectors.survey_job_centres(cooperation)
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    barometer_round = chosen.get("barometer_round") or rounds.first()
    if barometer_round is None:
        raise Http404("No job barometer.")
    results = selectors.barometer_results(barometer_round, job_centre=chosen.get("job_centre"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jobbarometer.csv"'
    writer = csv.writer(response, delimiter=";")
    shown = selectors.shown_count
    writer.writerow([str(results.barometer_round), str(chosen.get("job_centre") or "")])
    writer.writerow([_("Companies answered"), shown(results.answered, results.answered)])
    writer.writerow([_("Small jobs expected"), shown(results.small_jobs, results.answered)])
    writer.writerow([_("Apprentices expected"), shown(results.apprentices, results.answered)])
    writer.writerow(
        [
            _("Occupation"),
            _("Within 3 months"),
            _("Within 6 months"),
            _("Within 12 months"),
            _("Within 12 months, the round before"),
            _("Companies"),
            _("Hard to fill"),
        ]
    )
    for row in results.occupations:
        writer.writerow(
            [
                row.occupation.label,
                shown(row.hires_3m, row.companies),
                shown(row.hires_6m, row.companies),
                shown(row.hires_12m, row.companies),
                "" if row.previous_12m is None else shown(row.previous_12m, row.previous_companies),
                shown(row.companies, row.companies),
                shown(row.hard_to_fill, row.companies),
            ]
        )
    return response
