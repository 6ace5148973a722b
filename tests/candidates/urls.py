"""The project's URLs plus stand-ins for job-order names not published yet.

The base layout's menu and the candidate page link to job orders. Until that app ships its
views, these placeholders let the candidate pages render in tests; a name the real app
already has is left alone, so this file does nothing once it exists.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from jobbro import urls as project_urls
from jobbro.organisations.access import public

PLACEHOLDERS = {
    "joborders": [
        ("list", ""),
        ("detail", "<int:pk>/"),
        ("follow_ups", "follow-ups/"),
    ],
}


@public
def placeholder(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse("placeholder")


def _with_placeholders(entry: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if not isinstance(entry, URLResolver) or entry.namespace not in PLACEHOLDERS:
        return entry
    patterns = list(entry.url_patterns)
    names = {p.name for p in patterns if isinstance(p, URLPattern)}
    missing = [
        path(route, placeholder, name=name)
        for name, route in PLACEHOLDERS[entry.namespace]
        if name not in names
    ]
    if not missing:
        return entry
    return path(
        str(entry.pattern),
        include((patterns + missing, entry.app_name), namespace=entry.namespace),
    )


urlpatterns = [_with_placeholders(entry) for entry in project_urls.urlpatterns]
