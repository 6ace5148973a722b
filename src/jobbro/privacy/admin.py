"""Read-only admin for the erasure records: nobody adds, edits or deletes."""

from __future__ import annotations

from django.contrib import admin

from jobbro.accesslog.admin import ReadOnlyAdmin

from .models import ErasureRecord


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "candidate_ref", "reason", "username"]
    list_filter = ["reason"]
    search_fields = ["=candidate_ref", "username"]
