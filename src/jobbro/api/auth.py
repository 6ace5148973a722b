"""Who calls the API: a machine client by its token, or signed-in staff by their session.

A client acts as its service account (see `models.ApiClient`), so the operations check
roles and objects exactly as the pages do; a read-only client is refused every write.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from jobbro.organisations.access import ALL_ROLES, user_roles
from jobbro.organisations.models import Role, User

from . import services
from .errors import ApiProblem
from .models import ApiClient
from .throttling import check_rate

F = TypeVar("F", bound=Callable[..., Any])


class ClientToken(HttpBearer):
    """`Authorization: Bearer jbo_<prefix>_<secret>` of an unrevoked client."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        client = services.client_for_token(token)
        if client is None:
            # A token that was sent but is wrong or revoked is refused, even beside a
            # signed-in session: the caller meant to be the client.
            raise AuthenticationError()
        request.user = client.user
        request.api_client = client  # type: ignore[attr-defined]
        services.touch(client)
        check_rate(request, f"client:{client.pk}")
        return client.user


class StaffSession(SessionAuth):
    """The Django session of a user holding at least one role at some job centre."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if not user_roles(user) & {str(role) for role in ALL_ROLES}:
            raise HttpError(403, "Forbidden")
        request.api_client = None  # type: ignore[attr-defined]
        check_rate(request, f"user:{user.pk}")
        return user


def client_of(request: HttpRequest) -> ApiClient | None:
    return getattr(request, "api_client", None)


def actor(request: HttpRequest) -> User:
    """The user the operation acts as: the client's service account or the signed-in user."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def require(request: HttpRequest, roles: tuple[Role, ...]) -> None:
    if not user_roles(actor(request)) & {str(role) for role in roles}:
        raise ApiProblem(403, _("Your roles do not allow this."))


def require_write(request: HttpRequest) -> None:
    client = client_of(request)
    if client is not None and not client.can_write:
        raise ApiProblem(403, _("This API client may only read."))


def roles(*allowed: Role, write: bool = False) -> Callable[[F], F]:
    """Declare who may call an operation (as `@allowed` does for a page), and whether it
    writes; tests/test_access.py reads the declaration."""

    def mark(func: F) -> F:
        @wraps(func)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            require(request, allowed)
            if write:
                require_write(request)
            return func(request, *args, **kwargs)

        guarded.api_roles = frozenset(allowed)  # type: ignore[attr-defined]
        guarded.api_writes = write  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return mark
