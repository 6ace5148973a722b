"""Admin for projects, job orders with requirements and tasks, referrals with their log, hires."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    FollowUp,
    JobOrder,
    JobOrderTask,
    Placement,
    Project,
    Referral,
    ReferralTransition,
    Requirement,
)


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "cooperation", "start_date", "end_date"]
    list_filter = ["cooperation"]
    search_fields = ["name", "description"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    fields = [
        "importance",
        "kind",
        "qualification",
        "language",
        "language_level",
        "skill",
        "min_years",
    ]
    raw_id_fields = ["skill"]
    extra = 0


class JobOrderTaskInline(admin.TabularInline):
    model = JobOrderTask
    fields = ["position", "title", "needs_trade", "positions", "hours_per_week", "skills"]
    raw_id_fields = ["skills"]
    extra = 0


@admin.register(JobOrder)
class JobOrderAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "company",
        "job_centre",
        "by_secretariat",
        "kind",
        "status",
        "hires",
        "positions",
        "deadline",
    ]
    list_filter = ["status", "kind", "job_centre", "by_secretariat", "project"]
    list_select_related = ["company", "job_centre"]
    search_fields = ["title", "company__name", "company__cvr", "tasks"]
    date_hierarchy = "created_at"
    raw_id_fields = ["company", "occupation", "created_by", "workplace_municipality"]
    readonly_fields = ["hires", "created_at", "updated_at"]
    inlines = [RequirementInline, JobOrderTaskInline]


class ReferralTransitionInline(admin.TabularInline):
    """The log is append-only: shown, never edited here."""

    model = ReferralTransition
    fields = ["at", "from_state", "to_state", "by", "reason"]
    readonly_fields = ["at", "from_state", "to_state", "by", "reason"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["candidate", "job_order", "state", "proposed_by", "created_at"]
    list_filter = ["state"]
    list_select_related = ["candidate", "job_order__company", "proposed_by"]
    search_fields = ["candidate__first_name", "candidate__last_name", "job_order__title"]
    raw_id_fields = ["job_order", "candidate", "proposed_by"]
    # The state moves only through the services, which write the log.
    readonly_fields = ["state", "created_at", "updated_at"]
    inlines = [ReferralTransitionInline]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    fields = ["step", "due_on", "done_at", "done_by", "still_employed", "ordinary_hours", "note"]
    raw_id_fields = ["done_by"]
    extra = 0


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["referral", "start_date", "hours_per_week", "ordinary_hours"]
    list_select_related = ["referral__candidate", "referral__job_order__company"]
    raw_id_fields = ["referral", "recorded_by", "onboarding_consultant"]
    search_fields = ["referral__candidate__last_name", "referral__job_order__title"]
    inlines = [FollowUpInline]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["placement", "step", "due_on", "done_at", "still_employed"]
    list_filter = ["step", "still_employed"]
    list_select_related = ["placement__referral__candidate", "placement__referral__job_order"]
    date_hierarchy = "due_on"
    raw_id_fields = ["placement", "done_by"]
