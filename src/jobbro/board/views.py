"""The weekly board meeting's page for a week and a job centre, printable."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jobbro import reports
from jobbro.kpis.periods import week as week_of
from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Cooperation
from jobbro.organisations.selectors import cooperation_of

from . import selectors
from .export import board_report, filename
from .forms import BoardForm, earliest_week, week_value
from .roles import BOARD_READERS
from .selectors import Scope, board


def _cooperation(request: AuthedHttpRequest) -> Cooperation:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    return cooperation


def _rules() -> dict[str, object]:
    """The rules' numbers, for the page to say them."""
    return {
        "small_job_hours": selectors.SMALL_JOB_HOURS,
        "events_ahead_days": selectors.EVENTS_AHEAD_DAYS,
        "ease_weeks": selectors.EASE_WEEKS,
        "easy_percent": round(100 * selectors.EASY_SHARE),
        "hard_percent": round(100 * selectors.HARD_SHARE),
        "no_referral_days": selectors.NO_REFERRAL_DAYS,
        "waiting_days": selectors.WAITING_DAYS,
    }


@allowed(*BOARD_READERS)
@require_GET
def board_page(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = _cooperation(request)
    form = BoardForm(request.GET or None, job_centres=cooperation.job_centres.order_by("name"))
    context: dict[str, object] = {"form": form, "cooperation": cooperation}
    if not form.is_bound or form.is_valid():
        week = form.period()
        centre = form.chosen_centre()
        shown = board(Scope(cooperation, centre), week)
        fmt = reports.requested_format(request)
        if fmt is not None:
            scope_name = centre.name if centre else cooperation.name
            return reports.report_response(board_report(shown, scope_name), fmt, filename(shown))
        context["board"] = shown
        context["exports"] = reports.export_links(request)
        context["week_value"] = week_value(week)
        if week.start > earliest_week().start:
            context["previous_week"] = week_value(week.previous())
        context["job_centre"] = centre
        later = week_of(week.end + dt.timedelta(days=1))
        if later.start <= timezone.localdate():
            context["next_week"] = week_value(later)
    context.update(_rules())
    return render(request, "board/board.html", context)
