"""Single sign-on with the municipality's OpenID Connect IdP (mozilla-django-oidc).

Only existing Jobbro users log in this way: the IdP's verified e-mail names one active
user who holds a membership. Nobody is created from the IdP; membership stays an
administrator's decision.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from jobbro.organisations.access import public
from jobbro.organisations.models import User

from .middleware import two_factor_exempt

logger = logging.getLogger(__name__)


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def user_for_claims(claims: Mapping[str, Any]) -> User | None:
    """The one active user with a membership whose e-mail the IdP vouches for, if any."""
    email = str(claims.get("email") or "").strip()
    if not email or claims.get("email_verified") is False:
        return None
    users = list(
        User.objects.filter(email__iexact=email, is_active=True, memberships__isnull=False)
        .distinct()
        .order_by("pk")[:2]
    )
    if len(users) != 1:
        # Two users sharing an address is an administrator's mistake; picking one is not ours.
        logger.warning("OIDC login refused: %d Jobbro users match the IdP e-mail", len(users))
        return None
    return users[0]


class JobbroOIDCBackend(OIDCAuthenticationBackend):
    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> User | None:
        return user_for_claims(self.get_userinfo(access_token, id_token, payload))


class _CallbackView(OIDCAuthenticationCallbackView):
    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Single sign-on did not log you in: your e-mail address at the IdP does not "
                "belong to a Jobbro user. Ask your administrator."
            ),
        )
        return HttpResponseRedirect(reverse("login"))


_request_view = OIDCAuthenticationRequestView.as_view()
_callback_view = _CallbackView.as_view()


@public
@two_factor_exempt
def oidc_login(request: HttpRequest) -> HttpResponse:
    """Send the browser to the IdP; 404 where single sign-on is not configured."""
    if not oidc_enabled():
        raise Http404
    return _request_view(request)


@public
@two_factor_exempt
def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc_enabled():
        raise Http404
    return _callback_view(request)
