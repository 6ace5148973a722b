"""The login steps: password (with the single sign-on button), TOTP code, TOTP enrolment.

The two-factor views are @public because they belong to logging in, like the login page:
they check themselves that a password login happened, and admit any user (an
administrator may hold no job-centre role).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobbro.organisations.access import public

from . import services, state
from .forms import TokenForm
from .middleware import two_factor_exempt
from .oidc import oidc_enabled
from .selectors import confirmed_device


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        context["oidc_provider_name"] = settings.JOBBRO_OIDC_PROVIDER_NAME
        return context


login = public(two_factor_exempt(LoginView.as_view()))
logout = public(two_factor_exempt(auth_views.LogoutView.as_view()))


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _throttled(device: TOTPDevice) -> bool:
    """After wrong codes the device refuses every code for a doubling wait (django-otp)."""
    allowed, _info = device.verify_is_allowed()
    return not allowed


_THROTTLED = gettext_lazy("Too many wrong codes. Wait a moment and try again with a new code.")
_WRONG = gettext_lazy("The code is wrong or has expired. Enter the code your app shows now.")


@public
@two_factor_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    next_url = _next_url(request)
    if state.two_factor_done(request):
        return redirect(next_url)
    device = confirmed_device(user=request.user)
    if device is None:
        return redirect(_with_next("accounts:enrol", next_url))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _throttled(device):
            form.add_error("token", _THROTTLED)
        elif device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(next_url)
        else:
            form.add_error("token", _WRONG)
    return render(request, "accounts/verify.html", {"form": form, "next": next_url})


@public
@two_factor_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    next_url = _next_url(request)
    user: Any = request.user
    if confirmed_device(user=user) is not None:
        # A second device would let anyone with the password replace the owner's phone.
        if state.two_factor_done(request):
            return redirect(next_url)
        return redirect(_with_next("accounts:verify", next_url))
    # The secret lives in the session until confirmed: showing the page writes no device.
    key = request.session.get(state.ENROLMENT_KEY) or services.enrolment_key()
    request.session[state.ENROLMENT_KEY] = key
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.enrolment_confirm(user=user, key=key, token=form.cleaned_data["token"])
        if device is not None:
            del request.session[state.ENROLMENT_KEY]
            otp_login(request, device)
            request.session[state.OTP_DUE] = True
            request.session.cycle_key()
            messages.success(
                request, _("Two-factor authentication is set up. Use the app at every login.")
            )
            return redirect(next_url)
        form.add_error("token", _WRONG)
    device = services.enrolment_preview(user=user, key=key)
    context = {
        "form": form,
        "next": next_url,
        # Our own SVG of our own data; nothing user-supplied reaches the markup.
        "qr_svg": mark_safe(services.qr_code_svg(device.config_url)),  # noqa: S308
        "secret": services.device_secret(device),
    }
    return render(request, "accounts/enrol.html", context)
