from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobbro.organisations.access import ALL_ROLES, AuthedHttpRequest, allowed

from . import selectors, services
from .forms import NotificationSettingsForm
from .models import USER_KINDS

RECENT_MAILS = 20


@allowed(*ALL_ROLES)
def notification_settings(request: AuthedHttpRequest) -> HttpResponse:
    """Which mails the user gets and in which language; the mails sent lately."""
    current = services.settings_for(request.user)
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST)
        if form.is_valid():
            services.settings_update(
                user=request.user,
                language=form.cleaned_data["language"],
                kinds=form.cleaned_data["kinds"],
            )
            messages.success(request, _("Your mail settings are saved."))
            return redirect("notifications:settings")
    else:
        form = NotificationSettingsForm(
            initial={
                "kinds": [k.value for k in USER_KINDS if current.wants(k)],
                "language": current.language,
            }
        )
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "mails": selectors.notifications_to(request.user)[:RECENT_MAILS],
        },
    )
