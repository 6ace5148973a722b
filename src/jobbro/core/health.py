"""Liveness and readiness for the load balancer and the process supervisor.

Answered by a middleware placed first, before the host check, the HTTPS redirect and the
login: a probe comes over plain HTTP from the host's own address, and what it asks must not
depend on a session. `/health/live` says the process answers (nothing else is touched, so a
database outage does not get healthy processes restarted); `/health/ready` says it can serve
(the database answers and the shared cache stores and returns a value), so the balancer
sends it users. Neither says more than "ok" or which check failed.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

LIVE_PATH = "/health/live"
READY_PATH = "/health/ready"


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache() -> bool:
    key, value = "jobbro:health", secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    return cache.get(key) == value


CHECKS: dict[str, Callable[[], bool]] = {"database": _database, "cache": _cache}


def readiness() -> dict[str, bool]:
    """Each check's result; a check that raises has failed (and is logged, for the operator)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:
            logger.exception("readiness check %s failed", name)
            results[name] = False
    return results


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == LIVE_PATH:
            return JsonResponse({"status": "ok"})
        if request.path == READY_PATH:
            results = readiness()
            ready = all(results.values())
            checks = {name: "ok" if ok else "failing" for name, ok in results.items()}
            status = "ok" if ready else "unavailable"
            return JsonResponse({"status": status, "checks": checks}, status=200 if ready else 503)
        return self.get_response(request)
