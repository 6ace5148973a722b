from django.http import HttpResponse
from django.shortcuts import render

from jobbro.joborders import selectors
from jobbro.organisations.access import ALL_ROLES, AuthedHttpRequest, allowed

START_PAGE_ROWS = 10


@allowed(*ALL_ROLES)
def home(request: AuthedHttpRequest) -> HttpResponse:
    """The start page: the open work of the user and their job centres."""
    user = request.user
    job_orders = selectors.open_job_orders_for(user)
    referrals = selectors.referrals_awaiting_answer_for(user)
    follow_ups = selectors.follow_ups_due_for(user)
    return render(
        request,
        "core/home.html",
        {
            "job_orders": job_orders[:START_PAGE_ROWS],
            "job_order_count": job_orders.count(),
            "referrals": referrals[:START_PAGE_ROWS],
            "referral_count": referrals.count(),
            "follow_ups": follow_ups[:START_PAGE_ROWS],
            "follow_up_count": follow_ups.count(),
        },
    )
