from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jobbro.accesslog.services import log_access
from jobbro.candidates.selectors import candidates_visible_to
from jobbro.joborders import selectors
from jobbro.organisations import access
from jobbro.organisations.access import ALL_ROLES, AuthedHttpRequest, allowed, public, user_roles
from jobbro.organisations.models import User

START_PAGE_ROWS = 10


@allowed(*ALL_ROLES)
def home(request: AuthedHttpRequest) -> HttpResponse:
    """The start page: the open work of the user and their job centres.

    Each list is for the roles that may open what it links to, and a candidate is named
    only to those who may open the candidate; the others see the job centre instead."""
    user = request.user
    roles = user_roles(user)
    reads_orders = bool(roles & set(access.JOB_ORDER_READERS))
    records_follow_ups = bool(roles & set(access.FOLLOW_UP_RECORDERS))
    job_orders = selectors.open_job_order_ids_for(user) if reads_orders else []
    referrals = selectors.referrals_awaiting_answer_for(user, job_orders) if reads_orders else []
    follow_ups = selectors.follow_ups_due_for(user) if records_follow_ups else None
    shown_referrals = selectors.referrals_listed(referrals[:START_PAGE_ROWS])
    shown_follow_ups = list(follow_ups[:START_PAGE_ROWS]) if follow_ups is not None else []
    named_referrals = _openable(user, roles, [r.candidate_id for r in shown_referrals])
    # Recording a follow-up opens its page, which names the hired candidate.
    named = list(named_referrals) + [f.placement.referral.candidate_id for f in shown_follow_ups]
    log_access(user=user, candidates=named, purpose="start", request=request)
    return render(
        request,
        "core/home.html",
        {
            "reads_orders": reads_orders,
            "records_follow_ups": records_follow_ups,
            "job_orders": selectors.job_orders_listed(job_orders[:START_PAGE_ROWS]),
            "job_order_count": len(job_orders),
            "referrals": shown_referrals,
            "referral_count": len(referrals),
            "named_referrals": named_referrals,
            "follow_ups": shown_follow_ups,
            "follow_up_count": follow_ups.count() if follow_ups is not None else 0,
        },
    )


def _openable(user: User, roles: frozenset[str], candidate_ids: list[int]) -> set[int]:
    """The candidates among these whose page the user may open."""
    if not candidate_ids or not roles & set(access.CANDIDATE_READERS):
        return set()
    visible = candidates_visible_to(user).filter(pk__in=candidate_ids)
    return set(visible.values_list("pk", flat=True))


@public
@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and bookmarks ask for whatever the page links."""
    found = finders.find("jobbro/favicon.ico")
    assert isinstance(found, str)
    return HttpResponse(Path(found).read_bytes(), content_type="image/x-icon")
