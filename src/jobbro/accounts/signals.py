from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from . import state
from .conf import OIDC_BACKEND
from .selectors import has_confirmed_device


@receiver(user_logged_in, dispatch_uid="jobbro_accounts_logged_in")
def remember_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None:
        return
    session = request.session
    session[state.LAST_SEEN] = time.time()
    if has_confirmed_device(user=user):
        session[state.OTP_DUE] = True
    if session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND and settings.JOBBRO_OIDC_SATISFIES_2FA:
        session[state.IDP_MFA] = True
