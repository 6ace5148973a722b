"""Admin for occupations, skills, certificates and languages; searchable in both languages."""

from __future__ import annotations

from django.contrib import admin

from .models import IscoGroup, Language, Occupation, OccupationSkill, Qualification, Skill

LABEL_SEARCH = ["label_da", "label_en"]


@admin.register(IscoGroup)
class IscoGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "label_da", "label_en", "parent"]
    search_fields = ["code", *LABEL_SEARCH]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]


class OccupationSkillInline(admin.TabularInline):
    model = OccupationSkill
    extra = 0
    raw_id_fields = ["skill"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["label_da", "label_en", "code", "isco_group"]
    list_select_related = ["isco_group"]
    search_fields = ["code", "uri", *LABEL_SEARCH, "alt_labels_da", "alt_labels_en"]
    list_filter = ["isco_group__parent__parent__parent"]
    raw_id_fields = ["isco_group"]
    inlines = [OccupationSkillInline]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["label_en", "label_da", "kind"]
    list_filter = ["kind"]
    search_fields = ["uri", *LABEL_SEARCH, "alt_labels_da", "alt_labels_en"]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["label_da", "label_en", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["code", *LABEL_SEARCH, "synonyms"]
    prepopulated_fields = {"code": ["label_en"]}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "label_da", "label_en"]
    search_fields = ["code", *LABEL_SEARCH]
