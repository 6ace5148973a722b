"""Admin for candidates, their CVs and the target groups."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Candidate,
    Cv,
    Education,
    Experience,
    HeldQualification,
    SpokenLanguage,
    TargetGroup,
)


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "label_da", "label_en"]
    search_fields = ["code", "label_da", "label_en"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = [
        "last_name",
        "first_name",
        "job_centre",
        "municipality",
        "status",
        "consent_scope",
        "available_from",
    ]
    list_filter = ["status", "consent_scope", "job_centre"]
    list_select_related = ["job_centre", "municipality"]
    # By name only: the CPR number is not a search key anyone should type into an admin.
    search_fields = ["first_name", "last_name"]
    autocomplete_fields = ["municipality", "unemployment_fund"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["created_at", "updated_at"]


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0
    autocomplete_fields = ["occupation"]


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class HeldQualificationInline(admin.TabularInline):
    model = HeldQualification
    extra = 0


class SpokenLanguageInline(admin.TabularInline):
    model = SpokenLanguage
    extra = 0


@admin.register(Cv)
class CvAdmin(admin.ModelAdmin):
    list_display = ["candidate", "max_commute_km", "updated_at"]
    list_select_related = ["candidate"]
    search_fields = ["candidate__first_name", "candidate__last_name"]
    raw_id_fields = ["candidate"]
    autocomplete_fields = ["wished_occupations", "skills"]
    readonly_fields = ["updated_at"]
    inlines = [ExperienceInline, EducationInline, HeldQualificationInline, SpokenLanguageInline]
