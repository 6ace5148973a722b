"""The shortage signals page (docs/foresight.md)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.selectors import cooperation_of

from . import selectors
from .forms import SpanForm
from .roles import SHORTAGE_READERS, TITLE

TREND_QUARTERS = 4
TREND_OCCUPATIONS = 10


@allowed(*SHORTAGE_READERS)
@require_GET
def shortages(request: AuthedHttpRequest) -> HttpResponse:
    cooperation = cooperation_of(request.user)
    if cooperation is None:
        raise PermissionDenied
    form = SpanForm(request.GET or None)
    today = timezone.localdate()
    span = selectors.last_months(today, form.chosen_months())
    occupations = selectors.occupation_signals(cooperation, span, today)
    quarters = selectors.quarters(today, TREND_QUARTERS)
    scarce = [s.occupation for s in occupations[:TREND_OCCUPATIONS]]
    return render(
        request,
        "foresight/shortages.html",
        {
            "title": TITLE,
            "form": form,
            "span": span,
            "occupations": occupations,
            "requirements": selectors.requirement_signals(cooperation, span, today),
            "quarter_labels": [
                _("Q%(quarter)d %(year)d")
                % {"quarter": (q.start.month + 2) // 3, "year": q.start.year}
                for q in quarters
            ],
            "trends": selectors.trends(cooperation, scarce, quarters),
            "short_below": selectors.SHORT_BELOW,
            "watch_below": selectors.WATCH_BELOW,
        },
    )
