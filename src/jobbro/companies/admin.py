"""Admin for industries, companies with their contact persons, the contact log and agreements."""

from __future__ import annotations

from django.contrib import admin

from .models import Company, ContactPerson, Industry, Interaction, RecruitmentAgreement


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["code", "label_da", "label_en", "version"]
    list_filter = ["version"]
    search_fields = ["code", "label_da", "label_en"]


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    fields = ["name", "title", "email", "phone", "is_primary"]
    extra = 0


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "cvr",
        "city",
        "municipality",
        "industry",
        "cooperation",
        "is_ambassador",
    ]
    list_filter = ["cooperation", "is_ambassador", "municipality"]
    list_select_related = ["municipality", "industry", "cooperation"]
    search_fields = ["name", "cvr", "p_number", "city"]
    autocomplete_fields = ["municipality", "industry", "contact_consultant"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ContactPersonInline]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "company", "kind", "consultant", "job_centre", "follow_up_on"]
    list_filter = ["kind", "job_centre"]
    list_select_related = ["company", "consultant", "job_centre"]
    search_fields = ["company__name", "company__cvr", "summary", "outcome"]
    date_hierarchy = "occurred_at"
    autocomplete_fields = ["company", "consultant", "job_centre"]
    raw_id_fields = ["contact"]


@admin.register(RecruitmentAgreement)
class RecruitmentAgreementAdmin(admin.ModelAdmin):
    list_display = [
        "company",
        "job_centre",
        "start_date",
        "end_date",
        "expected_hires",
        "job_guarantee",
    ]
    list_filter = ["job_guarantee", "job_centre"]
    list_select_related = ["company", "job_centre"]
    search_fields = ["company__name", "company__cvr", "terms"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["company", "job_centre", "signed_by", "occupations"]
    readonly_fields = ["created_at"]
