"""Lockout after repeated wrong passwords (django-axes): unlocking and the lockout page.

Axes counts failures by `jobbro.client.client_ip`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def unlock(*, username: str) -> int:
    """Forget the failed logins for a username from every address; returns how many."""
    return int(reset(username=username))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The translated lockout page (429) that axes shows instead of the login form."""
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = int(cool_off.total_seconds() // 60) if isinstance(cool_off, dt.timedelta) else 0
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)
