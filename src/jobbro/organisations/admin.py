"""Admin for the cooperation's set-up: municipalities, job centres, staff and partners."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    Cooperation,
    JobCentre,
    Membership,
    Municipality,
    PartnerOrganisation,
    SteeringGroupTerm,
    User,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", "latitude", "longitude"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
    ordering = ["code"]


class JobCentreInline(admin.TabularInline):
    model = JobCentre
    fields = ["name", "email", "phone"]
    extra = 0
    show_change_link = True


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "secretariat", "phone"]
    search_fields = ["name", "short_name"]
    inlines = [JobCentreInline]


@admin.register(JobCentre)
class JobCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "cooperation", "email", "phone"]
    list_filter = ["cooperation"]
    search_fields = ["name", "municipalities__name"]
    filter_horizontal = ["municipalities"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["job_centre"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "memberships__role"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "job_centre", "role"]
    list_filter = ["role", "job_centre"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "job_centre__name"]
    autocomplete_fields = ["user", "job_centre"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_recruitment_partner", "cooperation", "phone"]
    list_filter = ["kind", "is_recruitment_partner", "cooperation"]
    search_fields = ["name", "email"]


@admin.register(SteeringGroupTerm)
class SteeringGroupTermAdmin(admin.ModelAdmin):
    list_display = ["member", "job_centre", "is_chair", "starts_on", "ends_on"]
    list_filter = ["cooperation", "is_chair"]
    autocomplete_fields = ["member"]
    ordering = ["-starts_on"]
