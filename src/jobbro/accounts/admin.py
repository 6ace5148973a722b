"""Recovery in the user admin: unlock a locked-out login, reset a lost authenticator."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy, ngettext

from jobbro.organisations.admin import UserAdmin as OrganisationsUserAdmin
from jobbro.organisations.models import User

from . import lockout, services

# Extends the organisations app's user admin (registered first: INSTALLED_APPS order).
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(OrganisationsUserAdmin):
    actions = ["unlock_login", "reset_two_factor"]

    @admin.action(description=gettext_lazy("Unlock login after too many wrong passwords"))
    def unlock_login(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            lockout.unlock(username=user.get_username())
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d user can log in again.",
                "%(count)d users can log in again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Reset two-factor authentication (lost phone)"))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.two_factor_reset(user=user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d user sets up two-factor authentication again at the next login.",
                "%(count)d users set up two-factor authentication again at the next login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
