"""Deny by default: every view declares who may use it, or nobody can.

Views are decorated with `@allowed(Role.X, ...)` (any signed-in user holding one of the
roles at some job centre) or `@public` (no login, e.g. the login page). The middleware
refuses any view that declares neither, so a forgotten declaration fails closed and the
permission-matrix test names it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jobbro.ui import to_login

from .models import Role, User

View = TypeVar("View", bound=Callable[..., Any])

ALL_ROLES = tuple(Role)
# Who works with what; views name one of these so the policy reads in one place.
# Leaders follow the work and its figures; they neither edit nor see CVs.
LEADERS = (Role.TEAM_LEADER, Role.MANAGER, Role.STEERING_GROUP)
COMPANY_READERS = (
    Role.BUSINESS_CONSULTANT,
    Role.JOB_CONSULTANT,
    Role.RECRUITMENT_CONSULTANT,
    Role.SECRETARIAT,
    *LEADERS,
)
COMPANY_EDITORS = (Role.BUSINESS_CONSULTANT, Role.SECRETARIAT)
JOB_ORDER_READERS = (*COMPANY_READERS, Role.ONBOARDING_CONSULTANT)
JOB_ORDER_EDITORS = COMPANY_EDITORS
# Projects (a metro line, a hospital) span the cooperation: all its staff who work with
# job orders follow them; the secretariat, which runs the cooperation, and the job-centre
# managers, who commit their centres to a project, set them up.
PROJECT_READERS = JOB_ORDER_READERS
PROJECT_EDITORS = (Role.SECRETARIAT, Role.MANAGER)
# Personal data: only those who work with the unemployed themselves. The secretariat
# recruits across the cooperation but owns no one, so it sees consenting candidates only.
CANDIDATE_READERS = (
    Role.BUSINESS_CONSULTANT,
    Role.JOB_CONSULTANT,
    Role.RECRUITMENT_CONSULTANT,
    Role.ONBOARDING_CONSULTANT,
    Role.SECRETARIAT,
)
CANDIDATE_OWNERS = tuple(r for r in CANDIDATE_READERS if r != Role.SECRETARIAT)
# Owners: create, edit and erase their job centre's candidates and see their CPR.
CANDIDATE_EDITORS = (Role.JOB_CONSULTANT,)
REFERRERS = (
    Role.BUSINESS_CONSULTANT,
    Role.JOB_CONSULTANT,
    Role.RECRUITMENT_CONSULTANT,
    Role.SECRETARIAT,
)
FOLLOW_UP_RECORDERS = (
    Role.ONBOARDING_CONSULTANT,
    Role.BUSINESS_CONSULTANT,
    Role.JOB_CONSULTANT,
    Role.RECRUITMENT_CONSULTANT,
)

# Views Django ships that we do not decorate ourselves.
_PUBLIC_MODULE_PREFIXES = ("django.contrib.admin.", "django.views.static", "django.views.i18n")


class AuthedHttpRequest(HttpRequest):
    """A request that passed the middleware: the user is signed in."""

    user: User


def allowed(*roles: Role) -> Callable[[View], View]:
    if not roles:
        raise ValueError("Name at least one role; use @public for open views.")

    def mark(view: View) -> View:
        view.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


def public(view: View) -> View:
    view.is_public = True  # type: ignore[attr-defined]
    return view


def declared_roles(view: Callable[..., Any]) -> frozenset[Role] | None:
    """The roles a view admits; None when it declares nothing (the middleware refuses it)."""
    target = getattr(view, "view_class", view)
    roles = getattr(view, "allowed_roles", None) or getattr(target, "allowed_roles", None)
    return frozenset(roles) if roles else None


def is_public(view: Callable[..., Any]) -> bool:
    """Open to the middleware: declared public, or guarded by Django itself (the admin
    checks staff status and model permissions, also for ModelAdmin methods we override)."""
    target = getattr(view, "view_class", view)
    if getattr(view, "is_public", False) or getattr(target, "is_public", False):
        return True
    if getattr(view, "model_admin", None) is not None:
        return True
    return view.__module__.startswith(_PUBLIC_MODULE_PREFIXES)


def request_roles(request: HttpRequest) -> frozenset[str]:
    """The roles of the request's user; none for a request refused before the authentication
    middleware ran (a 400 for an unknown host name still renders the error page)."""
    user = getattr(request, "user", None)
    return user_roles(user) if user is not None else frozenset()


def user_roles(user: Any) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_jobbro_roles", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("role", flat=True))
        user._jobbro_roles = cached
    return cached


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if is_public(view):
            return None
        if not request.user.is_authenticated:
            return to_login(request, request.get_full_path())
        roles = declared_roles(view)
        if roles is None or not (user_roles(request.user) & roles):
            raise PermissionDenied
        return None
