"""Admin for inquiries (their state and log read-only) and the target changes."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import Inquiry, InquiryTransition, TargetChange


class TransitionInline(admin.TabularInline):
    model = InquiryTransition
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in InquiryTransition._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["reference", "company_name", "channel", "received_at", "routed_to", "status"]
    list_filter = ["channel", "status", "routed_to"]
    search_fields = ["reference", "company_name", "cvr"]
    raw_id_fields = ["company", "registered_by"]
    # Moves go through the services, which log them; the admin must not move an inquiry
    # past the transition log.
    readonly_fields = [
        "status",
        "routed_to",
        "at_secretariat",
        "assigned_to",
        "respond_by",
        "first_response_at",
        "first_response_by",
        "company_unverified",
        "anonymised_at",
    ]
    inlines = [TransitionInline]


@admin.register(TargetChange)
class TargetChangeAdmin(admin.ModelAdmin):
    list_display = ["cooperation", "at", "by", "inquiry_response_hours", "request_reminder_hours"]
