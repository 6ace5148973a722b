"""Inactivity timeout and the two-factor gate between the password and everything else."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from jobbro.ui import to_login

from . import state
from .selectors import has_confirmed_device

View = TypeVar("View", bound=Callable[..., Any])

# Django's language switch works before the second factor, like the login page itself.
_EXEMPT_MODULE_PREFIXES = ("django.views.i18n",)


def two_factor_exempt(view: View) -> View:
    """Reachable between the password and the code: the login steps and logging out."""
    view.two_factor_exempt = True  # type: ignore[attr-defined]
    return view


def is_two_factor_exempt(view: Callable[..., Any]) -> bool:
    target = getattr(view, "view_class", view)
    if getattr(view, "two_factor_exempt", False) or getattr(target, "two_factor_exempt", False):
        return True
    return view.__module__.startswith(_EXEMPT_MODULE_PREFIXES)


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    # htmx would swap a redirected page into a fragment; make it load the whole page.
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


# The time of the latest request is written at most once a minute: writing it on every
# request wrote the session row on every page view, a database write per click. The
# timeout ends a session 30 to 31 minutes after its last use.
LAST_SEEN_STEP = 60


class IdleTimeoutMiddleware:
    """Log out a session unused for JOBBRO_SESSION_IDLE_SECONDS and say so on the login page.

    Django's own expiry would delete the session silently, leaving nothing to tell an idle
    user from one who never logged in; hence the timestamp in the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(state.LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.JOBBRO_SESSION_IDLE_SECONDS:
                next_path = request.get_full_path() if request.method == "GET" else "/"
                logout(request)
                messages.warning(
                    request,
                    _(
                        "You were logged out because you had not used Jobbro for a while. "
                        "Log in again to continue."
                    ),
                )
                return to_login(request, next_path)
            if last_seen is None or now - last_seen >= LAST_SEEN_STEP:
                request.session[state.LAST_SEEN] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Between the password and the code a user reaches only the two-factor pages.

    A user with a confirmed device enters a code; one without is sent to enrolment when
    JOBBRO_REQUIRE_2FA is on. Runs before the access middleware, so a half-logged-in user
    is sent on rather than refused.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if not user.is_authenticated or is_two_factor_exempt(view):
            return None
        if not state.two_factor_needed(request) or state.two_factor_done(request):
            return None
        step = "accounts:verify" if has_confirmed_device(user=user) else "accounts:enrol"
        next_path = request.get_full_path() if request.method == "GET" else "/"
        return _redirect(request, f"{reverse(step)}?{urlencode({'next': next_path})}")
