"""The JSON API (django-ninja), mounted at /api/v1/.

The API authenticates itself: a machine client by its token (`auth.ClientToken`), or a
signed-in user holding any role by the Django session; anyone else gets a 401 problem,
never the login page's redirect. So the access middleware lets its views through
(`public`) and every operation carries the API's `auth`; tests/test_access.py checks both
for every API URL. Answers and problems are in the language of the request's
Accept-Language (Danish unless it asks for English).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from jobbro.organisations.access import ALL_ROLES, public, user_roles
from jobbro.taxonomy.api import router as taxonomy_router

from . import errors, services
from .auth import ClientToken, StaffSession
from .candidates import router as candidates_router
from .companies import router as companies_router
from .joborders import router as joborders_router
from .placements import follow_ups_router
from .placements import router as placements_router
from .referrals import router as referrals_router

SUPPORTED = {"da", "en"}


def request_language(request: HttpRequest) -> str:
    """The first supported language the client accepts; Danish by default."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in SUPPORTED:
            return base
    return settings.LANGUAGE_CODE


def in_request_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def speaking(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = request_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return speaking


def staff_or_client(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The access rule of the operations for the API's other views (schema, docs, root)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        scheme, _space, token = header.partition(" ")
        if scheme.lower() == "bearer":
            if services.client_for_token(token.strip()) is None:
                return errors.on_authentication(request, Exception())
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return errors.on_authentication(request, Exception())
        if not user_roles(request.user) & {str(role) for role in ALL_ROLES}:
            return errors.on_forbidden(request, Exception())
        return view(request, *args, **kwargs)

    return guarded


def docs_guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    # Swagger UI's own stylesheet draws its icons from data: URLs; only this page allows them.
    relaxed: Any = csp_update({"img-src": ["'self'", "data:"]})(view)
    return staff_or_client(relaxed)


class JobbroApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Problems are declared as application/problem+json, as they are sent."""
        schema = super().get_openapi_schema(*args, **kwargs)
        problem = {"schema": {"$ref": "#/components/schemas/ProblemOut"}}
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                # What any operation may answer: no or a bad token, a role or scope that
                # does not allow it, a body too large, input that does not validate, too
                # many requests.
                for status in (400, 401, 403, 413, 422, 429):
                    responses.setdefault(
                        status,
                        {
                            "description": HTTPStatus(status).phrase,
                            "content": {"application/json": dict(problem)},
                        },
                    )
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[errors.PROBLEM_CONTENT_TYPE] = content.pop("application/json")
        schema.setdefault("components", {}).setdefault("securitySchemes", {})
        return schema


api = JobbroApi(
    title="Jobbro API",
    version="1",
    description="Tokens, scopes, idempotency, pagination, errors and limits: docs/api.md.",
    urls_namespace="api",
    auth=[ClientToken(), StaffSession()],
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    docs_decorator=docs_guard,
)
errors.install(api)
api.add_router("/taxonomy/", taxonomy_router)
api.add_router("/companies/", companies_router)
api.add_router("/job-orders/", joborders_router)
api.add_router("/candidates/", candidates_router)
api.add_router("/referrals/", referrals_router)
api.add_router("/placements/", placements_router)
api.add_router("/follow-ups/", follow_ups_router)


def _root(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return errors.problem_response(404, _("The API's schema is at openapi.json, its docs at docs."))


def build_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "api-root":
            # Ninja needs the root URL to know its own path; it has nothing to show.
            pattern.callback = staff_or_client(_root)
        cells = getattr(pattern.callback, "__closure__", None) or ()
        path_view = next(
            (c.cell_contents for c in cells if hasattr(c.cell_contents, "operations")), None
        )
        pattern.callback = in_request_language(pattern.callback)
        # The operations behind the URL, for tests/test_access.py to read their roles.
        pattern.callback.path_view = path_view  # type: ignore[attr-defined]
        # The middleware would answer anonymous users with a redirect; the API answers 401.
        public(pattern.callback)
        pattern.callback.authenticated_by_api = True  # type: ignore[attr-defined]
        pattern.callback.csrf_exempt = True  # type: ignore[attr-defined]
    return patterns, app_name, namespace
