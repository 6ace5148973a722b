"""Deny by default, checked for every URL and every role.

A new view without a declared permission fails `test_every_view_declares_access`; a view
that answers a role outside its declaration fails the matrix.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from jobbro.organisations.access import declared_roles, is_public
from tests.urls_world import APP_PATTERNS, build_world, url_of, url_patterns

# The JSON API authenticates itself (401 as JSON, not the login redirect); see jobbro/api.py.
API_PATTERNS = [(name, p) for name, p in url_patterns(get_resolver()) if name.startswith("api:")]


def test_every_view_declares_access() -> None:
    undeclared = [name for name, p in APP_PATTERNS if declared_roles(p.callback) is None]
    assert not undeclared, f"views without @allowed or @public: {undeclared}"


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    return build_world()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), APP_PATTERNS, ids=[n for n, _ in APP_PATTERNS])
def test_role_matrix(name: str, pattern: URLPattern, world: dict[str, Any]) -> None:
    url = url_of(name, pattern, world)
    roles = declared_roles(pattern.callback) or frozenset()

    anonymous = Client().get(url)
    assert anonymous.status_code == 302, f"{name} answers anonymous users"
    assert anonymous["Location"].startswith(reverse("login"))

    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        status = client.get(url).status_code
        if role in roles:
            assert status != 403, f"{name} refuses {role}, which it declares"
        else:
            assert status == 403, f"{name} answers {role} with {status}"


def test_api_views_authenticate_themselves() -> None:
    assert API_PATTERNS, "the API is not mounted"
    unmarked = [n for n, p in API_PATTERNS if not getattr(p.callback, "authenticated_by_api", 0)]
    assert not unmarked, f"API views outside jobbro.api's access rule: {unmarked}"


def _api_operations(pattern: URLPattern) -> dict[str, Any]:
    """The API operations behind a URL by method (none for the schema, docs and root)."""
    path_view = getattr(pattern.callback, "path_view", None)
    if path_view is None:
        return {}
    return {method: op for op in path_view.operations for method in op.methods}


def _api_url(name: str, pattern: URLPattern) -> str:
    """The URL with 999999 for every id: anonymous callers are refused before any look-up."""
    return reverse(name, kwargs={key: 999999 for key in pattern.pattern.converters})


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), API_PATTERNS, ids=[n for n, _ in API_PATTERNS])
def test_api_role_matrix(name: str, pattern: URLPattern, world: dict[str, Any]) -> None:
    """Anonymous callers get a 401 problem on every API URL and method; signed-in staff
    get the lists and the schema as the roles each operation declares (`api.auth.roles`)."""
    operations = _api_operations(pattern)
    url = _api_url(name, pattern)
    for method in operations or {"GET": None}:
        anonymous = Client().generic(method, url)
        assert anonymous.status_code == 401, f"{name} {method} answers anonymous users"
        assert anonymous["Content-Type"].startswith("application/problem+json")
    for method, operation in operations.items():
        assert hasattr(operation.view_func, "api_roles") or name.startswith("api:taxonomy"), (
            f"{name} {method} declares no roles"
        )
    if pattern.pattern.converters or "GET" not in (operations or {"GET": None}):
        return
    # The root only tells ninja where the API lives; it has nothing to show.
    getter = operations.get("GET")
    roles = getattr(getter.view_func, "api_roles", None) if getter else None
    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        expected = 404 if name == "api:api-root" else 200
        if roles is not None and role not in roles:
            expected = 403
        assert client.get(url).status_code == expected, f"{name} answers {role} wrongly"


# Open without login, each on purpose: signing in, the API (it checks its own tokens), the
# pages a company opens by its personal link (and the barometer's occupation search, which
# checks the link), the public contact form and job postings.
PUBLIC_PAGES = {
    "login",
    "logout",
    "set_language",
    "accounts:enrol",
    "accounts:verify",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "api:api-root",
    "api:openapi-json",
    "api:openapi-view",
    "api:taxonomy_occupations",
    "api:taxonomy_skills",
    "core:favicon",
    "events:company_answer",
    "surveys:answer",
    "surveys:barometer_answer",
    "surveys:barometer_occupations",
    "intake:web_form_index",
    "intake:web_form",
    "intake:web_receipt",
    "postings:list",
    "postings:detail",
    "postings:feed",
}


def test_public_pages_are_those_meant_to_be() -> None:
    public = {
        name
        for name, p in url_patterns(get_resolver())
        if not name.startswith("admin:") and is_public(p.callback)
    }
    # Every API URL authenticates itself (test_api_views_authenticate_themselves).
    assert public == PUBLIC_PAGES | {name for name, _ in API_PATTERNS}


@pytest.mark.django_db
def test_job_postings_open_to_everyone(world: dict[str, Any]) -> None:
    for url in (
        reverse("postings:list"),
        reverse("postings:detail", args=[world["posting_key"]]),
        reverse("postings:feed"),
    ):
        assert Client().get(url).status_code == 200, url
        for user in world["users"].values():
            client = Client()
            client.force_login(user)
            assert client.get(url).status_code == 200, url
