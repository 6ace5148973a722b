"""The secretariat's page of API clients: issue a token (shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from jobbro.organisations.access import AuthedHttpRequest, allowed
from jobbro.organisations.models import Role
from jobbro.ui import add_service_errors

from . import selectors, services
from .forms import ApiClientForm
from .models import ApiClient

# The token just issued waits here for the page after the redirect, which shows it once.
ISSUED_SESSION_KEY = "api_clients_issued"


@allowed(Role.SECRETARIAT)
@require_http_methods(["GET", "POST"])
@never_cache
@transaction.atomic
def client_list(request: AuthedHttpRequest) -> HttpResponse:
    """Issue a token, then redirect (post/redirect/get, so reloading issues no second
    token): the page after the redirect shows it, this once; it is not stored."""
    form = ApiClientForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            new_client, new_token = services.client_issue(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[ISSUED_SESSION_KEY] = {"client": new_client.pk, "token": new_token}
            return redirect("api_clients:list")
    token: str | None = None
    issued: ApiClient | None = None
    waiting = request.session.pop(ISSUED_SESSION_KEY, None) if request.method == "GET" else None
    if isinstance(waiting, dict) and isinstance(waiting.get("client"), int):
        issued = selectors.clients_of(request.user).filter(pk=waiting["client"]).first()
        token = str(waiting.get("token", "")) if issued is not None else None
    response = render(
        request,
        "api/clients.html",
        {
            "form": form,
            "clients": selectors.clients_of(request.user),
            "token": token,
            "issued": issued,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@allowed(Role.SECRETARIAT)
@require_POST
def client_revoke(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(selectors.clients_of(request.user), pk=pk)
    services.client_revoke(actor=request.user, client=client)
    messages.success(request, _("The token of %(name)s is revoked.") % {"name": client.name})
    return redirect("api_clients:list")
