"""The JSON API (django-ninja), mounted at /api/v1/.

The API authenticates itself: a signed-in user holding any role, by the Django session;
anyone else gets a 401 (a 403 when signed in without a role) as JSON, never the login page's
redirect. So the access middleware lets its views through (`public`) and every operation
carries the API's `auth`; tests/test_access.py checks both for every API URL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import SessionAuth

from jobbro.organisations.access import ALL_ROLES, public, user_roles
from jobbro.taxonomy.api import router as taxonomy_router


class StaffSession(SessionAuth):
    """The Django session of a user holding at least one role at some job centre."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if not user_roles(user) & {str(role) for role in ALL_ROLES}:
            raise HttpError(403, "Forbidden")
        return user


def staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The same rule for the API's non-operation views (OpenAPI schema, root)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        if not user_roles(request.user) & {str(role) for role in ALL_ROLES}:
            return JsonResponse({"detail": "Forbidden"}, status=403)
        return view(request, *args, **kwargs)

    return guarded


api = NinjaAPI(
    title="Jobbro API",
    version="1",
    urls_namespace="api",
    auth=StaffSession(),
    # No Swagger page (it would load scripts the content security policy refuses); the schema
    # is at /api/v1/openapi.json for signed-in staff.
    docs_url=None,
    docs_decorator=staff_only,
)
api.add_router("/taxonomy/", taxonomy_router)


def _root(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return JsonResponse({"detail": "Not Found", "schema": "openapi.json"}, status=404)


def _urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "api-root":
            # Ninja needs the root URL to know its own path; it has nothing to show.
            pattern.callback = staff_only(_root)
        # The middleware would answer anonymous users with a redirect; the API answers 401.
        public(pattern.callback)
        pattern.callback.authenticated_by_api = True  # type: ignore[attr-defined]
    return patterns, app_name, namespace


urls = _urls()
