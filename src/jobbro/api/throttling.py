"""Per-client rate limit over the Django cache, with the mechanism the public web form uses
(django-ratelimit's `get_usage`): JOBBRO_API_RATE_LIMIT requests per window, then 429."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from .errors import ApiProblem

GROUP = "jobbro.api"


def check_rate(request: HttpRequest, who: str) -> None:
    """Count this request for `who` (a client or a signed-in user); refuse beyond the limit."""
    usage = get_usage(
        request,
        group=GROUP,
        key=lambda _group, _request: who,
        rate=settings.JOBBRO_API_RATE_LIMIT,
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        wait = max(1, int(usage["time_left"]))
        raise ApiProblem(
            429,
            _("Too many requests: at most %(rate)s. Try again in %(seconds)s seconds.")
            % {"rate": settings.JOBBRO_API_RATE_LIMIT, "seconds": wait},
            headers={"Retry-After": str(wait)},
        )
