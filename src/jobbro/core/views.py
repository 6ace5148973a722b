from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jobbro.joborders import selectors
from jobbro.organisations.access import ALL_ROLES, AuthedHttpRequest, allowed, public
from jobbro.privacy.services import log_access

START_PAGE_ROWS = 10


@allowed(*ALL_ROLES)
def home(request: AuthedHttpRequest) -> HttpResponse:
    """The start page: the open work of the user and their job centres."""
    user = request.user
    job_orders = selectors.open_job_orders_for(user)
    referrals = selectors.referrals_awaiting_answer_for(user)
    follow_ups = selectors.follow_ups_due_for(user)
    shown_referrals = list(referrals[:START_PAGE_ROWS])
    shown_follow_ups = list(follow_ups[:START_PAGE_ROWS])
    # The start page names candidates in both lists: each name shown is a logged read.
    named = [r.candidate_id for r in shown_referrals] + [
        f.placement.referral.candidate_id for f in shown_follow_ups
    ]
    log_access(user=user, candidates=named, purpose="start", request=request)
    return render(
        request,
        "core/home.html",
        {
            "job_orders": job_orders[:START_PAGE_ROWS],
            "job_order_count": job_orders.count(),
            "referrals": shown_referrals,
            "referral_count": referrals.count(),
            "follow_ups": shown_follow_ups,
            "follow_up_count": follow_ups.count(),
        },
    )


@public
@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and bookmarks ask for whatever the page links."""
    found = finders.find("jobbro/favicon.ico")
    assert isinstance(found, str)
    return HttpResponse(Path(found).read_bytes(), content_type="image/x-icon")
