"""Read-only admin for the access log: nobody adds, edits or deletes."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AccessLogEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "job_centre", "candidate_ref", "purpose", "view_name"]
    list_filter = ["purpose", "job_centre"]
    search_fields = ["username", "=candidate_ref"]
    date_hierarchy = "at"
    list_select_related = ["job_centre"]
